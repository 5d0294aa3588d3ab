// The annex grid's sort and column choice as URL parameters (?sort=total:desc&hide=content,units),
// so that a view can be linked to and comes back as it was left.

/** Columns a reader may leave out (序号 and 项目名称 always stay). */
export const HIDEABLE_COLUMNS = [
  { colId: "domainName", label: "领域" },
  { colId: "type", label: "项目类型" },
  { colId: "periodText", label: "项目期限" },
  { colId: "locationText", label: "建设地点" },
  { colId: "countyLabel", label: "区县" },
  { colId: "content", label: "建设内容和规模" },
  { colId: "total", label: "总投资" },
  { colId: "fyp", label: "“十四五”投资" },
  { colId: "units", label: "组织实施单位" },
] as const;

const HIDEABLE = new Set<string>(HIDEABLE_COLUMNS.map((c) => c.colId));
const COLUMN_ID = /^[A-Za-z]+$/;

export function hiddenColumnsFromParam(param: string | null): string[] {
  return (param ?? "").split(",").filter((c) => HIDEABLE.has(c));
}

export type GridSort = { colId: string; sort: "asc" | "desc" };

export function gridSortParam(colId: string, sort: "asc" | "desc"): string {
  return `${colId}:${sort}`;
}

export function gridSortFromParam(param: string | null): GridSort | null {
  const [colId, sort] = (param ?? "").split(":");
  if (!colId || !COLUMN_ID.test(colId) || (sort !== "asc" && sort !== "desc")) return null;
  return { colId, sort };
}
