// Reads a spreadsheet as people circulate it (.xlsx or .csv) into plain text
// cells, sheet by sheet, with what a reader of the printed table would not
// see: hidden rows, hidden columns, hidden sheets, and which cells are merged.
// Merged cells carry their value into every cell they cover (a domain row
// merged across the table reads the same everywhere); the parser decides what
// a merge across several projects means.
//
// Runs inside the reader's worker thread (read-table-file.ts). An .xlsx is a
// zip: its entries are inflated once as a stream and counted, and the sheet
// XML scanned for its used range and merges, before exceljs is allowed to
// build a single cell (exceljs materialises every cell of the used range and
// of each merge, so a 6 KB file naming cell XFD1048576 would take gigabytes).
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { restoreNeutralised } from "@/lib/export/spreadsheet-safety";
import { WORKBOOK_LIMITS } from "./import-limits";

export type CellRange = { top: number; left: number; bottom: number; right: number };

export type TableSheet = {
  name: string;
  /** Row r (0-based) holds the text of sheet row r + 1, one string per column. */
  rows: string[][];
  /** 1-based, as Excel numbers them. */
  hiddenRows: number[];
  hiddenColumns: number[];
  /** 1-based, inclusive. */
  merges: CellRange[];
  hidden: boolean;
};

/** A file refused for what it is (not a spreadsheet, corrupt) or for what it would cost (over a limit). */
export class TableFileError extends Error {
  constructor(
    readonly kind: "invalid" | "too_large",
    message: string,
  ) {
    super(message);
  }
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a zip archive

export async function readSheets(bytes: Uint8Array, fileName: string): Promise<TableSheet[]> {
  if (bytes.length === 0) throw new TableFileError("invalid", `文件“${fileName}”是空的`);
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return [readCsv(bytes, fileName)];
  if (lower.endsWith(".xls") || lower.endsWith(".et")) throw new TableFileError("invalid", "不支持旧版 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入");
  if (!XLSX_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new TableFileError("invalid", `文件“${fileName}”不是 Excel（.xlsx）或 CSV 文件`);
  }
  await scanWorkbook(bytes, fileName);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new TableFileError("invalid", `文件“${fileName}”无法作为 Excel 工作簿打开，文件可能已损坏`);
  }
  return workbook.worksheets.map(readWorksheet);
}

// ---------------------------------------------------------------------------
// The scan before the read.

export type SheetScan = { path: string; rows: number; columns: number; merges: CellRange[] };

/** Inflates every entry as a stream (counting, keeping only the sheet scans) and refuses what is over a limit. */
export async function scanWorkbook(bytes: Uint8Array, fileName: string): Promise<{ sheets: SheetScan[] }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new TableFileError("invalid", `文件“${fileName}”无法作为 Excel 工作簿打开，文件可能已损坏`);
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > WORKBOOK_LIMITS.maxZipEntries) {
    throw new TableFileError("too_large", `文件“${fileName}”包含 ${entries.length} 个部件，超过上限 ${WORKBOOK_LIMITS.maxZipEntries}，不像是一张重大项目表`);
  }
  if (!zip.file("xl/workbook.xml")) throw new TableFileError("invalid", `文件“${fileName}”无法作为 Excel 工作簿打开：缺少工作簿部件（xl/workbook.xml）`);

  // What the zip's directory declares is refused at once; what it hides is caught while inflating.
  const declared = entries.reduce((sum, e) => sum + ((e as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0), 0);
  if (declared > WORKBOOK_LIMITS.maxUnzippedBytes) throw unzippedTooLarge(fileName);
  const budget = { left: WORKBOOK_LIMITS.maxUnzippedBytes };
  const sheets = new Map<string, SheetScan>();
  for (const entry of entries) {
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
    const isStrings = entry.name === "xl/sharedStrings.xml";
    const scanner = isSheet ? new SheetXmlScanner() : isStrings ? new SharedStringsScanner() : null;
    await inflate(entry, budget, fileName, scanner ? (text) => scanner.feed(text) : null);
    if (scanner instanceof SheetXmlScanner) sheets.set(entry.name, scanner.result(entry.name));
    if (scanner instanceof SharedStringsScanner && scanner.count > WORKBOOK_LIMITS.maxSharedStrings) {
      throw new TableFileError("too_large", `文件“${fileName}”有 ${scanner.count} 个不同的文字单元格，超过上限 ${WORKBOOK_LIMITS.maxSharedStrings}`);
    }
  }
  const ordered = [...sheets.values()];
  if (ordered.length > WORKBOOK_LIMITS.maxSheets) throw new TableFileError("too_large", `文件“${fileName}”有 ${ordered.length} 个工作表，超过上限 ${WORKBOOK_LIMITS.maxSheets}`);
  for (const sheet of ordered) {
    const { maxRows, maxColumns, maxCells } = WORKBOOK_LIMITS;
    if (sheet.rows > maxRows || sheet.columns > maxColumns || sheet.rows * sheet.columns > maxCells) {
      throw new TableFileError(
        "too_large",
        `文件“${fileName}”的工作表使用范围为 ${sheet.rows} 行 × ${sheet.columns} 列（至 ${columnLetter(sheet.columns)}${sheet.rows}），超过导入上限（${maxRows} 行、${maxColumns} 列、共 ${maxCells} 个单元格）：请删除表格右侧和下方多余的行列（或把表格复制到新工作簿）后再导入`,
      );
    }
  }
  return { sheets: ordered };
}

