// Turns the cells of an annex sheet into projects, the way a DRC clerk reads
// the table — and refuses what a clerk would have to ask about. Title lines
// above (merged or not) are the title, never part of the header; the header is
// one row, or two where a merged top cell (总投资) is split below (合计 |
// 其中：十四五). Every other row is recognised by what it is: a domain row, a
// subtotal / total / 其中 row (by its label in any spelling, its empty
// period / location / unit, and its figures against the rows it sums), a note
// under the table, or a project. Hidden rows and columns are left out and
// listed; two columns that both read as one field, a merged amount over
// several projects, a money unit nobody stated: errors that name the row, the
// column and the reason. Errors block the import, warnings do not.
import Decimal from "decimal.js";
import { parsePublishedAmount, type Amount, type MoneyUnit } from "@/lib/money/amount";
import type { AnnexRecord } from "@/lib/plans/create-plan";
import { parsePeriod } from "@/lib/projects/period";
import { resolveLocation, type RegionForResolution } from "@/lib/regions/resolve-location";
import { splitUnitNames } from "@/lib/units/unit-names";
import { columnLetter, type TableSheet } from "./table-sheets";

export type ColumnKey = "seq" | "domain" | "name" | "code" | "type" | "period" | "location" | "content" | "total" | "fyp" | "units";
export const COLUMN_KEYS: ColumnKey[] = ["seq", "domain", "name", "code", "type", "period", "location", "content", "total", "fyp", "units"];

/** The wordings plans use for each column; the first that matches wins, so 十四五 is tried before 总投资. */
const COLUMN_WORDINGS: [ColumnKey, RegExp][] = [
  ["seq", /^(序号|编号)$/],
  ["fyp", /十四五/],
  ["total", /总投资/],
  ["name", /^(项目名称|项目)$/],
  ["code", /项目代码/],
  ["type", /^(项目类型|建设性质|项目性质)$/],
  ["period", /^(项目期限|建设年限|建设起止年限|建设期限|起止年限|建设周期|建设起止年份)$/],
  ["location", /^(建设地点|项目地点|建设地址)$/],
  ["content", /^(建设内容和规模|建设内容及规模|主要建设内容|建设规模及内容|建设内容|主要建设内容及规模)$/],
  ["units", /^(组织实施单位|责任单位|实施主体|实施单位|项目业主|牵头单位|项目单位|建设单位)$/],
  ["domain", /^(领域|所属领域|项目领域|项目类别|类别)$/],
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

/** A column the reader found, by its letter and its header as printed. */
export type ColumnRef = { letter: string; header: string };

/** Two or more columns that each read as one field: the person picks one. */
export type ColumnAmbiguity = { key: ColumnKey; label: string; candidates: ColumnRef[]; chosen: string | null };

/** What the person decided in the preview (or on the command line). */
export type ParseOptions = {
  /** Field → the chosen column, by letter ("H") or header ("调整后总投资"). */
  columns?: Partial<Record<ColumnKey, string>>;
  /** Read hidden rows, columns and sheets as if they were visible. */
  includeHidden?: boolean;
};

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
  ambiguities: ColumnAmbiguity[];
  hiddenRows: number[];
  hiddenColumns: ColumnRef[];
  hiddenSheets: string[];
};

export type ParseContext = { regions: RegionForResolution[]; cityCode: string; knownUnitNames: string[] };

export class AnnexFormatError extends Error {}

// ---------------------------------------------------------------------------
// Text.

/** Strips what differs between wordings of one header: spaces, line breaks, quotes, the unit in brackets. */
function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, "")
    .replace(/[“”"'‘’「」]/g, "")
    .replace(/[(（][^)）]*(亿元|万元|元)[^)）]*[)）]/g, "")
    .replace(/^其中[:：]?/, "");
}

function keyOf(label: string): ColumnKey | null {
  const normalised = normaliseHeader(label);
  if (!normalised) return null;
  for (const [key, pattern] of COLUMN_WORDINGS) if (pattern.test(normalised)) return key;
  return null;
}

/** A label as compared: no spaces of either width, no colons, no bracketed remark. */
export function compactLabel(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, "")
    .replace(/[(（][^)）]*[)）]/g, "")
    .replace(/[:：]/g, "");
}

/** 小计, 合计, 总计 … with a domain or a count around them: 教育小计, 合计69个项目, 全市总计. */
const TOTAL_LABEL = /^(.{0,20}?)(小计|合计|总计|共计|总合计|汇总|汇总数|累计)(共?[\d一二三四五六七八九十百]+(个|项)(项目)?)?$/;
const BREAKDOWN_LABEL = /^其中/;
const DOMAIN_NUMBERING = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|[IVX]+[、.．]|\d+[、．])\s*/;
const CHINESE_SEQ = /^\s*(?:[一二三四五六七八九十]+[、.．]?|[（(][一二三四五六七八九十]+[)）]|[IVX]+[、.．]?)\s*$/;
const NOTE_LINE = /^\s*(注|备注|说明|附注|注释|数据来源|资料来源|填表说明|填报说明)\s*[\d一二三四五六七八九十]*\s*[:：.、]|^\s*(填报单位|填表人|制表人|制表|审核人|联系人|联系电话)\s*[:：]/;

