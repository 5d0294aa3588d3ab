// Turns the cells of an annex sheet into projects, the way a DRC clerk reads
// the table: title lines above, a header (one or two rows, merged cells, the
// wordings different plans use), the money unit from the header or a 单位
// line, domain rows merged across the table, 待定 / —— amounts, several units
// in one cell. Every problem is reported per row and column: errors block the
// import, warnings do not.
import { parsePublishedAmount, type Amount, type MoneyUnit } from "@/lib/money/amount";
import type { AnnexRecord } from "@/lib/plans/create-plan";
import { parsePeriod } from "@/lib/projects/period";
import { resolveLocation, type RegionForResolution } from "@/lib/regions/resolve-location";
import { splitUnitNames } from "@/lib/units/unit-names";
import type { TableSheet } from "./read-table-file";

export type ColumnKey = "seq" | "domain" | "name" | "code" | "type" | "period" | "location" | "content" | "total" | "fyp" | "units";

/** The wordings plans use for each column; the first that matches wins, so 十四五 is tried before 总投资. */
const COLUMN_WORDINGS: [ColumnKey, RegExp][] = [
  ["seq", /^序号$/],
  ["fyp", /十四五/],
  ["total", /总投资/],
  ["name", /^项目名称$/],
  ["code", /项目代码/],
  ["type", /^(项目类型|建设性质|项目性质)$/],
  ["period", /^(项目期限|建设年限|建设起止年限|建设期限|起止年限|建设周期)$/],
  ["location", /^(建设地点|项目地点|建设地址)$/],
  ["content", /^(建设内容和规模|建设内容及规模|主要建设内容|建设规模及内容|建设内容)$/],
  ["units", /^(组织实施单位|责任单位|实施主体|实施单位|项目业主|牵头单位)$/],
  ["domain", /^(领域|所属领域|项目领域)$/],
];

export const COLUMN_LABELS: Record<ColumnKey, string> = {
  seq: "序号",
  domain: "领域",
  name: "项目名称",
  code: "项目代码",
  type: "项目类型",
  period: "项目期限",
  location: "建设地点",
  content: "建设内容和规模",
  total: "总投资",
  fyp: "“十四五”投资",
  units: "组织实施单位",
};

export type ImportIssue = { row: number; column: string | null; severity: "error" | "warning"; message: string };

export type ParsedRow = { row: number; record: AnnexRecord };

export type PublishedRollupRecord = { position: number; label: string; domainName: string | null; projectCount: number | null; total: Amount; fyp: Amount };

export type ParsedAnnex = {
  title: string | null;
  sheetName: string;
  moneyUnit: MoneyUnit;
  columns: Partial<Record<ColumnKey, number>>;
  rows: ParsedRow[];
  issues: ImportIssue[];
  publishedRollup: PublishedRollupRecord[] | null;
  /** The 分类汇总表's title line, as printed. */
  publishedRollupTitle: string | null;
};

export type ParseContext = { regions: RegionForResolution[]; cityCode: string; knownUnitNames: string[] };

export class AnnexFormatError extends Error {}

/** Strips what differs between wordings of one header: spaces, line breaks, quotes, the unit in brackets. */
function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, "")
    .replace(/[“”"'‘’]/g, "")
    .replace(/[(（][^)）]*(亿元|万元)[^)）]*[)）]/g, "")
    .replace(/^其中[:：]?/, "");
}

function columnOf(label: string): ColumnKey | null {
  const normalised = normaliseHeader(label);
  if (!normalised) return null;
  for (const [key, pattern] of COLUMN_WORDINGS) if (pattern.test(normalised)) return key;
  return null;
}

type Header = { row: number; height: 1 | 2; columns: Partial<Record<ColumnKey, number>>; labels: string[] };

