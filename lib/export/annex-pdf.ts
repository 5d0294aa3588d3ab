// The annex as a landscape A4 PDF, like the published table: title, header
// repeated on every page, a merged row per domain, wrapped text. Drawn with
// pdfkit in Noto Sans SC (shipped with the package @expo-google-fonts/noto-sans-sc,
// OFL), subset into the file so it opens anywhere.
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";
import { ANNEX_HEADER, ANNEX_WIDTHS, SUMMARY_HEADER, SUMMARY_WIDTHS, type AnnexTable, type SummaryTable } from "./annex-table";

const require = createRequire(path.join(process.cwd(), "package.json"));
const fontDir = path.dirname(require.resolve("@expo-google-fonts/noto-sans-sc/package.json"));
const REGULAR = path.join(fontDir, "400Regular/NotoSansSC_400Regular.ttf");
const BOLD = path.join(fontDir, "700Bold/NotoSansSC_700Bold.ttf");

const MARGIN = 36;
const PAD = 3;
const FONT_SIZE = 7.5;

type Row = { cells: string[]; bold?: boolean; span?: boolean; align?: ("left" | "center" | "right")[] };

function drawTable(doc: PDFKit.PDFDocument, header: string[], widths: number[], rows: Row[], fontSize: number) {
  const usable = doc.page.width - 2 * MARGIN;
  const sum = widths.reduce((a, b) => a + b, 0);
  const cols = widths.map((w) => (w / sum) * usable);
  const bottom = () => doc.page.height - MARGIN;

  const heightOf = (row: Row) => {
    doc.font(row.bold ? "bold" : "regular").fontSize(fontSize);
    const texts = row.span ? [{ text: row.cells[0]!, width: usable }] : row.cells.map((text, i) => ({ text, width: cols[i]! }));
    return Math.max(...texts.map((t) => doc.heightOfString(t.text || " ", { width: t.width - 2 * PAD }))) + 2 * PAD;
  };

  const draw = (row: Row) => {
    const height = heightOf(row);
    if (doc.y + height > bottom()) {
      doc.addPage();
      drawRow(headerRow);
    }
    drawRow(row, height);
  };

  const drawRow = (row: Row, known?: number) => {
    const height = known ?? heightOf(row);
    const top = doc.y;
    let x = MARGIN;
    const cells = row.span ? [{ text: row.cells[0]!, width: usable }] : row.cells.map((text, i) => ({ text, width: cols[i]! }));
    cells.forEach((cell, i) => {
      doc.rect(x, top, cell.width, height).lineWidth(0.5).stroke();
      doc.font(row.bold ? "bold" : "regular").fontSize(fontSize);
      doc.text(cell.text, x + PAD, top + PAD, { width: cell.width - 2 * PAD, align: row.align?.[i] ?? "left" });
      x += cell.width;
    });
    doc.x = MARGIN;
    doc.y = top + height;
  };

  const headerRow: Row = { cells: header, bold: true, align: header.map(() => "center") };
  drawRow(headerRow);
  for (const row of rows) draw(row);
}

function newDocument(title: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: MARGIN, info: { Title: title, Creator: "重大项目管理系统" } });
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  return doc;
}

function heading(doc: PDFKit.PDFDocument, title: string) {
  doc.font("regular").fontSize(11).text("附件：");
  doc.font("bold").fontSize(15).text(title, { align: "center" });
  doc.moveDown(0.6);
  doc.x = MARGIN;
}

export async function annexPdf(annex: AnnexTable | null, summary: SummaryTable | null): Promise<Uint8Array> {
  const doc = newDocument(annex?.title ?? summary?.title ?? "重大项目表");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve) => doc.on("end", () => resolve()));

  if (summary) {
    heading(doc, summary.title);
    drawTable(doc, SUMMARY_HEADER, SUMMARY_WIDTHS, summary.rows.map((cells) => ({ cells, bold: cells[0] === "汇总数", align: ["left", "right", "right", "right"] })), 11);
  }
  if (annex) {
    if (summary) doc.addPage();
    heading(doc, annex.title);
    const align: Row["align"] = ["center", "left", "center", "center", "left", "left", "right", "right", "left"];
    const rows = annex.groups.flatMap((g) => [{ cells: [g.label], bold: true, span: true } as Row, ...g.rows.map((cells) => ({ cells, align }))]);
    drawTable(doc, ANNEX_HEADER, ANNEX_WIDTHS, rows, FONT_SIZE);
  }
  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}