/** Streams one entry through the inflater; stops as soon as the budget of inflated bytes is spent. */
function inflate(entry: JSZip.JSZipObject, budget: { left: number }, fileName: string, onText: ((text: string) => void) | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder("utf-8");
    const stream = (entry as unknown as { internalStream(type: "uint8array"): StreamHelper }).internalStream("uint8array");
    let failed = false;
    stream
      .on("data", (chunk: Uint8Array) => {
        if (failed) return;
        budget.left -= chunk.length;
        if (budget.left < 0) {
          failed = true;
          stream.pause();
          reject(unzippedTooLarge(fileName));
          return;
        }
        if (onText) onText(decoder.decode(chunk, { stream: true }));
      })
      .on("error", () => {
        if (failed) return;
        failed = true;
        reject(new TableFileError("invalid", `文件“${fileName}”无法作为 Excel 工作簿打开，文件可能已损坏`));
      })
      .on("end", () => {
        if (failed) return;
        if (onText) onText(decoder.decode());
        resolve();
      })
      .resume();
  });
}

function unzippedTooLarge(fileName: string): TableFileError {
  return new TableFileError("too_large", `文件“${fileName}”解压后超过 ${WORKBOOK_LIMITS.maxUnzippedBytes / 1024 / 1024} MB，超过导入上限（可能是压缩炸弹，或含大量图片等无关内容）`);
}

type StreamHelper = {
  on(event: "data", cb: (chunk: Uint8Array) => void): StreamHelper;
  on(event: "error", cb: (e: unknown) => void): StreamHelper;
  on(event: "end", cb: () => void): StreamHelper;
  pause(): StreamHelper;
  resume(): StreamHelper;
};

/**
 * The extent of a sheet from its XML, without building it: the declared
 * dimension, every cell reference, every row number and every merge. A cell
 * without a reference counts as the next column of its row.
 */
class SheetXmlScanner {
  private tail = "";
  private rows = 0;
  private columns = 0;
  private row = 0;
  private columnInRow = 0;
  private readonly merges: CellRange[] = [];

