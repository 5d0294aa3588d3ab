// Reads a spreadsheet as people circulate it (.xlsx or .csv) into plain text
// cells, sheet by sheet. Merged cells carry their value into every cell they
// cover, so a domain row merged across the table reads the same everywhere.
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { AppError } from "@/lib/errors";

export type TableSheet = { name: string; rows: string[][] };

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a zip archive

export async function readTableFile(bytes: Uint8Array, fileName: string): Promise<TableSheet[]> {
  if (bytes.length === 0) throw new AppError("invalid_input", `文件“${fileName}”是空的`);
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return [readCsv(bytes, fileName)];
  if (lower.endsWith(".xls")) throw new AppError("invalid_input", "不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入");
  if (!XLSX_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new AppError("invalid_input", `文件“${fileName}”不是 Excel（.xlsx）或 CSV 文件`);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError("invalid_input", `文件“${fileName}”无法作为 Excel 工作簿打开，文件可能已损坏`);
  }
  return workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheetRows(sheet) }));
}

function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

/**
 * The text of a cell. Numbers become their shortest decimal form ("15.6",
 * never "15.600000000000001"), which is the figure the author typed; they are
 * read as exact decimals from there on.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "string") return value;
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
  try {
    const rows = parseCsv(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: false }) as string[][];
    return { name: fileName, rows };
  } catch {
    throw new AppError("invalid_input", `文件“${fileName}”不是有效的 CSV 文件`);
  }
}
