// Rollups of a plan's projects, counted and summed by PostgreSQL (GROUP BY),
// never by loading rows into JavaScript. Sums are exact numeric in 万元,
// returned as decimal strings; 待定 and 不适用 amounts are counted apart.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/api/errors";

export const ROLLUP_DIMENSIONS = ["domain", "county", "type", "unit"] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

export type RollupRow = {
  key: string;
  projects: number;
  totalWan: string;
  fypWan: string;
  totalPending: number;
  totalNotApplicable: number;
  fypPending: number;
  fypNotApplicable: number;
};

/** The key each dimension groups by, and its order. A project with several units counts once for each. */
const KEY_SQL: Record<RollupDimension, { key: Prisma.Sql; join: Prisma.Sql; order: Prisma.Sql }> = {
  domain: { key: Prisma.sql`d.name`, join: Prisma.sql`JOIN "Domain" d ON d.id = p."domainId"`, order: Prisma.sql`min(d.position)` },
  county: {
    key: Prisma.sql`CASE p."locationResolution" WHEN 'WHOLE_CITY' THEN '全市' WHEN 'UNDECIDED' THEN '未定' WHEN 'UNRESOLVED' THEN '无法识别' ELSE r.name END`,
    join: Prisma.sql`LEFT JOIN "Region" r ON r.id = p."regionId"`,
    order: Prisma.sql`min(CASE p."locationResolution" WHEN 'WHOLE_CITY' THEN '0' WHEN 'COUNTY' THEN '1' || r.code WHEN 'FUNCTIONAL_ZONE' THEN '2' || r.code WHEN 'UNDECIDED' THEN '3' ELSE '4' END)`,
  },
  type: { key: Prisma.sql`p.type`, join: Prisma.empty, order: Prisma.sql`count(*) DESC, p.type` },
  unit: { key: Prisma.sql`u.name`, join: Prisma.sql`JOIN "ProjectUnit" pu ON pu."projectId" = p.id JOIN "Unit" u ON u.id = pu."unitId"`, order: Prisma.sql`count(*) DESC, u.name` },
};

export async function rollup(db: PrismaClient, planCode: string, by: RollupDimension): Promise<RollupRow[]> {
  if (!ROLLUP_DIMENSIONS.includes(by)) throw new AppError("invalid_input", `不支持按“${by}”汇总`);
  const plan = await db.plan.findUnique({ where: { code: planCode } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const { key, join, order } = KEY_SQL[by];
  const rows = await db.$queryRaw<
    { key: string; projects: bigint; total: string; fyp: string; tp: bigint; tn: bigint; fp: bigint; fn: bigint }[]
  >`
    SELECT ${key} AS key,
           count(*) AS projects,
           coalesce(sum(p."totalWan"), 0)::text AS total,
           coalesce(sum(p."fypWan"), 0)::text AS fyp,
           count(*) FILTER (WHERE p."totalState" = 'PENDING') AS tp,
           count(*) FILTER (WHERE p."totalState" = 'NOT_APPLICABLE') AS tn,
           count(*) FILTER (WHERE p."fypState" = 'PENDING') AS fp,
           count(*) FILTER (WHERE p."fypState" = 'NOT_APPLICABLE') AS fn
      FROM "Project" p ${join}
     WHERE p."planId" = ${plan.id} AND p."deletedAt" IS NULL
     GROUP BY 1
     ORDER BY ${order}`;
  return rows.map((r) => ({
    key: r.key,
    projects: Number(r.projects),
    totalWan: trimDecimal(r.total),
    fypWan: trimDecimal(r.fyp),
    totalPending: Number(r.tp),
    totalNotApplicable: Number(r.tn),
    fypPending: Number(r.fp),
    fypNotApplicable: Number(r.fn),
  }));
}

/** "10000000.0000" → "10000000": exact, without the column's trailing zeros. */
export function trimDecimal(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}
