// The page of a 公文 annex (GB/T 9704-2012) and how a table's columns are
// sized on it, shared by the docx, PDF and xlsx writers so that all three lay
// out the same document the same way. Pure: no file format here.
import type { Column, PublicationTable, TableRow } from "./publication";

const MM = 72 / 25.4;

/**
 * A4 landscape, as the standard has wide tables printed: the 版心 of 156 × 225 mm
 * turned with the page (天头 37 mm and 订口 28 mm become the left and top
 * margins), the page number 7 mm under the 版心.
 */
export const PAGE = {
  widthPt: 297 * MM,
  heightPt: 210 * MM,
  marginPt: { top: 28 * MM, bottom: 26 * MM, left: 37 * MM, right: 35 * MM },
  /** From the bottom edge of the 版心 to the top of the page number's line. */
  pageNumberGapPt: 7 * MM,
  /** 4号 (14 pt) 半角宋体阿拉伯数字 with an 一字线 on each side. */
  pageNumberSizePt: 14,
};

export const USABLE_WIDTH_PT = PAGE.widthPt - PAGE.marginPt.left - PAGE.marginPt.right;

/** The standard's faces, named in the docx (the reader's Word or LibreOffice uses them where installed). */
export const FONTS = {
  /** 正文: 3号仿宋_GB2312. */
  body: "仿宋_GB2312",
  /** 标题: 2号方正小标宋简体. */
  title: "方正小标宋简体",
  /** 一级标题, “附件”: 3号黑体. */
  heading: "黑体",
  /** 页码: 4号宋体. */
  pageNumber: "宋体",
  latin: "Times New Roman",
};

/** The standard's sizes, in points: 2号 22, 3号 16, 4号 14. */
export const SIZES = { title: 22, heading: 16, body: 16, label: 16, subtitle: 16, note: 12 };

/** The page number as the standard prints it: “— 1 —”. */
export function pageNumberText(page: number): string {
  return `— ${page} —`;
}

/**
 * A title too long for one line of the 版心, broken as GB/T 9704 has titles broken
 * (“回行时，要做到词意完整，排列对称”): before the head noun (重大项目, 重点项目), or
 * else after a closing quote or bracket, never inside a word; of the breaks that fit,
 * the one with the lines most alike, the longer one first (梯形). Lines are joined
 * with "\n", which every writer lays out as its own line.
 */
export function titleLines(title: string, sizePt: number, widthPt = USABLE_WIDTH_PT): string {
  const maxEm = widthPt / sizePt;
  if (title.includes("\n") || textWidthEm(title) <= maxEm) return title;
  const chars = [...title];
  const width = (from: number, to?: number) => textWidthEm(chars.slice(from, to).join(""));
  const fits = (i: number) => width(0, i) <= maxEm && width(i) <= maxEm;
  const before = (words: string[]) => chars.flatMap((_, i) => (i > 0 && words.some((w) => chars.slice(i, i + w.length).join("") === w) ? [i] : []));
  const after = (marks: string) => chars.flatMap((c, i) => (i + 1 < chars.length && marks.includes(c) ? [i + 1] : []));
  // Best first: the longer line on top, then the smaller difference.
  const rank = (i: number) => (width(0, i) >= width(i) ? 0 : 1000) + Math.abs(width(0, i) - width(i));
  for (const candidates of [before(["重大项目", "重点项目"]), after("”」）》")]) {
    const fitting = candidates.filter(fits).sort((a, b) => rank(a) - rank(b));
    if (fitting.length) return `${chars.slice(0, fitting[0]).join("")}\n${chars.slice(fitting[0]).join("")}`;
  }
  // No word boundary known: the middle.
  const middle = Math.ceil(chars.length / 2);
  return `${chars.slice(0, middle).join("")}\n${chars.slice(middle).join("")}`;
}

/** Cell padding, left and right each, in points. */
export const CELL_PAD_PT = 2.5;

/**
 * How wide a line of text is, in em: CJK characters and full-width punctuation
 * one em, everything else (digits, Latin letters, half-width punctuation) at
 * most 0.6 em in the faces used here.
 */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch) ? 1 : 0.6;
  return width;
}

function isWide(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000 ||
    // “ ” ‘ ’ and — are full width in CJK faces.
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x2014
  );
}

/** The longest run a line breaker never breaks in CJK text: a run of digits, Latin letters and their punctuation. */
function longestUnbreakableEm(line: string): number {
  let longest = 0;
  for (const run of line.split(/[^\x21-\x7e]+/)) longest = Math.max(longest, textWidthEm(run));
  return longest;
}

const linesOf = (cell: string) => cell.split("\n");

/** Lines a cell takes at a width (em of text), CJK text breaking between any two characters. */
export function lineCount(cell: string, widthEm: number): number {
  return linesOf(cell).reduce((n, line) => n + Math.max(1, Math.ceil(textWidthEm(line) / widthEm - 1e-9)), 0);
}

export type TableLayout = {
  fontSizePt: number;
  /** Column widths in points, summing to the usable width. */
  widthsPt: number[];
  /** Whether every name column holds its longest line whole. */
  namesWhole: boolean;
};

/** Rows a table may take and still count as fitting one page: the 版心's height less room for a title, a heading and notes. */
const ONE_PAGE_TABLE_PT = (PAGE.heightPt - PAGE.marginPt.top - PAGE.marginPt.bottom) * 0.6;

