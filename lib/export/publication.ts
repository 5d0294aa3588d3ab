// A document to publish, independent of its file format: the annex, the
// 分类汇总表 and the monthly 通报 are each built as one of these from the
// database, and the docx, PDF and xlsx writers render any of them the same
// way (GB/T 9704-2012 公文 layout). Pure data: building one reads the
// database, rendering one does not.

export type Align = "left" | "center" | "right";

/** What a column holds: how it is aligned, whether its lines may break, and how a spreadsheet stores it. */
export type ColumnKind =
  /** Free text: wraps anywhere a CJK line may break. */
  | "text"
  /** Names, periods, short labels: each line is kept whole when the column can hold it (a unit per line). */
  | "name"
  /** 亿元 with one decimal (待定 and —— as text). */
  | "amount"
  /** A whole number (序号, 项目数). */
  | "count"
  /** A percentage as "41.7%". */
  | "percent";

export type Column = {
  /** Lines separated by \n; each header line is kept whole. */
  header: string;
  kind: ColumnKind;
  align?: Align;
};

export type TableRow = {
  /** group: a merged row naming a domain (一、…); total: the 合计 row. */
  kind: "data" | "group" | "total";
  cells: string[];
};

export type PublicationTable = {
  columns: Column[];
  rows: TableRow[];
  /** Printed under the table (e.g. the figures that differ from the published summary). */
  notes?: string[];
  /** The worksheet this table goes on in a workbook. */
  sheetName: string;
};

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; table: PublicationTable };

export type PublicationPart = {
  /** “附件” (or “附件1”) above the title of an annex; null for a document of its own (the 通报). */
  label: string | null;
  title: string;
  /** A line under the title, e.g. the month and the basis of the figures. */
  subtitle?: string;
  blocks: Block[];
};

export type Publication = { title: string; parts: PublicationPart[] };

export function defaultAlign(kind: ColumnKind): Align {
  return kind === "amount" || kind === "percent" ? "right" : kind === "count" ? "center" : "left";
}

/** Every table of a publication, in order. */
export function tablesOf(publication: Publication): PublicationTable[] {
  return publication.parts.flatMap((p) => p.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : [])));
}
