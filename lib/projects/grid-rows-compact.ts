// The grid's rows as arrays under one list of field names
// (`/api/projects?fields=grid&format=compact`): the names of 17 fields and of
// each unit's 3, repeated in every one of a plan's 5,000 rows, were a third of
// its 2.9 MB of JSON — bytes the server wrote and compressed and the browser
// parsed. The browser decodes them into the same GridRow objects the plain
// format carries; amounts stay exact strings.
import type { AmountState, LocationResolution } from "@/lib/generated/prisma/enums";
import type { GridRow } from "./annex-row";

/** The fields of a row, in the order of its array; the units come last, flattened to [unitId, name, publishedName, …]. */
export const COMPACT_GRID_FIELDS = [
  "id",
  "seq",
  "domainPosition",
  "domainName",
  "name",
  "type",
  "periodText",
  "locationText",
  "locationResolution",
  "locationRule",
  "regionCode",
  "countyLabel",
  "content",
  "totalState",
  "totalWan",
  "fypState",
  "fypWan",
  "version",
  "units",
] as const;

export type CompactGridRow = (string | number | null | (string | number)[])[];

/** A row (a whole AnnexRow too: only the grid's fields are read) as the compact answer's array. */
export function encodeGridRow(r: GridRow): CompactGridRow {
  const units: (string | number)[] = [];
  for (const u of r.units) units.push(u.unitId, u.name, u.publishedName);
  return [
    r.id,
    r.seq,
    r.domainPosition,
    r.domainName,
    r.name,
    r.type,
    r.periodText,
    r.locationText,
    r.locationResolution,
    r.locationRule,
    r.regionCode,
    r.countyLabel,
    r.content,
    r.total.state,
    r.total.wan,
    r.fyp.state,
    r.fyp.wan,
    r.version,
    units,
  ];
}

/**
 * The rows of a compact answer, as GridRow objects. `fields` is the answer's own list:
 * an answer from a server of another version (other fields, another order) is refused
 * rather than read into the wrong columns.
 */
export function decodeGridRows(fields: readonly string[], rows: readonly CompactGridRow[]): GridRow[] {
  if (fields.length !== COMPACT_GRID_FIELDS.length || fields.some((f, i) => f !== COMPACT_GRID_FIELDS[i])) {
    throw new Error("项目数据的格式与页面不符，请刷新页面");
  }
  const out = new Array<GridRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    const flat = a[18] as (string | number)[];
    const units: GridRow["units"] = [];
    for (let j = 0; j < flat.length; j += 3) units.push({ unitId: flat[j] as number, name: flat[j + 1] as string, publishedName: flat[j + 2] as string });
    out[i] = {
      id: a[0] as number,
      seq: a[1] as number,
      domainPosition: a[2] as number,
      domainName: a[3] as string,
      name: a[4] as string,
      type: a[5] as string,
      periodText: a[6] as string,
      locationText: a[7] as string,
      locationResolution: a[8] as LocationResolution,
      locationRule: a[9] as string,
      regionCode: a[10] as string | null,
      countyLabel: a[11] as string,
      content: a[12] as string,
      total: { state: a[13] as AmountState, wan: a[14] as string | null },
      fyp: { state: a[15] as AmountState, wan: a[16] as string | null },
      version: a[17] as number,
      units,
    };
  }
  return out;
}
