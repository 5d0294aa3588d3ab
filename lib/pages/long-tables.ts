// Long tables (a province plan has over a thousand units) are sent as their
// first rows; the page's `?all=` names the tables a person opened with
// 展开全部, and the server then renders them whole — from the same rollup, so
// every figure is the one the short table showed.

/** Rows a collapsed table shows: enough for a screen, few enough that the page stays light. */
export const COLLAPSED_ROWS = 50;

/** The tables opened in full (`?all=rollup-unit,ranking-unit`): ids of the page's sections. */
export function openedTables(param: string | undefined): Set<string> {
  return new Set((param ?? "").split(",").filter(Boolean));
}

/**
 * The address that opens one more table: the page's own query with the table
 * added to `all`, and the table's section as the fragment (the browser scrolls back to it).
 */
export function openTableHref(pathname: string, query: Record<string, string | undefined>, table: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== "all") params.set(k, v);
  params.set("all", [...openedTables(query.all), table].join(","));
  return `${pathname}?${params}#${table}`;
}

/**
 * What a table shows of its rows: all of them when opened or short enough;
 * else the first `COLLAPSED_ROWS`, or (a ranking, `ends`) its first and last
 * halves of that, each row with its place in the whole list.
 */
export function collapsedRows<T>(rows: T[], opened: boolean, ends = false): { shown: { row: T; index: number }[]; hidden: number; gapAfter: number | null } {
  const all = rows.map((row, index) => ({ row, index }));
  if (opened || rows.length <= COLLAPSED_ROWS) return { shown: all, hidden: 0, gapAfter: null };
  const hidden = rows.length - COLLAPSED_ROWS;
  if (!ends) return { shown: all.slice(0, COLLAPSED_ROWS), hidden, gapAfter: COLLAPSED_ROWS - 1 };
  const head = Math.ceil(COLLAPSED_ROWS / 2);
  return { shown: [...all.slice(0, head), ...all.slice(rows.length - (COLLAPSED_ROWS - head))], hidden, gapAfter: head - 1 };
}
