// A publication as an Excel workbook: a worksheet per table with the text
// that leads to it above (附件, title, headings, the filter of a view), the
// columns sized like the printed table (page-layout.ts), row heights that fit
// the wrapped text (LibreOffice does not grow rows by itself), a frozen
// header, amounts as numbers shown in 亿元 with one decimal, and a print
// setup ready to print: landscape A4, all columns on one page wide, the
// header repeated on every page, “— 1 —” in the footer (odd pages right,
// even left). Text that could read as a formula is neutralised.
import ExcelJS from "exceljs";
import { layoutTable, lineCount, PAGE, titleLines } from "./page-layout";
import { defaultAlign, type Block, type Column, type Publication, type PublicationTable } from "./publication";
import { neutraliseFormula } from "./spreadsheet-safety";
import { stableOfficeFile, type WriteOptions } from "./stable-file";

const FONT = "仿宋_GB2312";
const HEADING_FONT = "黑体";
const TITLE_FONT = "方正小标宋简体";
const THIN = { style: "thin" as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const INCH = 72;

/** Excel's column width unit is the width of a digit of the default font (about 7 px at 96 dpi); a point is 4/3 px. */
const widthUnits = (pt: number) => Math.max(3, Math.round(((pt * 4) / 3 / 7) * 10) / 10);
/** Height of a row of `lines` lines at `size` points, with a little room above and below. */
const rowHeight = (lines: number, size: number) => Math.ceil(lines * size * 1.35 + 4);

/** A cell's value: amounts and counts as numbers (so the sheet sums), everything else as neutralised text. */
function cellValue(column: Column, text: string): string | number {
  if ((column.kind === "amount" || column.kind === "count") && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (column.kind === "percent" && /^-?\d+(\.\d+)?%$/.test(text)) return Number(text.slice(0, -1)) / 100;
  return neutraliseFormula(text);
}

const NUMBER_FORMATS: Partial<Record<Column["kind"], string>> = { amount: "0.0", count: "0", percent: "0.0%" };

function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, "").slice(0, 28) || "表";
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
  taken.add(candidate);
  return candidate;
}

/** Text rows above or below the table, each merged across it and as high as its wrapped lines. */
function textRow(sheet: ExcelJS.Worksheet, text: string, columns: number, totalWidthPt: number, font: Partial<ExcelJS.Font>, align: "left" | "center" = "left") {
  const row = sheet.addRow([neutraliseFormula(text)]);
  if (columns > 1) sheet.mergeCells(row.number, 1, row.number, columns);
  const size = font.size ?? 11;
  row.getCell(1).font = { name: FONT, ...font };
  row.getCell(1).alignment = { horizontal: align, vertical: "middle", wrapText: true };
  row.height = rowHeight(lineCount(text, (totalWidthPt / size) * 0.95), size);
  return row;
}

/** A line of text above or below a table, in the style of its place in the document. */
type TextLine = { style: "label" | "title" | "subtitle" | "heading" | "paragraph"; text: string };

const LINE_FONTS: Record<TextLine["style"], Partial<ExcelJS.Font>> = {
  label: { name: HEADING_FONT, size: 12 },
  title: { name: TITLE_FONT, size: 16 },
  subtitle: { name: FONT, size: 12 },
  heading: { name: HEADING_FONT, size: 12 },
  paragraph: { name: FONT, size: 11 },
};

const textLines = (blocks: Block[]): TextLine[] => blocks.flatMap((b) => (b.kind === "table" ? [] : [{ style: b.kind, text: b.text }]));

