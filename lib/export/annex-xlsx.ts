// The annex and its rollup as an Excel workbook laid out like the published
// table: 附件 line, merged title, header with line breaks, a merged row per
// domain, wrapped text, landscape A4 with the header repeated on every page.
import ExcelJS from "exceljs";
import { ANNEX_HEADER, ANNEX_WIDTHS, SUMMARY_HEADER, SUMMARY_WIDTHS, type AnnexTable, type SummaryTable } from "./annex-table";

const FONT = "宋体";
const THIN = { style: "thin" as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function setupPage(sheet: ExcelJS.Worksheet, headerRow: number) {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.views = [{ state: "frozen", ySplit: headerRow }];
}

function titleRows(sheet: ExcelJS.Worksheet, title: string, width: number) {
  sheet.addRow(["附件："]).font = { name: FONT, size: 12 };
  const titleRow = sheet.addRow([title]);
  sheet.mergeCells(titleRow.number, 1, titleRow.number, width);
  titleRow.font = { name: FONT, size: 16, bold: true };
  titleRow.alignment = { horizontal: "center", vertical: "middle" };
  titleRow.height = 32;
}

function headerRow(sheet: ExcelJS.Worksheet, labels: string[]) {
  const row = sheet.addRow(labels);
  row.height = 36;
  row.eachCell((cell) => {
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
  });
  return row;
}

/** Amounts go in as numbers (so the file sums in Excel) shown with one decimal; 待定 and —— as text. */
function amountValue(text: string): string | number {
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

export function addAnnexSheet(workbook: ExcelJS.Workbook, table: AnnexTable, sheetName = "重大项目表") {
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = ANNEX_WIDTHS.map((width) => ({ width }));
  titleRows(sheet, table.title, ANNEX_HEADER.length);
  const header = headerRow(sheet, ANNEX_HEADER);
  for (const group of table.groups) {
    const domain = sheet.addRow([group.label]);
    sheet.mergeCells(domain.number, 1, domain.number, ANNEX_HEADER.length);
    domain.getCell(1).font = { name: FONT, size: 11, bold: true };
    domain.getCell(1).alignment = { vertical: "middle" };
    domain.getCell(1).border = BORDER;
    for (const cells of group.rows) {
      const row = sheet.addRow(cells.map((c, i) => (i === 6 || i === 7 ? amountValue(c) : i === 0 ? Number(c) : c)));
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.font = { name: FONT, size: 10 };
        cell.border = BORDER;
        cell.alignment = { vertical: "middle", wrapText: true, horizontal: col === 1 || col === 3 || col === 4 ? "center" : col === 7 || col === 8 ? "right" : "left" };
        if (col === 7 || col === 8) cell.numFmt = "0.0";
      });
    }
  }
  setupPage(sheet, header.number);
  return sheet;
}

export function addSummarySheet(workbook: ExcelJS.Workbook, table: SummaryTable, sheetName = "分类汇总") {
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = SUMMARY_WIDTHS.map((width) => ({ width }));
  titleRows(sheet, table.title, SUMMARY_HEADER.length);
  const header = headerRow(sheet, SUMMARY_HEADER);
  for (const cells of table.rows) {
    const row = sheet.addRow([cells[0], Number(cells[1]), amountValue(cells[2]!), amountValue(cells[3]!)]);
    row.eachCell((cell, col) => {
      cell.font = { name: FONT, size: 11, bold: cells[0] === "汇总数" };
      cell.border = BORDER;
      cell.alignment = { vertical: "middle", horizontal: col === 1 ? "left" : "right" };
      if (col >= 3) cell.numFmt = "0.0";
    });
  }
  setupPage(sheet, header.number);
  return sheet;
}

export async function annexWorkbook(annex: AnnexTable | null, summary: SummaryTable | null): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "重大项目管理系统";
  if (annex) addAnnexSheet(workbook, annex);
  if (summary) addSummarySheet(workbook, summary);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