/** Finds the header in the first rows: one row, or two where a merged top row (总投资) is split below (其中：十四五). */
function findHeader(rows: string[][]): Header | null {
  const limit = Math.min(rows.length, 20);
  for (let r = 0; r < limit; r++) {
    for (const height of [2, 1] as const) {
      if (height === 2 && r + 1 >= rows.length) continue;
      const labels = rows[r]!.map((top, c) => {
        const bottom = height === 2 ? (rows[r + 1]![c] ?? "") : "";
        return bottom && bottom !== top ? `${top}${bottom}` : top;
      });
      const columns: Partial<Record<ColumnKey, number>> = {};
      labels.forEach((label, c) => {
        const key = columnOf(label);
        if (key && columns[key] === undefined) columns[key] = c;
      });
      const found = Object.keys(columns).length;
      // A second header row must add something; otherwise it is the first data row.
      if (height === 2 && found <= countColumns(rows[r]!)) continue;
      if (columns.name !== undefined && (columns.total !== undefined || columns.fyp !== undefined) && found >= 4) {
        return { row: r, height, columns, labels };
      }
    }
  }
  return null;
}

function countColumns(row: string[]): number {
  return new Set(row.map(columnOf).filter(Boolean)).size;
}

function moneyUnitOf(rows: string[][], header: Header): MoneyUnit {
  const amountLabels = [header.columns.total, header.columns.fyp].flatMap((c) => (c === undefined ? [] : [header.labels[c] ?? ""]));
  for (const label of amountLabels) {
    if (label.includes("万元")) return "万元";
    if (label.includes("亿元")) return "亿元";
  }
  for (const row of rows.slice(0, header.row)) {
    const line = row.join(" ");
    const m = /单位[:：]\s*(亿元|万元)/.exec(line);
    if (m) return m[1] as MoneyUnit;
  }
  return "万元";
}

/** The first title-like line above the header (not 附件 or a 单位 line). */
function titleOf(rows: string[][], header: Header): string | null {
  for (const row of rows.slice(0, header.row)) {
    const text = row.find((c) => c.trim())?.trim() ?? "";
    if (text && !/^附件/.test(text) && !/^单位[:：]/.test(text)) return text.replace(/\s+/g, "");
  }
  return null;
}

/** Soft-wrapped text: a line break between two Chinese characters was only wrapping. */
export function joinWrapped(text: string): string {
  return text
    .replace(/([\u3000-\u9fff\uff00-\uffef])\s*\n\s*([\u3000-\u9fff\uff00-\uffef])/g, "$1$2")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

const DOMAIN_NUMBERING = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.．])\s*/;

function domainName(label: string): string {
  return joinWrapped(label).replace(DOMAIN_NUMBERING, "").trim();
}

/** A row whose non-empty cells all say the same thing (merged across), naming no project. */
function sectionLabel(row: string[], header: Header): string | null {
  const filled = row.map((c) => c.trim()).filter(Boolean);
  if (filled.length === 0) return null;
  const allSame = filled.every((c) => c === filled[0]);
  const seq = header.columns.seq !== undefined ? (row[header.columns.seq] ?? "").trim() : "";
  if (allSame && (filled.length > 1 || !/^\d+$/.test(seq))) return filled[0]!;
  return null;
}

export function parseAnnexSheets(sheets: TableSheet[], context: ParseContext): ParsedAnnex {
  const annexSheet = sheets.find((s) => findHeader(s.rows));
  if (!annexSheet) {
    if (sheets.every((s) => s.rows.every((r) => r.every((c) => !c.trim())))) throw new AnnexFormatError("文件中没有任何内容");
    throw new AnnexFormatError("找不到重大项目表的表头：需要“项目名称”和“总投资”或“十四五投资”等列（表头应在前 20 行内）");
  }
  const parsed = parseAnnexSheet(annexSheet, context);
  const rollupSheet = sheets.find((s) => s !== annexSheet && /汇总/.test(s.name + (s.rows[0]?.join("") ?? "")));
  return {
    ...parsed,
    publishedRollup: rollupSheet ? parsePublishedRollup(rollupSheet, parsed.moneyUnit, parsed.issues) : null,
    publishedRollupTitle: rollupSheet ? publishedRollupTitle(rollupSheet) : null,
  };
}