function addTableSheet(workbook: ExcelJS.Workbook, name: string, before: TextLine[], table: PublicationTable, after: TextLine[]) {
  const sheet = workbook.addWorksheet(name);
  const layout = layoutTable(table);
  const size = layout.fontSizePt;
  const n = table.columns.length;
  const totalWidth = layout.widthsPt.reduce((a, b) => a + b, 0);
  sheet.columns = layout.widthsPt.map((w) => ({ width: widthUnits(w) }));
  for (const line of before) {
    const text = line.style === "title" ? titleLines(line.text, LINE_FONTS.title.size!, totalWidth) : line.text;
    textRow(sheet, text, n, totalWidth, LINE_FONTS[line.style], line.style === "title" || line.style === "subtitle" ? "center" : "left");
  }
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.height = rowHeight(Math.max(...table.columns.map((c) => c.header.split("\n").length)), size);
  header.eachCell((cell) => {
    cell.font = { name: HEADING_FONT, size, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
  });
  const padEm = 0.6;
  for (const r of table.rows) {
    if (r.kind === "group") {
      const row = sheet.addRow([neutraliseFormula(r.cells[0] ?? "")]);
      sheet.mergeCells(row.number, 1, row.number, n);
      row.getCell(1).font = { name: HEADING_FONT, size, bold: true };
      row.getCell(1).alignment = { vertical: "middle" };
      for (let c = 1; c <= n; c++) row.getCell(c).border = BORDER;
      row.height = rowHeight(1, size);
      continue;
    }
    const row = sheet.addRow(r.cells.map((text, i) => cellValue(table.columns[i]!, text)));
    let lines = 1;
    r.cells.forEach((text, i) => {
      const column = table.columns[i]!;
      const cell = row.getCell(i + 1);
      cell.font = { name: r.kind === "total" ? HEADING_FONT : FONT, size, bold: r.kind === "total" };
      cell.border = BORDER;
      cell.alignment = { vertical: "middle", wrapText: true, horizontal: r.kind === "total" && i === 0 ? "center" : (column.align ?? defaultAlign(column.kind)) };
      const format = NUMBER_FORMATS[column.kind];
      if (format) cell.numFmt = format;
      lines = Math.max(lines, lineCount(text, layout.widthsPt[i]! / size - padEm));
    });
    row.height = rowHeight(lines, size);
  }
  for (const note of table.notes ?? []) textRow(sheet, note, n, totalWidth, { size: 10 });
  for (const line of after) textRow(sheet, line.text, n, totalWidth, LINE_FONTS[line.style]);

  sheet.views = [{ state: "frozen", ySplit: header.number, xSplit: 0 }];
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${header.number}:${header.number}`,
    horizontalCentered: true,
    margins: {
      top: PAGE.marginPt.top / INCH,
      bottom: PAGE.marginPt.bottom / INCH,
      left: PAGE.marginPt.left / INCH,
      right: PAGE.marginPt.right / INCH,
      header: PAGE.marginPt.top / 2 / INCH,
      footer: (PAGE.marginPt.bottom - PAGE.pageNumberGapPt - PAGE.pageNumberSizePt) / INCH,
    },
  };
  sheet.headerFooter = {
    differentOddEven: true,
    oddFooter: `&R&"${"宋体"}"&14— &P —`,
    evenFooter: `&L&"${"宋体"}"&14— &P —`,
  };
  return sheet;
}

export async function publicationXlsx(publication: Publication, options: WriteOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "重大项目管理系统";
  if (options.date) workbook.created = workbook.modified = options.date;
  workbook.title = publication.title;
  const taken = new Set<string>();
  for (const part of publication.parts) {
    // The part's own lines go above its first table; headings and paragraphs above the table they lead to.
    let pending: TextLine[] = [
      ...(part.label ? [{ style: "label" as const, text: part.label }] : []),
      { style: "title", text: part.title },
      ...(part.subtitle ? [{ style: "subtitle" as const, text: part.subtitle }] : []),
    ];
    const tables = part.blocks.filter((b) => b.kind === "table").length;
    let seen = 0;
    let lastHeading = part.title;
    for (const block of part.blocks) {
      if (block.kind !== "table") {
        if (block.kind === "heading") lastHeading = block.text;
        pending.push({ style: block.kind, text: block.text });
        continue;
      }
      seen++;
      const trailing = seen === tables ? textLines(part.blocks.slice(part.blocks.indexOf(block) + 1)) : [];
      const name = block.table.sheetName || lastHeading;
      addTableSheet(workbook, sheetName(name, taken), pending, block.table, trailing);
      pending = [];
    }
    if (tables === 0 && pending.length) {
      const sheet = workbook.addWorksheet(sheetName(part.title, taken));
      sheet.columns = [{ width: 120 }];
      for (const line of pending) textRow(sheet, line.text, 1, 120 * 5, LINE_FONTS[line.style]);
    }
  }
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return options.date ? stableOfficeFile(bytes, options.date) : bytes;
}

