// Builds annex files in the layouts units actually mail (title lines, units in
// the header or a line or a note, subtotal rows, hidden rows and columns,
// merged cells, numbers typed as text …) from the published Wenzhou rows, and
// says — from the source file alone, never through the importer — what each
// project must come out as.
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { source, type SourceRow } from "./wenzhou-source";

export type Layout = {
  format?: "xlsx" | "csv";
  unit?: "亿元" | "万元";
  /** Where the unit is stated: in the amount headers, a line above, or a note under the table. */
  unitWhere?: "header" | "line" | "note" | "nowhere";
  title?: string | null;
  /** The title merged across the table (xlsx), or typed in one cell. */
  titleMerged?: boolean;
  /** A 附件/附表 line above the title. */
  attachmentLine?: string | null;
  /** Domain rows merged across (the published form), or a domain column. */
  domains?: "rows" | "column";
  /** A subtotal after each domain's projects: the label for domain i (its name given), null for none. */
  subtotal?: ((domain: string, i: number) => string) | null;
  /** The subtotal row's figures are off by this much in 亿元 (a wrong subtotal). */
  subtotalError?: string;
  /** A grand total row, at the top (under the header) or at the bottom. */
  grandTotal?: { label: string; where: "top" | "bottom" } | null;
  /** Amounts as text with thousands separators (“12,000”). */
  numbersAsText?: boolean;
  spacerRows?: boolean;
  notes?: string[];
  /** A second sheet before the annex (说明) or after it. */
  extraSheet?: "before" | "after" | null;
  /** Withdrawn projects kept as hidden rows after these source seqs. */
  hiddenProjectsAfter?: number[];
  /** Two total columns: 调整前 (figures ×2) and 调整后 (the real ones), as one or two header rows. */
  twoTotals?: "one-row" | "two-rows" | "hidden-old" | null;
  /** The 总投资 of these two consecutive seqs merged into one cell. */
  mergeTotalOf?: [number, number] | null;
  /** A two-row header: 总投资 merged over 合计 | 其中：十四五. */
  twoRowHeader?: boolean;
  /** A “其中：” breakdown row under this seq's project. */
  breakdownUnder?: number | null;
  /** A column-number row (1 2 3 …) under the header. */
  columnNumbers?: boolean;
  rows?: SourceRow[];
  /** Any other change to the sheet's cells, row by row (rows keep their places): a column moved, a header reworded … */
  edit?: (cells: (string | number)[][]) => (string | number)[][];
};

export type ExpectedRow = { seq: number; name: string; domain: string; totalWan: string; fypWan: string; period: string; location: string; units: string[] };

const HEADER = ["序号", "项目名称", "项目类型", "项目期限", "建设地点", "建设内容和规模", "总投资", "“十四五”投资", "组织实施单位"];

/** A figure of the source (亿元 as published) in the file's unit, exactly. */
export function inUnit(published: string, unit: "亿元" | "万元"): string {
  if (published === "待定" || published === "——") return published;
  return unit === "亿元" ? published : new Decimal(published).times(10_000).toFixed();
}

/** What the importer must store for a published figure, in 万元 (待定 and —— as such). */
export function expectedWan(published: string): string {
  if (published === "待定" || published === "——") return published;
  return new Decimal(published).times(10_000).toFixed();
}

export function expectedRows(rows: SourceRow[] = source): ExpectedRow[] {
  return rows.map((r) => ({
    seq: r.seq,
    name: r.name,
    domain: r.domain,
    totalWan: expectedWan(r.totalInvestment),
    fypWan: expectedWan(r.fypInvestment),
    period: r.period,
    location: r.location,
    units: r.units,
  }));
}

function withCommas(text: string): string {
  if (!/^\d+(\.\d+)?$/.test(text)) return text;
  const [whole, fraction] = text.split(".");
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (fraction ? `.${fraction}` : "");
}

function sumOf(rows: SourceRow[], key: "totalInvestment" | "fypInvestment"): Decimal {
  return rows.reduce((s, r) => (/^[\d.]+$/.test(r[key]) ? s.plus(r[key]) : s), new Decimal(0));
}

const CHINESE = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

