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
import JSZip from "jszip";
import { FONTS, layoutTable, PAGE, SIZES, CELL_PAD_PT, titleLines } from "./page-layout";
import { defaultAlign, type Align, type Publication, type PublicationPart, type PublicationTable, type TableRow as PublicationRow } from "./publication";
import { stableOfficeFile, type WriteOptions } from "./stable-file";

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

/**
 * A table's rows are not built as docx objects one by one: an annex of 10,000
 * projects is 90,000 cells, and the docx object tree of that took 2 GB and
 * 44 s to write. The table is written with one template row of each kind
 * present (data, group, total), each cell holding a marker; the rows are then
 * written from those templates' own XML, as the library wrote it, with the
 * text put in (expandRows). One shape per kind is what the table has anyway:
 * the rows of a kind differ only in their text.
 */
type RowTemplates = { table: number; columns: number; kinds: PublicationRow["kind"][]; rows: PublicationTable["rows"] };

const marker = (table: number, kind: PublicationRow["kind"], cell: number) => `QQT${table}${kind}C${cell}QQ`;

function tableElement(table: PublicationTable, index: number, templates: RowTemplates[]): Table {
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
  const kinds = (["data", "group", "total"] as const).filter((kind) => table.rows.some((r) => r.kind === kind));
  const rows = kinds.map((kind) =>
    kind === "group"
      ? new TableRow({ cantSplit: true, children: [cell(marker(index, kind, 0), full, strong, "left", table.columns.length)] })
      : new TableRow({
          cantSplit: true,
          children: table.columns.map((column, i) => {
            const total = kind === "total";
            return cell(marker(index, kind, i), widths[i]!, total ? strong : body, total && i === 0 ? "center" : (column.align ?? defaultAlign(column.kind)));
          }),
        }),
  );
  if (kinds.length) templates.push({ table: index, columns: table.columns.length, kinds, rows: table.rows });
  return new Table({ width: { size: full, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [header, ...rows] });
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
// What XML 1.0 cannot hold at all (the docx library drops these too).
// eslint-disable-next-line no-control-regex
const escapeXml = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);

/** A template row cut around its cells' marker paragraphs: fixed XML between, and each cell's paragraph. */
function cutTemplate(rowXml: string, markers: string[]): { between: string[]; paragraphs: { xml: string; marker: string }[] } {
  const between: string[] = [];
  const paragraphs: { xml: string; marker: string }[] = [];
  let at = 0;
  for (const m of markers) {
    const hit = rowXml.indexOf(m, at);
    const start = Math.max(rowXml.lastIndexOf("<w:p>", hit), rowXml.lastIndexOf("<w:p ", hit));
    const end = rowXml.indexOf("</w:p>", hit) + "</w:p>".length;
    between.push(rowXml.slice(at, start));
    paragraphs.push({ xml: rowXml.slice(start, end), marker: m });
    at = end;
  }
  between.push(rowXml.slice(at));
  return { between, paragraphs };
}

/** The XML of the document with every table's template rows replaced by its rows. */
function expandRows(xml: string, templates: RowTemplates[]): string {
  const out: string[] = [];
  let at = 0;
  for (const t of templates) {
    const cuts = new Map<PublicationRow["kind"], ReturnType<typeof cutTemplate>>();
    let first = -1;
    let last = -1;
    for (const kind of t.kinds) {
      const cells = kind === "group" ? 1 : t.columns;
      const markers = Array.from({ length: cells }, (_, i) => marker(t.table, kind, i));
      const hit = xml.indexOf(markers[0]!, at);
      const start = Math.max(xml.lastIndexOf("<w:tr>", hit), xml.lastIndexOf("<w:tr ", hit));
      const end = xml.indexOf("</w:tr>", xml.indexOf(markers[markers.length - 1]!, hit)) + "</w:tr>".length;
      cuts.set(kind, cutTemplate(xml.slice(start, end), markers));
      if (first < 0) first = start;
      last = end;
    }
    out.push(xml.slice(at, first));
    for (const row of t.rows) {
      const { between, paragraphs } = cuts.get(row.kind)!;
      let rowXml = between[0]!;
      paragraphs.forEach((p, i) => {
        // One paragraph per line, as paragraphs() writes a cell of several lines.
        for (const line of (row.cells[i] ?? "").split("\n")) rowXml += p.xml.replace(p.marker, escapeXml(line));
        rowXml += between[i + 1]!;
      });
      out.push(rowXml);
    }
    at = last;
  }
  out.push(xml.slice(at));
  return out.join("");
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

function section(part: PublicationPart, tables: RowTemplates[]): ISectionOptions {
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
      children.push(tableElement(block.table, tables.length, tables));
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

export async function publicationDocx(publication: Publication, options: WriteOptions = {}): Promise<Uint8Array> {
  const templates: RowTemplates[] = [];
  const document = new Document({
    creator: "重大项目管理系统",
    title: publication.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: face(FONTS.body), size: SIZES.body * 2 } } } },
    sections: publication.parts.map((part) => section(part, templates)),
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(document));
  const entry = zip.file("word/document.xml")!;
  zip.file("word/document.xml", expandRows(await entry.async("string"), templates), { date: entry.date });
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
  return options.date ? stableOfficeFile(bytes, options.date) : bytes;
}