function parseAnnexSheet(sheet: TableSheet, context: ParseContext): Omit<ParsedAnnex, "publishedRollup" | "publishedRollupTitle"> {
  const knownUnits = new Set(context.knownUnitNames);
  const header = findHeader(sheet.rows)!;
  const moneyUnit = moneyUnitOf(sheet.rows, header);
  const issues: ImportIssue[] = [];
  const rows: ParsedRow[] = [];
  const cols = header.columns;
  const cell = (row: string[], key: ColumnKey) => (cols[key] === undefined ? "" : (row[cols[key]!] ?? ""));
  let domain: string | null = null;
  let autoSeq = 0;

  for (let r = header.row + header.height; r < sheet.rows.length; r++) {
    const row = sheet.rows[r]!;
    const excelRow = r + 1;
    const issue = (column: ColumnKey | null, severity: ImportIssue["severity"], message: string) =>
      issues.push({ row: excelRow, column: column ? COLUMN_LABELS[column] : null, severity, message });

    const section = sectionLabel(row, header);
    if (section !== null) {
      if (/^(合计|总计|小计|汇总)/.test(section.replace(/\s/g, ""))) continue;
      domain = domainName(section);
      continue;
    }
    const name = joinWrapped(cell(row, "name"));
    if (!name) {
      if (row.some((c) => c.trim())) issue("name", "warning", "该行没有项目名称，已跳过");
      continue;
    }
    if (/^(合计|总计|小计)$/.test(name)) continue;

    const rowDomain = cols.domain !== undefined ? domainName(cell(row, "domain")) || domain : domain;
    if (!rowDomain) issue("domain", "error", "无法确定项目所属领域：表中既没有领域列，项目前也没有领域行");

    const seqText = cell(row, "seq").trim();
    let seq = ++autoSeq;
    if (/^\d+$/.test(seqText)) seq = autoSeq = Number(seqText);
    else if (cols.seq !== undefined) issue("seq", "warning", seqText ? `序号“${seqText}”不是数字，按顺序编为 ${seq}` : `缺少序号，按顺序编为 ${seq}`);

    const total = amountCell(cell(row, "total"), moneyUnit, "total", issue, cols.total !== undefined);
    const fyp = amountCell(cell(row, "fyp"), moneyUnit, "fyp", issue, cols.fyp !== undefined);
    if (total?.state === "VALUE" && fyp?.state === "VALUE" && fyp.wan.greaterThan(total.wan)) {
      issue("fyp", "error", "“十四五”投资大于总投资");
    }

    const periodText = joinWrapped(cell(row, "period"));
    const period = periodText ? parsePeriod(periodText) : null;
    if (!periodText) issue("period", "warning", "项目期限为空");
    else if (!period!.ok) issue("period", "error", period!.error);
    else for (const w of period!.warnings) issue("period", "warning", w);

    const locationText = joinWrapped(cell(row, "location"));
    const location = resolveLocation(locationText, context.regions, context.cityCode);
    if (location.resolution === "UNRESOLVED") issue("location", "warning", `建设地点“${locationText}”${location.rule}`);

    const unitNames = splitUnitNames(cell(row, "units"), context.knownUnitNames);
    if (unitNames.length === 0) issue("units", "warning", "没有组织实施单位");
    const unknownUnits = unitNames.filter((u) => !knownUnits.has(u));
    if (unknownUnits.length) issue("units", "warning", `单位名录中没有“${unknownUnits.join("、")}”，导入时将新建`);

    const type = joinWrapped(cell(row, "type"));
    if (!type) issue("type", "warning", "项目类型为空");

    const fypAboveTotal = total?.state === "VALUE" && fyp?.state === "VALUE" && fyp.wan.greaterThan(total.wan);
    if (!rowDomain || !total || !fyp || (period && !period.ok) || fypAboveTotal) continue;
    rows.push({
      row: excelRow,
      record: {
        seq,
        domain: rowDomain,
        name,
        type: type || "未填",
        periodText,
        periodStart: period?.ok ? period.start : null,
        periodEnd: period?.ok ? period.end : null,
        locationText,
        location,
        content: cell(row, "content").trim(),
        total,
        fyp,
        unitNames,
      },
    });
  }
  warnDuplicateNames(rows, issues);
  return { title: titleOf(sheet.rows, header), sheetName: sheet.name, moneyUnit, columns: cols, rows, issues };
}