/** The rows of the sheet as cells, with the merges, hidden rows and hidden columns to apply. */
export function layoutCells(layout: Layout) {
  const unit = layout.unit ?? "亿元";
  const unitWhere = layout.unitWhere ?? "header";
  const rows = layout.rows ?? source;
  const header = [...HEADER];
  if (layout.domains === "column") header.splice(1, 0, "领域");
  const totalIndex = header.indexOf("总投资");
  const cells: (string | number)[][] = [];
  const merges: string[] = [];
  const hiddenRows: number[] = [];
  const hiddenColumns: number[] = [];
  const width = () => header.length + (layout.twoTotals ? 1 : 0);
  const letter = (n: number) => String.fromCharCode(64 + n);

  if (layout.attachmentLine) cells.push([layout.attachmentLine]);
  if (layout.title !== null) {
    const title = layout.title ?? "温州市社会发展和基本公共服务体系“十四五”规划重大项目表";
    cells.push([title]);
    if (layout.titleMerged) merges.push(`A${cells.length}:${letter(width())}${cells.length}`);
  }
  if (unitWhere === "line") cells.push(["", "", "", "", "", "", "", `单位：${unit}`]);

  const amountHeader = (h: string) => (unitWhere === "header" ? `${h}\n（${unit}）` : h);
  let headerRows: string[][];
  if (layout.twoTotals === "one-row" || layout.twoTotals === "hidden-old") {
    const top = header.map((h) => (h === "总投资" ? amountHeader(layout.twoTotals === "hidden-old" ? "原总投资" : "调整前总投资") : h === "“十四五”投资" ? amountHeader(h) : h));
    top.splice(totalIndex + 1, 0, amountHeader(layout.twoTotals === "hidden-old" ? "总投资" : "调整后总投资"));
    headerRows = [top];
  } else if (layout.twoTotals === "two-rows") {
    const top = header.map((h) => (h === "总投资" ? amountHeader("总投资") : h === "“十四五”投资" ? amountHeader(h) : h));
    top.splice(totalIndex + 1, 0, amountHeader("总投资"));
    const bottom = top.map((h, i) => (i === totalIndex ? "调整前" : i === totalIndex + 1 ? "调整后" : h));
    headerRows = [top, bottom];
  } else if (layout.twoRowHeader) {
    const top = header.map((h) => (h === "总投资" || h === "“十四五”投资" ? amountHeader("总投资") : h));
    const bottom = header.map((h) => (h === "总投资" ? "合计" : h === "“十四五”投资" ? "其中：“十四五”投资" : h));
    headerRows = [top, bottom];
  } else {
    headerRows = [header.map((h) => (h === "总投资" || h === "“十四五”投资" ? amountHeader(h) : h))];
  }
  const headerStart = cells.length + 1;
  cells.push(...headerRows);
  if (headerRows.length === 2) {
    headerRows[0]!.forEach((h, i) => {
      if (headerRows[1]![i] === h) merges.push(`${letter(i + 1)}${headerStart}:${letter(i + 1)}${headerStart + 1}`);
    });
    if (layout.twoRowHeader || layout.twoTotals === "two-rows") {
      const first = headerRows[0]!.indexOf(headerRows[0]![totalIndex]!);
      merges.push(`${letter(first + 1)}${headerStart}:${letter(first + 2)}${headerStart}`);
    }
  }
  if (layout.twoTotals === "hidden-old") hiddenColumns.push(totalIndex + 1);
  if (layout.columnNumbers) cells.push(headerRows[0]!.map((_, i) => String(i + 1)));

  const amount = (text: string) => {
    const value = inUnit(text, unit);
    if (!/^[\d.]+$/.test(value)) return value;
    return layout.numbersAsText ? withCommas(value) : Number(value);
  };
  const projectCells = (r: SourceRow, overrideTotal?: string) => {
    const line: (string | number)[] = [r.seq, r.name, r.type, r.period, r.location, r.content, amount(overrideTotal ?? r.totalInvestment), amount(r.fypInvestment), r.units.join("、")];
    if (layout.domains === "column") line.splice(1, 0, r.domain);
    if (layout.twoTotals) {
      const before = /^[\d.]+$/.test(r.totalInvestment) ? new Decimal(r.totalInvestment).times(2).toFixed() : r.totalInvestment;
      line.splice(totalIndex, 0, amount(before));
    }
    return line;
  };
  const figureRow = (label: string, rs: SourceRow[], error = "0") => {
    const line: (string | number)[] = Array(width()).fill("");
    line[header.indexOf("项目名称")] = label;
    const total = sumOf(rs, "totalInvestment").plus(error).toFixed();
    const fyp = sumOf(rs, "fypInvestment").toFixed();
    const at = totalIndex + (layout.twoTotals ? 1 : 0);
    line[at] = amount(total);
    line[at + 1] = amount(fyp);
    if (layout.twoTotals) line[totalIndex] = amount(new Decimal(total).times(2).toFixed());
    return line;
  };

  if (layout.grandTotal?.where === "top") cells.push(figureRow(layout.grandTotal.label, rows));
  const domains = [...new Set(rows.map((r) => r.domain))];
  domains.forEach((domain, i) => {
    const of = rows.filter((r) => r.domain === domain);
    if (layout.domains !== "column") {
      cells.push(Array(width()).fill(`${CHINESE[i]}、${domain}`));
      merges.push(`A${cells.length}:${letter(width())}${cells.length}`);
    }
    for (const r of of) {
      cells.push(projectCells(r));
      if (layout.mergeTotalOf && r.seq === layout.mergeTotalOf[1]) merges.push(`${letter(totalIndex + 1)}${cells.length - 1}:${letter(totalIndex + 1)}${cells.length}`);
      if (layout.breakdownUnder === r.seq) {
        const part = Array(width()).fill("") as (string | number)[];
        part[header.indexOf("项目名称")] = "其中：中央预算内投资";
        part[totalIndex] = amount(/^[\d.]+$/.test(r.totalInvestment) ? new Decimal(r.totalInvestment).dividedBy(2).toFixed() : "0");
        cells.push(part);
      }
      if (layout.hiddenProjectsAfter?.includes(r.seq)) {
        cells.push(projectCells({ ...r, seq: 900 + r.seq, name: `已撤销项目${r.seq}` }));
        hiddenRows.push(cells.length);
      }
      if (layout.spacerRows) cells.push([]);
    }
    if (layout.subtotal) cells.push(figureRow(layout.subtotal(domain, i), of, i === 0 ? (layout.subtotalError ?? "0") : "0"));
  });
  if (layout.grandTotal?.where === "bottom") cells.push(figureRow(layout.grandTotal.label, rows));
  if (unitWhere === "note") cells.push([`注：1. 本表金额单位为${unit}。`]);
  for (const note of layout.notes ?? []) cells.push([note]);
  return { cells, merges, hiddenRows, hiddenColumns };
}

