// The annex as a landscape Word document, the way plans are published: title,
// a table whose header repeats on every page, a merged row per domain.
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { ANNEX_HEADER, ANNEX_WIDTHS, SUMMARY_HEADER, SUMMARY_WIDTHS, type AnnexTable, type SummaryTable } from "./annex-table";

const FONT = { ascii: "Times New Roman", eastAsia: "仿宋_GB2312", hAnsi: "Times New Roman" };
const HEADING_FONT = { ascii: "Times New Roman", eastAsia: "方正小标宋简体", hAnsi: "Times New Roman" };
// A4 landscape, in twentieths of a point.
const PAGE = { width: 16838, height: 11906, margin: 1000 };

function text(value: string, options: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) {
  // One paragraph per line: a cell listing several units keeps them on separate lines.
  return value.split("\n").map(
    (line) =>
      new Paragraph({
        alignment: options.align ?? AlignmentType.LEFT,
        children: [new TextRun({ text: line, bold: options.bold, size: options.size ?? 18, font: FONT })],
      }),
  );
}

function cell(value: string, width: number, options: Parameters<typeof text>[1] & { span?: number } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.span,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    children: text(value, options),
  });
}

function twips(widths: number[]): number[] {
  const usable = PAGE.width - 2 * PAGE.margin;
  const sum = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => Math.floor((w / sum) * usable));
}

function title(value: string) {
  return [
    new Paragraph({ children: [new TextRun({ text: "附件：", size: 24, font: FONT })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun({ text: value, size: 32, font: HEADING_FONT })],
    }),
  ];
}

function annexTableElement(table: AnnexTable): Table {
  const widths = twips(ANNEX_WIDTHS);
  const center = new Set([0, 2, 3]);
  const right = new Set([6, 7]);
  const header = new TableRow({
    tableHeader: true,
    children: ANNEX_HEADER.map((h, i) => cell(h, widths[i]!, { bold: true, align: AlignmentType.CENTER })),
  });
  const rows = table.groups.flatMap((group) => [
    new TableRow({ children: [cell(group.label, widths.reduce((a, b) => a + b, 0), { bold: true, span: ANNEX_HEADER.length })] }),
    ...group.rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map((c, i) =>
            cell(c, widths[i]!, { align: center.has(i) ? AlignmentType.CENTER : right.has(i) ? AlignmentType.RIGHT : AlignmentType.LEFT }),
          ),
        }),
    ),
  ]);
  return new Table({ width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, rows: [header, ...rows] });
}

function summaryTableElement(table: SummaryTable): Table {
  const widths = twips(SUMMARY_WIDTHS);
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: SUMMARY_HEADER.map((h, i) => cell(h, widths[i]!, { bold: true, align: AlignmentType.CENTER, size: 22 })) }),
      ...table.rows.map(
        (r) => new TableRow({ children: r.map((c, i) => cell(c, widths[i]!, { size: 22, bold: r[0] === "汇总数", align: i === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT })) }),
      ),
    ],
  });
}

export async function annexDocument(annex: AnnexTable | null, summary: SummaryTable | null): Promise<Uint8Array> {
  const page = {
    size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
    margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
  };
  const sections = [];
  if (summary) sections.push({ properties: { page }, children: [...title(summary.title), summaryTableElement(summary)] });
  if (annex) sections.push({ properties: { page }, children: [...title(annex.title), annexTableElement(annex)] });
  const document = new Document({ creator: "重大项目管理系统", title: annex?.title ?? summary?.title ?? "重大项目表", sections });
  return new Uint8Array(await Packer.toBuffer(document));
}
