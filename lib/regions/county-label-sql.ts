// What the county column shows (countyLabel in lib/projects/annex-row.ts), in SQL over
// "Project" p LEFT JOIN "Region" r: the county or zone, 全市, 未定 or 无法识别.
import { Prisma } from "@/lib/generated/prisma/client";

export const COUNTY_LABEL_SQL = Prisma.sql`CASE p."locationResolution" WHEN 'WHOLE_CITY' THEN '全市' WHEN 'UNDECIDED' THEN '未定' WHEN 'UNRESOLVED' THEN '无法识别' ELSE r.name END`;