export function isTotalLabel(label: string): boolean {
  return TOTAL_LABEL.test(compactLabel(label));
}

/** Soft-wrapped text: a line break between two Chinese characters was only wrapping. */
export function joinWrapped(text: string): string {
  return text
    .replace(/([\u3000-\u9fff\uff00-\uffef])\s*\n\s*([\u3000-\u9fff\uff00-\uffef])/g, "$1$2")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

function domainName(label: string): string {
  return joinWrapped(label).replace(DOMAIN_NUMBERING, "").trim();
}

// ---------------------------------------------------------------------------
// The header.

type Header = {
  row: number;
  height: 1 | 2;
  /** The header of each column as printed (top and bottom joined). */
  labels: string[];
  /** Every column that reads as each field. */
  candidates: Map<ColumnKey, number[]>;
};

const SUBTOTAL_WORD = /^(合计|小计|总计|总额|计|金额)$/;
const UNIT_WORD = /^[(（]?(单位[:：])?(亿元|万元|元)[)）]?$/;

/** Finds the header: the first row that alone names a project column and at least two others. */
function findHeader(rows: string[][]): Header | null {
  const limit = Math.min(rows.length, 30);
  for (let r = 0; r < limit; r++) {
    const top = rows[r]!;
    const keys = new Set(top.map(keyOf).filter(Boolean));
    if (!keys.has("name") || keys.size < 3) continue;
    const bottom = r + 1 < rows.length && isSubHeader(top, rows[r + 1]!) ? rows[r + 1]! : null;
    const header = headerOf(r, top, bottom);
    if (header.candidates.has("total") || header.candidates.has("fyp")) return header;
  }
  return null;
}

/** A second header row: words under merged or empty header cells, no project data. */
function isSubHeader(top: string[], bottom: string[]): boolean {
  let adds = false;
  for (let c = 0; c < bottom.length; c++) {
    const b = bottom[c]!.trim();
    if (!b) continue;
    const t = (top[c] ?? "").trim();
    if (b === t) continue; // a header cell merged over both rows
    if (/^[\d.,，]+$/.test(b)) return false; // a figure: data
    const mergedAbove = !t || top[c - 1] === t || top[c + 1] === t;
    const headerWord = keyOf(b) !== null || SUBTOTAL_WORD.test(compactLabel(b)) || UNIT_WORD.test(compactLabel(b)) || /^其中/.test(compactLabel(b));
    if (!mergedAbove && !headerWord) return false;
    adds = true;
  }
  return adds;
}

function headerOf(r: number, top: string[], bottom: string[] | null): Header {
  const width = Math.max(top.length, bottom?.length ?? 0);
  const labels: string[] = [];
  const keys: (ColumnKey | null)[] = [];
  // Under one merged top cell, a 合计 column carries the top's meaning; its 其中 siblings do not.
  const groupHasTotal = (c: number) => {
    const t = top[c];
    for (let x = c; x >= 0 && top[x] === t; x--) if (SUBTOTAL_WORD.test(compactLabel(bottom?.[x] ?? ""))) return true;
    for (let x = c; x < width && top[x] === t; x++) if (SUBTOTAL_WORD.test(compactLabel(bottom?.[x] ?? ""))) return true;
    return false;
  };
  for (let c = 0; c < width; c++) {
    const t = (top[c] ?? "").trim();
    const b = (bottom?.[c] ?? "").trim();
    if (!b || b === t) {
      labels.push(t);
      keys.push(keyOf(t));
      continue;
    }
    labels.push(t ? `${t}·${b}` : b);
    const own = keyOf(b);
    const word = compactLabel(b);
    if (own && !(own === "seq" && t)) keys.push(own);
    else if (SUBTOTAL_WORD.test(word) || UNIT_WORD.test(word)) keys.push(keyOf(t));
    else if (/^其中/.test(word)) keys.push(null);
    else keys.push(groupHasTotal(c) ? null : keyOf(t));
  }
  const candidates = new Map<ColumnKey, number[]>();
  keys.forEach((key, c) => {
    if (key) candidates.set(key, [...(candidates.get(key) ?? []), c]);
  });
  return { row: r, height: bottom ? 2 : 1, labels, candidates };
}

/** One column per field: the only candidate, or the one the person chose; otherwise the question is an error. */
function chooseColumns(header: Header, options: ParseOptions, issues: ImportIssue[]): { columns: Partial<Record<ColumnKey, number>>; ambiguities: ColumnAmbiguity[] } {
  const columns: Partial<Record<ColumnKey, number>> = {};
  const ambiguities: ColumnAmbiguity[] = [];
  const headerRow = header.row + 1;
  for (const [key, list] of header.candidates) {
    const refs = list.map((c) => ({ letter: columnLetter(c + 1), header: joinWrapped(header.labels[c]!) }));
    const choice = options.columns?.[key]?.trim();
    if (choice) {
      const wanted = compactLabel(choice);
      const index = list.findIndex((c, i) => refs[i]!.letter === choice.toUpperCase() || [header.labels[c]!, header.labels[c]!.split("·").pop()!].some((h) => compactLabel(h).replace(/·/g, "") === wanted));
      if (index < 0) {
        issues.push({ row: headerRow, column: COLUMN_LABELS[key], severity: "error", message: `所选的${COLUMN_LABELS[key]}列“${choice}”不在表头中；可选：${refs.map((r) => `${r.letter} 列“${r.header}”`).join("、")}` });
        if (list.length > 1) ambiguities.push({ key, label: COLUMN_LABELS[key], candidates: refs, chosen: null });
        continue;
      }
      columns[key] = list[index]!;
      if (list.length > 1) ambiguities.push({ key, label: COLUMN_LABELS[key], candidates: refs, chosen: refs[index]!.letter });
      continue;
    }
    if (list.length === 1) {
      columns[key] = list[0]!;
      continue;
    }
    ambiguities.push({ key, label: COLUMN_LABELS[key], candidates: refs, chosen: null });
    issues.push({
      row: headerRow,
      column: COLUMN_LABELS[key],
      severity: "error",
      message: `${refs.map((r) => `${r.letter} 列“${r.header}”`).join("和")}都可作为${COLUMN_LABELS[key]}列，请选择使用哪一列`,
    });
  }
  return { columns, ambiguities };
}

// ---------------------------------------------------------------------------
// The money unit: from each amount column's header, else from a line above or a note below; never guessed.

const UNIT_STATEMENT = /(?:金额|投资)?单位(?:为|是|[:：])\s*(亿元|万元|千元|元)/;

function statedUnits(rows: string[][], from: number, to: number): { row: number; unit: string }[] {
  const found: { row: number; unit: string }[] = [];
  for (let r = from; r < to; r++) {
    for (const cell of new Set(rows[r]!)) {
      const m = UNIT_STATEMENT.exec(cell.replace(/\s+/g, ""));
      if (m) found.push({ row: r + 1, unit: m[1]! });
    }
  }
  return found;
}

function unitInLabel(label: string): string | null {
  return /(亿元|万元|千元|元)/.exec(label.replace(/\s+/g, ""))?.[1] ?? null;
}

// ---------------------------------------------------------------------------
// The sheet.

export function parseAnnexSheets(sheets: TableSheet[], context: ParseContext, options: ParseOptions = {}): ParsedAnnex {
  const hiddenSheets = options.includeHidden ? [] : sheets.filter((s) => s.hidden && s.rows.some((r) => r.some((c) => c.trim()))).map((s) => s.name);
  const readable = sheets.filter((s) => options.includeHidden || !s.hidden).map((s) => visibleSheet(s, options));
  const withHeader = readable.filter((s) => findHeader(s.rows));
  const annexSheet = withHeader[0];
  if (!annexSheet) {
    if (readable.every((s) => s.rows.every((r) => r.every((c) => !c.trim())))) throw new AnnexFormatError(hiddenSheets.length ? `文件中没有可见的内容（隐藏的工作表“${hiddenSheets.join("”“")}”未读取）` : "文件中没有任何内容");
    throw new AnnexFormatError("找不到重大项目表的表头：需要“项目名称”和“总投资”或“十四五投资”等列（表头应在前 30 行内）");
  }
  const parsed = parseAnnexSheet(annexSheet, context, options);
  if (withHeader.length > 1) {
    parsed.issues.unshift({
      row: 0,
      column: null,
      severity: "error",
      message: `工作簿中有 ${withHeader.length} 个工作表都是项目表（“${withHeader.map((s) => s.name).join("”“")}”），无法确定导入哪一个：请只保留一个工作表（或把它们合并为一张表）后再导入`,
    });
  }
  for (const name of hiddenSheets) parsed.issues.push({ row: 0, column: null, severity: "warning", message: `工作表“${name}”为隐藏工作表，未读取` });
  const rollupSheet = readable.find((s) => s !== annexSheet && /汇总/.test(s.name + (s.rows[0]?.join("") ?? "")));
  return {
    ...parsed,
    hiddenSheets,
    publishedRollup: rollupSheet ? parsePublishedRollup(rollupSheet, parsed.moneyUnit, parsed.issues) : null,
    publishedRollupTitle: rollupSheet ? publishedRollupTitle(rollupSheet) : null,
  };
}

type VisibleSheet = TableSheet & { hiddenColumnRefs: number[]; raw: string[][] };

/** The sheet as printed: hidden columns emptied (they are listed, not read), unless asked to include them. */
function visibleSheet(sheet: TableSheet, options: ParseOptions): VisibleSheet {
  if (options.includeHidden || sheet.hiddenColumns.length === 0) return { ...sheet, hiddenColumnRefs: [], raw: sheet.rows };
  const hidden = new Set(sheet.hiddenColumns.map((c) => c - 1));
  const used = [...hidden].filter((c) => sheet.rows.some((r) => (r[c] ?? "").trim()));
  return { ...sheet, rows: sheet.rows.map((r) => r.map((cell, c) => (hidden.has(c) ? "" : cell))), hiddenColumnRefs: used, raw: sheet.rows };
}

type Figures = { total: Decimal | null; fyp: Decimal | null };
type Item =
  | { kind: "project"; row: number; record: AnnexRecord }
  | { kind: "domain"; row: number; label: string; figures: Figures }
  | { kind: "total"; row: number; label: string; figures: Figures; subtotal: boolean }
  | { kind: "unsure"; row: number; label: string; figures: Figures; name: string };

function parseAnnexSheet(original: VisibleSheet, context: ParseContext, options: ParseOptions): Omit<ParsedAnnex, "publishedRollup" | "publishedRollupTitle" | "hiddenSheets"> {
  const sheet = original;
  const knownUnits = new Set(context.knownUnitNames);
  const header = findHeader(sheet.rows)!;
  const issues: ImportIssue[] = [];
  const { columns: cols, ambiguities } = chooseColumns(header, options, issues);
  const dataStart = header.row + header.height;
  const hiddenRowSet = new Set(options.includeHidden ? [] : sheet.hiddenRows);
  const cell = (row: string[], key: ColumnKey) => (cols[key] === undefined ? "" : (row[cols[key]!] ?? ""));

  // Where the table ends: the first note line (注：…) under it.
  let tableEnd = sheet.rows.length;
  for (let r = dataStart; r < sheet.rows.length; r++) {
    const first = sheet.rows[r]!.find((c) => c.trim()) ?? "";
    if (!hiddenRowSet.has(r + 1) && NOTE_LINE.test(first)) {
      tableEnd = r;
      break;
    }
  }

  const units = amountUnits(sheet.rows, header, cols, tableEnd, issues);
  const amountColumns = new Set([cols.total, cols.fyp].filter((c) => c !== undefined));
  const descriptiveKeys: ColumnKey[] = ["type", "period", "location", "units", "code", "content"];
  const tableDescribes = descriptiveKeys.some((k) => cols[k] !== undefined);

  const items: Item[] = [];
  const hiddenRows: number[] = [];
  let domain: string | null = null;
  let autoSeq = 0;
  let breakdownOf: number | null = null;
  const seqUsed = cols.seq !== undefined && sheet.rows.slice(dataStart, tableEnd).some((r) => /^\d+$/.test(cell(r, "seq").trim()));

  for (let r = dataStart; r < sheet.rows.length; r++) {
    const row = sheet.rows[r]!;
    const excelRow = r + 1;
    const issue = (column: ColumnKey | null, severity: ImportIssue["severity"], message: string) =>
      issues.push({ row: excelRow, column: column ? COLUMN_LABELS[column] : null, severity, message });
    const filled = row.map((c) => c.trim()).filter(Boolean);
    if (filled.length === 0) continue;
    if (hiddenRowSet.has(excelRow)) {
      hiddenRows.push(excelRow);
      continue;
    }
    if (r >= tableEnd) {
      // Under the notes: a row with a name and a figure is a project the notes cut off, not a note.
      if (cell(row, "name").trim() && [...amountColumns].some((c) => /\d/.test(row[c] ?? ""))) {
        issue(null, "error", `第 ${excelRow} 行在表尾的注释（第 ${tableEnd + 1} 行）之后，却像一个项目：请把注释移到表格最后，或删去该行`);
      }
      continue;
    }
    if (isColumnNumberRow(row)) {
      issue(null, "warning", "该行是列序号（1、2、3…），已跳过");
      continue;
    }

    // One label merged (or copied) across the row: a domain heading, or a total.
    if (filled.length > 1 && filled.every((c) => c === filled[0])) {
      if (isTotalLabel(filled[0]!)) items.push({ kind: "total", row: excelRow, label: joinWrapped(filled[0]!), figures: { total: null, fyp: null }, subtotal: /小计/.test(compactLabel(filled[0]!)) });
      else if (BREAKDOWN_LABEL.test(compactLabel(filled[0]!))) issue(null, "warning", `“${joinWrapped(filled[0]!)}”是分项说明，未作为项目导入`);
      else {
        domain = domainName(filled[0]!);
        items.push({ kind: "domain", row: excelRow, label: joinWrapped(filled[0]!), figures: { total: null, fyp: null } });
      }
      breakdownOf = null;
      continue;
    }

    const seqText = cell(row, "seq").trim();
    const name = joinWrapped(cell(row, "name"));
    const textCells = [...new Set(row.filter((_, c) => !amountColumns.has(c)).map((c) => c.trim()).filter(Boolean))];
    const label = name || textCells[0] || "";
    const descriptive = descriptiveKeys.some((k) => cell(row, k).trim());
    const hasFigures = [...amountColumns].some((c) => (row[c] ?? "").trim());
    const figures = (): Figures => ({ total: looseFigure(cell(row, "total"), units.total), fyp: looseFigure(cell(row, "fyp"), units.fyp) });
    const compact = compactLabel(textCells.join(""));

    // 其中 rows, and the unnumbered rows under them: parts of the row above, never projects.
    if (BREAKDOWN_LABEL.test(compactLabel(label)) || BREAKDOWN_LABEL.test(compact)) {
      breakdownOf ??= lastFigureRow(items);
      issue("name", "warning", `“${joinWrapped(label)}”是第 ${breakdownOf ?? "?"} 行的分项，未作为项目导入`);
      checkBreakdown(items, breakdownOf, figures(), excelRow, label, units, issues);
      continue;
    }
    if (breakdownOf !== null && seqUsed && !seqText && !isTotalLabel(label) && !CHINESE_SEQ.test(seqText) && !DOMAIN_NUMBERING.test(label) && descriptive) {
      issue("name", "warning", `“${joinWrapped(label)}”没有序号，紧随第 ${breakdownOf} 行的“其中”分项之后，按分项处理，未作为项目导入`);
      checkBreakdown(items, breakdownOf, figures(), excelRow, label, units, issues);
      continue;
    }
    breakdownOf = null;

    // Subtotal and total rows, however spelled.
    if (isTotalLabel(label) || (textCells.length > 0 && textCells.every((t) => isTotalLabel(t) || /^\d+$/.test(t)) && textCells.some(isTotalLabel))) {
      if (descriptive && tableDescribes) {
        issue("name", "error", `“${joinWrapped(label)}”像是合计行，却填有项目类型、期限、地点或单位，无法判断它是项目还是合计：请核对后再导入`);
        continue;
      }
      const subtotal = /小计/.test(compactLabel(label)) || (/^.+(合计|总计)/.test(compactLabel(label)) && !/^(全市|全部|总|全省|全县|全区)/.test(compactLabel(label)));
      items.push({ kind: "total", row: excelRow, label: joinWrapped(label), figures: figures(), subtotal });
      continue;
    }

    // Domain rows: a label merged across, or numbered 一、/（一）, with no project details.
    const numbered = CHINESE_SEQ.test(seqText) || DOMAIN_NUMBERING.test(label);
    const mergedLabel = textCells.length === 1 && filled.length - (hasFigures ? [...amountColumns].filter((c) => (row[c] ?? "").trim()).length : 0) > 1;
    if (textCells.length > 0 && !descriptive && !/^\d+$/.test(seqText) && (numbered || mergedLabel || !hasFigures || !tableDescribes && !name)) {
      const text = CHINESE_SEQ.test(seqText) && name ? name : textCells.find((t) => t !== seqText) ?? label;
      domain = domainName(text);
      items.push({ kind: "domain", row: excelRow, label: joinWrapped(text), figures: figures() });
      continue;
    }
    if (!name) {
      if (hasFigures) items.push({ kind: "unsure", row: excelRow, label: "", figures: figures(), name: "" });
      else issue("name", "warning", `该行没有项目名称，已跳过（内容：${filled.join(" ").slice(0, 40)}）`);
      continue;
    }
    if (!descriptive && tableDescribes && !/^\d+$/.test(seqText)) {
      // A name with figures and nothing else: a domain heading with its sum, a subtotal, or a project with nothing filled in.
      items.push({ kind: "unsure", row: excelRow, label: name, figures: figures(), name });
      continue;
    }

    const rowDomain = cols.domain !== undefined ? domainName(cell(row, "domain")) || domain : domain;
    if (!rowDomain) issue("domain", "error", "无法确定项目所属领域：表中既没有领域列，项目前也没有领域行");

    let seq = ++autoSeq;
    if (/^\d+$/.test(seqText)) seq = autoSeq = Number(seqText);
    else if (cols.seq !== undefined) issue("seq", "warning", seqText ? `序号“${seqText}”不是数字，按顺序编为 ${seq}` : `缺少序号，按顺序编为 ${seq}`);

    const total = amountCell(cell(row, "total"), units.total, "total", issue, cols.total !== undefined);
    const fyp = amountCell(cell(row, "fyp"), units.fyp, "fyp", issue, cols.fyp !== undefined);
    const fypAboveTotal = total?.state === "VALUE" && fyp?.state === "VALUE" && fyp.wan.greaterThan(total.wan);
    if (fypAboveTotal) issue("fyp", "error", `“十四五”投资（${cell(row, "fyp").trim()}）大于总投资（${cell(row, "total").trim()}）`);

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

    if (!rowDomain || !total || !fyp || (period && !period.ok) || fypAboveTotal || units.total === null || units.fyp === null) continue;
    items.push({
      kind: "project",
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

  resolveUnsure(items, issues, units, cols.domain !== undefined);
  checkSums(items, issues, units);
  const projects = items.filter((i): i is Extract<Item, { kind: "project" }> => i.kind === "project");
  const mergedRows = checkMergedAcrossProjects(sheet, header, cols, projects, issues);
  // Until every question about the columns is answered, no row can be shown as it would be stored.
  const unanswered = ambiguities.some((a) => a.chosen === null);
  const rows = unanswered ? [] : projects.filter((p) => !mergedRows.has(p.row)).map((p) => ({ row: p.row, record: p.record }));
  if (hiddenRows.length) {
    issues.push({ row: hiddenRows[0]!, column: null, severity: "warning", message: `第 ${hiddenRows.join("、")} 行为隐藏行，未导入（如需导入，请勾选“包含隐藏的行和列”）` });
  }
  // The headers of hidden columns were emptied with their cells: read them from the file as it was.
  const rawHeader = (c: number) => [original.raw[header.row]?.[c], header.height === 2 ? original.raw[header.row + 1]?.[c] : ""].filter(Boolean).join("·");
  const hiddenColumns = original.hiddenColumnRefs.map((c) => ({ letter: columnLetter(c + 1), header: joinWrapped(rawHeader(c)) }));
  if (hiddenColumns.length) {
    issues.push({
      row: header.row + 1,
      column: null,
      severity: "warning",
      message: `第 ${hiddenColumns.map((h) => h.letter).join("、")} 列为隐藏列，未导入（如需导入，请勾选“包含隐藏的行和列”）`,
    });
  }
  warnDuplicateNames(rows, issues);
  issues.sort((a, b) => a.row - b.row);
  return {
    title: titleOf(sheet.rows, header),
    sheetName: sheet.name,
    moneyUnit: units.total ?? units.fyp ?? "万元",
    columns: cols,
    rows,
    issues,
    ambiguities,
    hiddenRows,
    hiddenColumns,
  };
}

/** A row of column numbers under the header (1, 2, 3 …, or （1）（2）…). */
function isColumnNumberRow(row: string[]): boolean {
  const filled = row.map((c) => c.trim()).filter(Boolean);
  if (filled.length < 3) return false;
  return filled.every((c, i) => c.replace(/[()（）栏]/g, "") === String(i + 1));
}

type Units = { total: MoneyUnit | null; fyp: MoneyUnit | null };

/** Each amount column's unit: its header's, else the one stated above the table or in its notes; conflicts and silence are errors. */
function amountUnits(rows: string[][], header: Header, cols: Partial<Record<ColumnKey, number>>, tableEnd: number, issues: ImportIssue[]): Units {
  const stated = [...statedUnits(rows, 0, header.row), ...statedUnits(rows, tableEnd, rows.length)];
  const statedSet = [...new Set(stated.map((s) => s.unit))];
  const headerRow = header.row + 1;
  if (statedSet.length > 1) {
    issues.push({ row: stated[0]!.row, column: null, severity: "error", message: `表格注明的金额单位不一致：${stated.map((s) => `第 ${s.row} 行为“${s.unit}”`).join("，")}` });
    return { total: null, fyp: null };
  }
  const unitOf = (key: "total" | "fyp"): MoneyUnit | null => {
    const c = cols[key];
    if (c === undefined) return "万元"; // no column: every amount is 待定, the unit never applies
    const inLabel = unitInLabel(header.labels[c] ?? "");
    const line = statedSet[0] ?? null;
    const unit = inLabel ?? line;
    if (inLabel && line && inLabel !== line) {
      issues.push({ row: headerRow, column: COLUMN_LABELS[key], severity: "error", message: `表头注明“${inLabel}”，第 ${stated[0]!.row} 行却注明“单位：${line}”，无法确定金额单位` });
      return null;
    }
    if (!unit) {
      issues.push({ row: headerRow, column: COLUMN_LABELS[key], severity: "error", message: `找不到${COLUMN_LABELS[key]}的金额单位：请在表头（如“总投资（万元）”）或表格上方（如“单位：亿元”）注明万元或亿元` });
      return null;
    }
    if (unit !== "万元" && unit !== "亿元") {
      issues.push({ row: headerRow, column: COLUMN_LABELS[key], severity: "error", message: `金额单位“${unit}”不支持：请换算为万元或亿元后再导入` });
      return null;
    }
    return unit;
  };
  return { total: unitOf("total"), fyp: unitOf("fyp") };
}

/** The first title-like line above the header: not 附件/附表 alone, not a 单位 line; 附表1： before a title is dropped. */
function titleOf(rows: string[][], header: Header): string | null {
  for (const row of rows.slice(0, header.row)) {
    for (const raw of new Set(row.map((c) => c.trim()).filter(Boolean))) {
      const text = raw
        .replace(/\s+/g, "")
        .replace(/^附(件|表)[\d一二三四五六七八九十]*[:：、.]?/, "")
        .replace(/[(（]?(金额)?单位[:：](亿元|万元)[)）]?/, "");
      if (!text || /^单位[:：]/.test(text) || /^(填报单位|制表|日期)[:：]/.test(text)) continue;
      return text;
    }
  }
  return null;
}

function amountCell(
  text: string,
  unit: MoneyUnit | null,
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
  // A unit typed in the cell itself ("1.2亿元") is the cell's own.
  const own = /^(.*?)\s*(亿元|万元|亿|万)$/.exec(trimmed);
  const cellUnit: MoneyUnit | null = own ? (own[2]!.startsWith("亿") ? "亿元" : "万元") : unit;
  if (!cellUnit) return null;
  const parsed = parsePublishedAmount(own ? own[1]! : trimmed, cellUnit);
  if (!parsed.ok) {
    issue(column, "error", parsed.error);
    return null;
  }
  return parsed.amount;
}

/** A subtotal's figure in 万元, rounded where float sums leave noise; null when not a number. */
function looseFigure(text: string, unit: MoneyUnit | null): Decimal | null {
  const cleaned = text.trim().replace(/[,，\s]/g, "");
  if (!unit || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return null;
  const value = new Decimal(cleaned);
  return (unit === "亿元" ? value.times(10_000) : value).toDecimalPlaces(2);
}

function lastFigureRow(items: Item[]): number | null {
  return items.at(-1)?.row ?? null;
}

function checkBreakdown(items: Item[], parentRow: number | null, part: Figures, row: number, label: string, units: Units, issues: ImportIssue[]) {
  const parent = items.find((i) => i.row === parentRow);
  if (!parent) return;
  const parentFigures: Figures =
    parent.kind === "project"
      ? { total: parent.record.total.state === "VALUE" ? parent.record.total.wan : null, fyp: parent.record.fyp.state === "VALUE" ? parent.record.fyp.wan : null }
      : parent.figures;
  for (const key of ["total", "fyp"] as const) {
    const [p, whole] = [part[key], parentFigures[key]];
    if (p && whole && p.greaterThan(whole)) {
      issues.push({ row, column: COLUMN_LABELS[key], severity: "warning", message: `分项“${joinWrapped(label)}”的${COLUMN_LABELS[key]} ${show(p, units[key])} 大于第 ${parent.row} 行的 ${show(whole, units[key])}` });
    }
  }
}

function show(wan: Decimal, unit: MoneyUnit | null): string {
  const value = unit === "亿元" ? wan.dividedBy(10_000) : wan;
  return `${value.toDecimalPlaces(4).toFixed()} ${unit ?? "万元"}`;
}

type Projects = Extract<Item, { kind: "project" }>[];

function sumOf(projects: Projects, key: "total" | "fyp"): Decimal {
  return projects.reduce((s, p) => (p.record[key].state === "VALUE" ? s.plus((p.record[key] as { wan: Decimal }).wan) : s), new Decimal(0)).toDecimalPlaces(2);
}

/** Does the row's every figure equal the sum of these projects? */
function sums(figures: Figures, projects: Projects): boolean {
  if (projects.length === 0) return false;
  const keys = (["total", "fyp"] as const).filter((k) => figures[k] !== null);
  return keys.length > 0 && keys.every((k) => figures[k]!.equals(sumOf(projects, k)));
}

const isBoundary = (i: Item) => i.kind === "domain" || (i.kind === "total" && i.subtotal);

/** The projects of the group above item `at` (since the last domain or subtotal), and below it (to the next one). */
function groups(items: Item[], at: number) {
  const above: Projects = [];
  for (let i = at - 1; i >= 0 && !isBoundary(items[i]!); i--) if (items[i]!.kind === "project") above.unshift(items[i] as Projects[number]);
  const below: Projects = [];
  for (let i = at + 1; i < items.length && !isBoundary(items[i]!) && items[i]!.kind !== "total"; i++) if (items[i]!.kind === "project") below.push(items[i] as Projects[number]);
  const domainBelow: Projects = [];
  for (let i = at + 1; i < items.length && items[i]!.kind !== "domain" && items[i]!.kind !== "total"; i++) if (items[i]!.kind === "project") domainBelow.push(items[i] as Projects[number]);
  const all = items.filter((i): i is Projects[number] => i.kind === "project");
  const allAbove = all.filter((p) => p.row < items[at]!.row);
  const allBelow = all.filter((p) => p.row > items[at]!.row);
  return { above, below, domainBelow, allAbove, allBelow };
}

/** Rows with a name (or none) and figures but no details: a heading with its sum, a subtotal, or a project nobody described. */
function resolveUnsure(items: Item[], issues: ImportIssue[], units: Units, hasDomainColumn: boolean) {
  items.forEach((item, at) => {
    if (item.kind !== "unsure") return;
    const g = groups(items, at);
    if (sums(item.figures, g.above) || (g.above.length === 0 && sums(item.figures, g.allAbove))) {
      items[at] = { kind: "total", row: item.row, label: item.label || "（无名称）", figures: item.figures, subtotal: true };
      issues.push({ row: item.row, column: COLUMN_LABELS.name, severity: "warning", message: `“${item.label || "（无名称）"}”没有项目期限、地点和单位，金额等于其上方 ${g.above.length || g.allAbove.length} 个项目之和，按小计行处理，未作为项目导入` });
    } else if (item.name && sums(item.figures, g.domainBelow)) {
      items[at] = { kind: "domain", row: item.row, label: item.label, figures: item.figures };
      issues.push({ row: item.row, column: COLUMN_LABELS.name, severity: "warning", message: `“${item.label}”没有项目期限、地点和单位，金额等于其下方 ${g.domainBelow.length} 个项目之和，按领域（分类）行处理` });
      // Its projects belong to it, not to the heading before it.
      if (!hasDomainColumn) for (const p of g.domainBelow) p.record = { ...p.record, domain: domainName(item.label) };
    } else {
      issues.push({
        row: item.row,
        column: COLUMN_LABELS.name,
        severity: "error",
        message: item.name
          ? `“${item.name}”有金额，但没有序号、项目期限、建设地点和实施单位，金额也不等于上方或下方项目之和，无法判断它是项目还是合计行：请补全或删去该行`
          : `该行有金额（${[item.figures.total && show(item.figures.total, units.total), item.figures.fyp && show(item.figures.fyp, units.fyp)].filter(Boolean).join("、")}），但没有项目名称，也不等于上方项目之和：请补上名称或删去该行`,
      });
    }
  });
}

/** Each subtotal, total and domain sum against its rows: a mismatch is a warning that names both. */
function checkSums(items: Item[], issues: ImportIssue[], units: Units) {
  items.forEach((item, at) => {
    if (item.kind !== "total" && item.kind !== "domain") return;
    const keys = (["total", "fyp"] as const).filter((k) => item.figures[k] !== null);
    if (keys.length === 0) return;
    const g = groups(items, at);
    const candidates: Projects[] =
      item.kind === "domain"
        ? [g.domainBelow]
        : item.subtotal
          ? [g.above.length ? g.above : g.below, g.allAbove, g.allBelow].filter((c) => c.length)
          : [g.above, g.allAbove, g.allAbove.length ? [] : g.allBelow, g.below].filter((c) => c.length);
    if (candidates.some((c) => sums(item.figures, c))) return;
    const reference = candidates.find((c) => c.length) ?? [];
    for (const key of keys) {
      const sum = sumOf(reference, key);
      if (reference.length && item.figures[key]!.equals(sum)) continue;
      const rows = reference.length ? `第 ${reference[0]!.row}–${reference.at(-1)!.row} 行 ${reference.length} 个项目之和 ${show(sum, units[key])}` : "没有可以核对的项目";
      issues.push({ row: item.row, column: COLUMN_LABELS[key], severity: "warning", message: `“${item.label}”的${COLUMN_LABELS[key]}为 ${show(item.figures[key]!, units[key])}，与${rows}不符` });
    }
  });
}

/** A merged amount, name or number over several projects cannot be split among them: an error for each. */
function checkMergedAcrossProjects(sheet: TableSheet, header: Header, cols: Partial<Record<ColumnKey, number>>, projects: Projects, issues: ImportIssue[]): Set<number> {
  const guarded: ColumnKey[] = ["total", "fyp", "name", "seq", "code"];
  const projectRows = new Set(projects.map((p) => p.row));
  const refused = new Set<number>();
  for (const m of sheet.merges) {
    if (m.bottom === m.top || m.bottom <= header.row + header.height) continue;
    for (const key of guarded) {
      const c = cols[key];
      if (c === undefined || c + 1 < m.left || c + 1 > m.right) continue;
      const covered = [];
      for (let r = m.top; r <= m.bottom; r++) if (projectRows.has(r)) covered.push(r);
      if (covered.length < 2) continue;
      for (const r of covered) {
        refused.add(r);
        issues.push({
          row: r,
          column: COLUMN_LABELS[key],
          severity: "error",
          message: `${COLUMN_LABELS[key]}是一个合并单元格（${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}），跨第 ${covered.join("、")} 行共 ${covered.length} 个项目，无法分到各项目：请拆分单元格，为每个项目分别填写`,
        });
      }
      break;
    }
  }
  return refused;
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
    const isTotal = /^(汇总数|合计|总计|汇总)$/.test(compactLabel(label));
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