  feed(text: string): void {
    const data = this.tail + text;
    // Keep an unfinished tag for the next chunk.
    const cut = data.lastIndexOf("<");
    const complete = cut >= 0 && data.indexOf(">", cut) < 0 ? data.slice(0, cut) : data;
    this.tail = data.slice(complete.length);
    if (this.tail.length > 1_000_000) this.tail = ""; // a tag that never ends is no sheet of ours
    const tags = /<(?:\w+:)?(dimension|row|c|mergeCell)\b([^>]*)>/g;
    for (let m = tags.exec(complete); m; m = tags.exec(complete)) {
      const [, tag, attributes] = m;
      if (tag === "dimension" || tag === "mergeCell") {
        const ref = /\bref="([^"]+)"/.exec(attributes!)?.[1];
        const range = ref ? parseRange(ref) : null;
        if (!range) continue;
        this.extend(range.bottom, range.right);
        if (tag === "mergeCell") this.merges.push(range);
      } else if (tag === "row") {
        const r = Number(/\br="(\d+)"/.exec(attributes!)?.[1] ?? this.row + 1);
        this.row = r;
        this.columnInRow = 0;
        this.extend(r, 0);
      } else {
        const ref = /\br="([A-Z]+)(\d+)"/.exec(attributes!);
        const column = ref ? columnNumber(ref[1]!) : this.columnInRow + 1;
        this.columnInRow = column;
        this.extend(ref ? Number(ref[2]) : this.row, column);
      }
    }
  }

  private extend(row: number, column: number) {
    if (row > this.rows) this.rows = row;
    if (column > this.columns) this.columns = column;
  }

  result(path: string): SheetScan {
    return { path, rows: this.rows, columns: this.columns, merges: this.merges };
  }
}

class SharedStringsScanner {
  count = 0;
  private tail = "";
  feed(text: string) {
    const data = this.tail + text;
    this.count += (data.match(/<(?:\w+:)?si[\s>]/g) ?? []).length;
    this.tail = data.slice(-8);
    // The tail is re-read with the next chunk; take off what it already counted.
    this.count -= (this.tail.match(/<(?:\w+:)?si[\s>]/g) ?? []).length;
  }
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s || "A";
}

function parseRange(ref: string): CellRange | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const [left, top] = [columnNumber(m[1]!), Number(m[2])];
  const [right, bottom] = m[3] ? [columnNumber(m[3]), Number(m[4])] : [left, top];
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

// ---------------------------------------------------------------------------
// The read, once the scan has passed.

function readWorksheet(sheet: ExcelJS.Worksheet): TableSheet {
  const height = sheet.rowCount;
  const width = sheet.columnCount;
  const rows: string[][] = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= height; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
    // A row of zero height is as invisible as a hidden one.
    if (row.hidden || row.height === 0) hiddenRows.push(r);
  }
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= width; c++) {
    const column = sheet.getColumn(c);
    if (column.hidden || column.width === 0) hiddenColumns.push(c);
  }
  return { name: sheet.name, rows, hiddenRows, hiddenColumns, merges: mergesOf(sheet), hidden: sheet.state !== undefined && sheet.state !== "visible" };
}

/** exceljs keeps a sheet's merges by master cell; its public model would first build every row's model. */
function mergesOf(sheet: ExcelJS.Worksheet): CellRange[] {
  const merges = (sheet as unknown as { _merges: Record<string, { model: CellRange }> })._merges ?? {};
  return Object.values(merges).map(({ model: { top, left, bottom, right } }) => ({ top, left, bottom, right }));
}

/**
 * The text of a cell. Numbers become their shortest decimal form ("15.6",
 * never "15.600000000000001"), which is the figure the author typed; they are
 * read as exact decimals from there on.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "string") return restoreNeutralised(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  if ("error" in value) return "";
  return String(value);
}

function readCsv(bytes: Uint8Array, fileName: string): TableSheet {
  // Excel writes CSV in UTF-8 with a BOM, or in GBK on Chinese Windows.
  let text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.includes("\uFFFD")) text = new TextDecoder("gbk").decode(bytes);
  let rows: string[][];
  try {
    rows = parseCsv(text.replace(/^\uFEFF/, ""), { relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch {
    throw new TableFileError("invalid", `文件“${fileName}”不是有效的 CSV 文件`);
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const { maxRows, maxColumns, maxCells } = WORKBOOK_LIMITS;
  if (rows.length > maxRows || width > maxColumns || rows.length * width > maxCells) {
    throw new TableFileError("too_large", `文件“${fileName}”有 ${rows.length} 行 × ${width} 列，超过导入上限（${maxRows} 行、${maxColumns} 列）`);
  }
  return { name: fileName, rows: rows.map((r) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill("")] : r).map(restoreNeutralised)), hiddenRows: [], hiddenColumns: [], merges: [], hidden: false };
}
