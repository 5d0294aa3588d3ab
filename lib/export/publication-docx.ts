// A publication as a Word document laid out as a 公文 annex (GB/T 9704-2012):
// A4 landscape with its real dimensions, the standard's margins and faces,
// “附件” and the title, the table header repeated on every page, rows never
// split across pages, the columns sized from the text (page-layout.ts) so
// that names and figures stay whole, and the page number “— 1 —” at the
// right of odd pages and the left of even ones.
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from "docx";
import { FONTS, layoutTable, PAGE, SIZES, CELL_PAD_PT, titleLines } from "./page-layout";
import { defaultAlign, type Align, type Publication, type PublicationPart, type PublicationTable } from "./publication";

const TWIPS_PER_PT = 20;
const twips = (pt: number) => Math.round(pt * TWIPS_PER_PT);

const face = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

type RunStyle = { font: string; sizePt: number; bold?: boolean };

function paragraphs(text: string, style: RunStyle, align: Align, options: { indentFirstLine?: boolean; before?: number; after?: number; keepNext?: boolean } = {}) {
  // One paragraph per line: a cell listing several units keeps each on its own line.
  const lines = text.split("\n");
  return lines.map(
    (line, i) =>
      new Paragraph({
        alignment: ALIGN[align],
        // A title of two lines keeps them together; the space after follows the last.
        keepNext: options.keepNext || (options.after !== undefined && i < lines.length - 1),
        spacing: { before: i === 0 ? (options.before ?? 0) : 0, after: i === lines.length - 1 ? (options.after ?? 0) : 0, line: 240, lineRule: LineRuleType.AUTO },
        indent: options.indentFirstLine ? { firstLine: twips(2 * style.sizePt) } : undefined,
        children: [new TextRun({ text: line, font: face(style.font), size: Math.round(style.sizePt * 2), bold: style.bold })],
      }),
  );
}

function cell(text: string, widthTw: number, style: RunStyle, align: Align, span?: number) {
  return new TableCell({
    width: { size: widthTw, type: WidthType.DXA },
    columnSpan: span,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 30, bottom: 30, left: twips(CELL_PAD_PT), right: twips(CELL_PAD_PT) },
    children: paragraphs(text, style, align),
  });
}

function tableElement(table: PublicationTable): Table {
  const layout = layoutTable(table);
  // Whole twips that add up exactly to the 版心's width.
  const widths = layout.widthsPt.map(twips);
  const full = widths.reduce((a, b) => a + b, 0);
  const size = layout.fontSizePt;
  const body: RunStyle = { font: FONTS.body, sizePt: size };
  const strong: RunStyle = { font: FONTS.heading, sizePt: size };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((c, i) => cell(c.header, widths[i]!, strong, "center")),
  });
  const rows = table.rows.map((row) =>
    row.kind === "group"
      ? new TableRow({ cantSplit: true, children: [cell(row.cells[0] ?? "", full, strong, "left", table.columns.length)] })
      : new TableRow({
          cantSplit: true,
          children: row.cells.map((text, i) => {
            const column = table.columns[i]!;
            const total = row.kind === "total";
            return cell(text, widths[i]!, total ? strong : body, total && i === 0 ? "center" : (column.align ?? defaultAlign(column.kind)));
          }),
        }),
  );
  return new Table({ width: { size: full, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [header, ...rows] });
}

function pageNumberFooter(align: "left" | "right") {
  const indent = twips(PAGE.pageNumberSizePt); // 空一字
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === "right" ? { right: indent } : { left: indent },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: face(FONTS.pageNumber), size: PAGE.pageNumberSizePt * 2 })],
      }),
    ],
  });
}

function section(part: PublicationPart): ISectionOptions {
  const m = PAGE.marginPt;
  // The bottom of the page number's line: 7 mm under the 版心, one 4号 line high.
  const footerDistance = m.bottom - PAGE.pageNumberGapPt - PAGE.pageNumberSizePt * 1.2;
  const children: (Paragraph | Table)[] = [];
  if (part.label) children.push(...paragraphs(part.label, { font: FONTS.heading, sizePt: SIZES.label }, "left", { after: 240 }));
  children.push(...paragraphs(titleLines(part.title, SIZES.title), { font: FONTS.title, sizePt: SIZES.title }, "center", { after: part.subtitle ? 120 : 360 }));
  if (part.subtitle) children.push(...paragraphs(part.subtitle, { font: FONTS.body, sizePt: SIZES.subtitle }, "center", { after: 240 }));
  for (const block of part.blocks) {
    if (block.kind === "heading") children.push(...paragraphs(block.text, { font: FONTS.heading, sizePt: SIZES.heading }, "left", { before: 180, after: 120, keepNext: true }));
    else if (block.kind === "paragraph") children.push(...paragraphs(block.text, { font: FONTS.body, sizePt: SIZES.body }, "left", { indentFirstLine: true, after: 120 }));
    else {
      children.push(tableElement(block.table));
      for (const note of block.table.notes ?? []) children.push(...paragraphs(note, { font: FONTS.body, sizePt: SIZES.note }, "left", { after: 0 }));
      // A paragraph must follow a table; one line 1 pt high, so that a full last page does not spill onto a blank one.
      children.push(new Paragraph({ spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: "", size: 2 })] }));
    }
  }
  return {
    properties: {
      page: {
        // docx swaps width and height for a landscape page: given as portrait, written as 16838 × 11906.
        size: { width: twips(PAGE.heightPt), height: twips(PAGE.widthPt), orientation: PageOrientation.LANDSCAPE },
        margin: { top: twips(m.top), bottom: twips(m.bottom), left: twips(m.left), right: twips(m.right), header: twips(m.top / 2), footer: twips(footerDistance) },
      },
    },
    footers: { default: pageNumberFooter("right"), even: pageNumberFooter("left") },
    children,
  };
}

export async function publicationDocx(publication: Publication): Promise<Uint8Array> {
  const document = new Document({
    creator: "重大项目管理系统",
    title: publication.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: face(FONTS.body), size: SIZES.body * 2 } } } },
    sections: publication.parts.map(section),
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