export async function layoutFile(layout: Layout): Promise<{ bytes: Uint8Array; fileName: string }> {
  const built = layoutCells(layout);
  const { merges, hiddenRows, hiddenColumns } = built;
  const cells = layout.edit ? layout.edit(built.cells) : built.cells;
  if (layout.format === "csv") {
    const quote = (v: string | number) => {
      const s = String(v);
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const text = "\uFEFF" + cells.map((r) => r.map(quote).join(",")).join("\r\n");
    return { bytes: new TextEncoder().encode(text), fileName: "annex.csv" };
  }
  const workbook = new ExcelJS.Workbook();
  if (layout.extraSheet === "before") workbook.addWorksheet("填表说明").addRow(["请按附件格式填写，金额保留一位小数。"]);
  const sheet = workbook.addWorksheet("重大项目表");
  cells.forEach((r, i) => (sheet.getRow(i + 1).values = r));
  for (const m of merges) sheet.mergeCells(m);
  for (const r of hiddenRows) sheet.getRow(r).hidden = true;
  for (const c of hiddenColumns) sheet.getColumn(c).hidden = true;
  if (layout.extraSheet === "after") workbook.addWorksheet("备注").addRow(["联系人：张三"]);
  return { bytes: new Uint8Array(await workbook.xlsx.writeBuffer()), fileName: "annex.xlsx" };
}
