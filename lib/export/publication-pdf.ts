// A publication as a PDF laid out like the Word document (GB/T 9704-2012 on
// A4 landscape, page-layout.ts): “附件”, the title, tables with the header
// repeated on every page and rows never split, notes, and “— 1 —” page
// numbers, odd pages right and even left. The standard's faces are not free
// to embed, so open CJK faces stand in and are subset into the file: Noto
// Serif SC for 仿宋 and 小标宋 (packages @expo-google-fonts/noto-serif-sc and
// noto-sans-sc, SIL Open Font License), Noto Sans SC Bold for 黑体.
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";
import { CELL_PAD_PT, layoutTable, PAGE, pageNumberText, SIZES, titleLines } from "./page-layout";
import { defaultAlign, type Align, type Publication, type PublicationTable, type TableRow } from "./publication";
import type { WriteOptions } from "./stable-file";

const require = createRequire(path.join(process.cwd(), "package.json"));
const fontFile = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const FACES = {
  body: fontFile("@expo-google-fonts/noto-serif-sc", "400Regular/NotoSerifSC_400Regular.ttf"),
  title: fontFile("@expo-google-fonts/noto-serif-sc", "900Black/NotoSerifSC_900Black.ttf"),
  heading: fontFile("@expo-google-fonts/noto-sans-sc", "700Bold/NotoSansSC_700Bold.ttf"),
};
type Face = keyof typeof FACES;

const M = PAGE.marginPt;
const LEFT = M.left;
const WIDTH = PAGE.widthPt - M.left - M.right;
const BOTTOM = PAGE.heightPt - M.bottom;
const PAD_Y = 1.5;
/** Line spacing inside table cells (the faces' own line gap is wide). */
const CELL_LINE_GAP = -0.15;

function drawText(doc: PDFKit.PDFDocument, text: string, face: Face, size: number, options: PDFKit.Mixins.TextOptions & { x?: number; y?: number } = {}) {
  doc.font(face).fontSize(size);
  const { x = LEFT, y = doc.y, ...rest } = options;
  doc.text(text, x, y, { width: WIDTH, ...rest });
  doc.x = LEFT;
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function drawTable(doc: PDFKit.PDFDocument, table: PublicationTable) {
  const layout = layoutTable(table);
  const size = layout.fontSizePt;
  const widths = layout.widthsPt;
  const lineGap = size * CELL_LINE_GAP;
  const cellsOf = (row: TableRow) =>
    row.kind === "group"
      ? [{ text: row.cells[0] ?? "", width: WIDTH, align: "left" as Align }]
      : row.cells.map((text, i) => {
          const column = table.columns[i]!;
          return { text, width: widths[i]!, align: row.kind === "total" && i === 0 ? ("center" as Align) : (column.align ?? defaultAlign(column.kind)) };
        });
  const faceOf = (row: TableRow | "header"): Face => (row === "header" || row.kind !== "data" ? "heading" : "body");
  // Each line of a cell measured and drawn on its own: pdfkit counts a line break as
  // part of the line before it, which would wrap “十四五” a character early.
  const textHeight = (text: string, width: number) => text.split("\n").reduce((h, line) => h + doc.heightOfString(line || " ", { width, lineGap }), 0);
  const heightOf = (row: TableRow | "header") => {
    doc.font(faceOf(row)).fontSize(size);
    const cells = row === "header" ? table.columns.map((c, i) => ({ text: c.header, width: widths[i]! })) : cellsOf(row);
    return Math.max(...cells.map((c) => textHeight(c.text, c.width - 2 * CELL_PAD_PT))) + 2 * PAD_Y;
  };
  const drawRow = (row: TableRow | "header") => {
    const height = heightOf(row);
    const top = doc.y;
    const cells = row === "header" ? table.columns.map((c, i) => ({ text: c.header, width: widths[i]!, align: "center" as Align })) : cellsOf(row);
    let x = LEFT;
    doc.font(faceOf(row)).fontSize(size);
    for (const c of cells) {
      doc.rect(x, top, c.width, height).lineWidth(0.5).stroke();
      const width = c.width - 2 * CELL_PAD_PT;
      // Vertically centred, as in the Word document.
      let y = top + (height - textHeight(c.text, width)) / 2;
      for (const line of c.text.split("\n")) {
        doc.text(line, x + CELL_PAD_PT, y, { width, align: c.align, lineGap });
        y += doc.heightOfString(line || " ", { width, lineGap });
      }
      x += c.width;
    }
    doc.x = LEFT;
    doc.y = top + height;
  };
  const headerHeight = heightOf("header");
  ensureRoom(doc, headerHeight + (table.rows[0] ? heightOf(table.rows[0]) : 0));
  drawRow("header");
  for (const row of table.rows) {
    if (doc.y + heightOf(row) > BOTTOM) {
      doc.addPage();
      drawRow("header");
    }
    drawRow(row);
  }
  for (const note of table.notes ?? []) {
    doc.moveDown(0.3);
    drawText(doc, note, "body", SIZES.note);
  }
  doc.moveDown(0.8);
}

function numberPages(doc: PDFKit.PDFDocument) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const page = i - range.start + 1;
    // Writing below the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const indent = PAGE.pageNumberSizePt; // 空一字
    const odd = page % 2 === 1;
    doc.font("body").fontSize(PAGE.pageNumberSizePt);
    doc.text(pageNumberText(page), odd ? LEFT : LEFT + indent, BOTTOM + PAGE.pageNumberGapPt, { width: WIDTH - indent, align: odd ? "right" : "left", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export async function publicationPdf(publication: Publication, options: WriteOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margins: { top: M.top, bottom: M.bottom, left: M.left, right: M.right },
    bufferPages: true,
    autoFirstPage: false,
    // With a date, CreationDate is it (the file ID is derived from the info, so it is stable too).
    info: { Title: publication.title, Creator: "重大项目管理系统", ...(options.date ? { CreationDate: options.date, ModDate: options.date } : {}) },
  });
  for (const [name, file] of Object.entries(FACES)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve) => doc.on("end", () => resolve()));

  for (const part of publication.parts) {
    doc.addPage();
    if (part.label) {
      drawText(doc, part.label, "heading", SIZES.label);
      doc.moveDown(0.3);
    }
    drawText(doc, titleLines(part.title, SIZES.title, WIDTH), "title", SIZES.title, { align: "center" });
    if (part.subtitle) drawText(doc, part.subtitle, "body", SIZES.subtitle - 2, { align: "center" });
    doc.moveDown(0.6);
    for (const block of part.blocks) {
      if (block.kind === "heading") {
        ensureRoom(doc, SIZES.heading * 4);
        drawText(doc, block.text, "heading", SIZES.heading - 2);
        doc.moveDown(0.3);
      } else if (block.kind === "paragraph") {
        drawText(doc, block.text, "body", SIZES.body - 2, { indent: 2 * (SIZES.body - 2), lineGap: 2 });
        doc.moveDown(0.3);
      } else drawTable(doc, block.table);
    }
  }
  numberPages(doc);
  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}