function amountCell(
  text: string,
  unit: MoneyUnit,
  column: ColumnKey,
  issue: (c: ColumnKey, s: ImportIssue["severity"], m: string) => void,
  present: boolean,
): Amount | null {
  if (!present) return { state: "PENDING" };
  const trimmed = text.trim();
  if (trimmed === "") {
    issue(column, "warning", "金额为空，按“待定”导入");
    return { state: "PENDING" };
  }
  const parsed = parsePublishedAmount(trimmed, unit);
  if (!parsed.ok) {
    issue(column, "error", parsed.error);
    return null;
  }
  return parsed.amount;
}

function warnDuplicateNames(rows: ParsedRow[], issues: ImportIssue[]): void {
  const byName = new Map<string, ParsedRow[]>();
  for (const r of rows) byName.set(r.record.name, [...(byName.get(r.record.name) ?? []), r]);
  for (const [name, same] of byName) {
    if (same.length < 2) continue;
    for (const r of same) {
      issues.push({
        row: r.row,
        column: COLUMN_LABELS.name,
        severity: "warning",
        message: `项目名称“${name}”在表中出现 ${same.length} 次（第 ${same.map((s) => s.row).join("、")} 行）`,
      });
    }
  }
}

/** The title line above the 分类汇总表's header (not a 附件 or 单位 line). */
function publishedRollupTitle(sheet: TableSheet): string | null {
  const headerIndex = sheet.rows.findIndex((r) => r.some((c) => /项目数/.test(c)) && r.some((c) => /总投资/.test(c)));
  for (const row of sheet.rows.slice(0, Math.max(headerIndex, 0))) {
    const text = row.find((c) => c.trim())?.trim() ?? "";
    if (text && !/^附件|^单位/.test(text)) return text;
  }
  return null;
}

/** The published 分类汇总表: one row per domain and a grand total, as printed. */
function parsePublishedRollup(sheet: TableSheet, unit: MoneyUnit, issues: ImportIssue[]): PublishedRollupRecord[] | null {
  const headerIndex = sheet.rows.findIndex((r) => r.some((c) => /项目数/.test(c)) && r.some((c) => /总投资/.test(c)));
  if (headerIndex < 0) return null;
  const header = sheet.rows[headerIndex]!;
  const col = (pattern: RegExp) => header.findIndex((c) => pattern.test(normaliseHeader(c)));
  const [labelCol, countCol, fypCol] = [col(/领域|类别|项目/), col(/项目数/), col(/十四五/)];
  const totalCol = header.findIndex((c, i) => i !== fypCol && /总投资/.test(c));
  const headerUnit: MoneyUnit = header.join("").includes("万元") ? "万元" : header.join("").includes("亿元") ? "亿元" : unit;
  const records: PublishedRollupRecord[] = [];
  for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r]!;
    const label = (row[labelCol >= 0 ? labelCol : 0] ?? "").trim();
    if (!label) continue;
    const amount = (c: number) => {
      const parsed = c >= 0 ? parsePublishedAmount(row[c] ?? "", headerUnit) : null;
      if (parsed && !parsed.ok) issues.push({ row: r + 1, column: `${sheet.name}`, severity: "warning", message: `汇总表金额：${parsed.error}` });
      return parsed?.ok ? parsed.amount : ({ state: "PENDING" } as Amount);
    };
    const count = Number((row[countCol] ?? "").trim());
    const isTotal = /^(汇总数|合计|总计|汇总)$/.test(label.replace(/\s/g, ""));
    records.push({
      position: records.length + 1,
      label,
      domainName: isTotal ? null : domainName(label),
      projectCount: Number.isInteger(count) && (row[countCol] ?? "").trim() !== "" ? count : null,
      total: amount(totalCol),
      fyp: amount(fypCol),
    });
  }
  return records;
}