/** Sizes tried for a table's text, largest first: 小四 12, 五号 10.5, 小五 9, 8, 六号 7.5. */
const TABLE_SIZES = [12, 10.5, 9, 8, 7.5];
/** Narrowest a free-text column may become, in em. */
const MIN_TEXT_EM = 4;
/** Room left in a kept line for faces a little wider than measured (LibreOffice substitutes missing ones). */
const KEEP_SLACK_EM = 0.6;

/**
 * Column widths chosen from the text: each name, figure and header line gets
 * the room to stand whole on one line, and the free-text columns share the
 * rest where it saves the most lines. Of the type sizes that allow this
 * (`maxSizePt` caps them), the one giving the shortest table, or a larger
 * one within 30% of it. Only when even the smallest size cannot hold
 * every name whole are the columns narrowed, in proportion.
 */
export function layoutTable(table: Pick<PublicationTable, "columns" | "rows">, usablePt = USABLE_WIDTH_PT, maxSizePt = 12): TableLayout {
  const { columns, rows } = table;
  const dataRows = rows.filter((r) => r.kind !== "group");
  const sizes = TABLE_SIZES.filter((s) => s <= maxSizePt);
  const candidates: (TableLayout & { heightPt: number })[] = [];
  for (const size of sizes) {
    const padEm = (2 * CELL_PAD_PT) / size;
    const usableEm = usablePt / size;
    const minimum = columns.map((column, i) => minimumEm(column, dataRows, i) + padEm);
    const total = minimum.reduce((a, b) => a + b, 0);
    if (total > usableEm) continue;
    const widthsEm = shareRest(columns, dataRows, minimum, usableEm, padEm);
    const lines = dataRows.reduce((sum, row) => sum + Math.max(1, ...row.cells.map((c, i) => lineCount(c, widthsEm[i]! - padEm))), 0);
    candidates.push({ fontSizePt: size, widthsPt: widthsEm.map((w) => w * size), namesWhole: true, heightPt: lines * size * 1.35 });
  }
  if (candidates.length) {
    // The largest type whose table is at most 30% longer than the shortest: a size
    // smaller still saves paper but is harder to read (the annex: 8 pt, 10 pages, against 9 pt, 16).
    // A table that fits in one page at a larger type gets it (the 分类汇总表, the 通报's tables):
    // a few rows in 小五 across a landscape page read as a footnote.
    const shortest = Math.min(...candidates.map((c) => c.heightPt));
    const { heightPt: _, ...chosen } = candidates.find((c) => c.heightPt <= ONE_PAGE_TABLE_PT) ?? candidates.find((c) => c.heightPt <= shortest * 1.3)!;
    return chosen;
  }
  // Not even the smallest type holds every name whole: the columns narrowed in proportion.
  const size = sizes[sizes.length - 1]!;
  const padEm = (2 * CELL_PAD_PT) / size;
  const minimum = columns.map((column, i) => minimumEm(column, dataRows, i) + padEm);
  const total = minimum.reduce((a, b) => a + b, 0);
  return { fontSizePt: size, widthsPt: minimum.map((m) => (m / total) * usablePt), namesWhole: false };
}

function minimumEm(column: Column, rows: TableRow[], index: number): number {
  const header = Math.max(...linesOf(column.header).map(textWidthEm));
  const cells = rows.map((r) => r.cells[index] ?? "");
  if (column.kind === "text") return Math.max(header, MIN_TEXT_EM, ...cells.flatMap(linesOf).map(longestUnbreakableEm));
  return Math.max(header, ...cells.flatMap(linesOf).map(textWidthEm)) + KEEP_SLACK_EM;
}

/** Gives the width left over to the free-text columns, half an em at a time, where it saves the most lines. */
function shareRest(columns: Column[], rows: TableRow[], minimum: number[], usableEm: number, padEm: number): number[] {
  const widths = [...minimum];
  const free = columns.map((c, i) => (c.kind === "text" ? i : -1)).filter((i) => i >= 0);
  let rest = usableEm - widths.reduce((a, b) => a + b, 0);
  if (!free.length) return widths.map((w) => w + (rest * w) / minimum.reduce((a, b) => a + b, 0));
  // Each line's width measured once: a 5,000-row annex is laid out in milliseconds.
  const measured = rows.map((row) => free.map((i) => linesOf(row.cells[i] ?? "").map(textWidthEm)));
  const linesAt = (lines: number[], width: number) => lines.reduce((n, w) => n + Math.max(1, Math.ceil(w / width - 1e-9)), 0);
  const totalLines = (ws: number[]) =>
    measured.reduce((sum, cells) => sum + Math.max(1, ...cells.map((lines, k) => linesAt(lines, ws[free[k]!]! - padEm))), 0);
  const step = 0.5;
  let current = totalLines(widths);
  while (rest >= step) {
    let best = -1;
    let bestLines = current;
    for (const i of free) {
      widths[i]! += step;
      const lines = totalLines(widths);
      widths[i]! -= step;
      if (lines < bestLines) {
        bestLines = lines;
        best = i;
      }
    }
    if (best < 0) break;
    widths[best]! += step;
    rest -= step;
    current = bestLines;
  }
  // What no longer saves a line goes to the free columns in proportion to their text.
  const mass = measured[0] ? free.map((_, k) => measured.reduce((s, cells) => s + cells[k]!.reduce((a, b) => a + b, 0), 0) + 1) : free.map(() => 1);
  const massTotal = mass.reduce((a, b) => a + b, 0);
  free.forEach((i, k) => (widths[i]! += (rest * mass[k]!) / massTotal));
  return widths;
}
