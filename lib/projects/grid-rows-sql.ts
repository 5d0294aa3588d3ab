// The grid's compact rows (lib/projects/grid-rows-compact.ts) written as JSON by
// PostgreSQL itself. Under the benchmark's load the grid's answer for a plan of
// 5,000 projects was built in JavaScript three times over — the driver's rows,
// the annex rows with their units, the arrays — about 110 ms of the server's
// CPU and tens of MB of short-lived objects each time, whose collections were
// the longest pauses of the event loop. Here the database writes the array and
// the server passes its text on. Same rows, same order, same exact amounts:
// tests compare it with listAnnexRows → encodeGridRow.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ReadScope } from "@/lib/auth/scope";
import { annexViewWhere, type AnnexFilter } from "./list-projects";

/**
 * One row's array, its elements in the order of COMPACT_GRID_FIELDS. Amounts as
 * exact decimal strings without trailing zeros (trim_scale: "12.3400" → "12.34",
 * as trimDecimal does); the county as countyLabel names it; the units flattened
 * to [unitId, name, publishedName, …] in their published order.
 */
const COMPACT_ROW_SQL = Prisma.sql`json_build_array(
  p.id, p.seq, d.position, d.name, p.name, p.type, p."periodText", p."locationText",
  p."locationResolution"::text, p."locationRule", r.code,
  CASE p."locationResolution" WHEN 'WHOLE_CITY' THEN '全市' WHEN 'UNDECIDED' THEN '未定' WHEN 'UNRESOLVED' THEN '无法识别' ELSE COALESCE(r.name, '无法识别') END,
  p.content, p."totalState"::text, trim_scale(p."totalWan")::text, p."fypState"::text, trim_scale(p."fypWan")::text, p.version,
  COALESCE((
    SELECT json_agg(v.element ORDER BY pu.position, v.k)
      FROM "ProjectUnit" pu
      JOIN "Unit" u ON u.id = pu."unitId"
      CROSS JOIN LATERAL (VALUES (1, to_json(pu."unitId")), (2, to_json(u.name)), (3, to_json(pu."publishedName"))) v(k, element)
     WHERE pu."projectId" = p.id), '[]'::json))`;

/** The JSON text of the view's rows as compact arrays, in annex order (domain, then 序号, as listAnnexRows); `[]` when none. */
export async function compactGridRowsJson(db: PrismaClient, planCode: string, filter: AnnexFilter = {}, scope: ReadScope = null): Promise<string> {
  const where = await annexViewWhere(db, planCode, filter, scope);
  const [result] = await db.$queryRaw<{ rows: string | null }[]>`
    SELECT (json_agg(${COMPACT_ROW_SQL} ORDER BY d.position, p.seq, p.id))::text AS rows
      FROM "Project" p
      JOIN "Domain" d ON d.id = p."domainId"
      LEFT JOIN "Region" r ON r.id = p."regionId"
     WHERE p."deletedAt" IS NULL AND ${where}`;
  return result?.rows ?? "[]";
}
