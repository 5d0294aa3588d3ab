// Domain × county: project counts and 总投资 per cell, counted by PostgreSQL.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/api/errors";
import { trimDecimal } from "@/lib/money/amount";

export type CrossCell = { domain: string; county: string; projects: number; totalWan: string };

export async function domainByCounty(db: PrismaClient, planCode: string): Promise<CrossCell[]> {
  const plan = await db.plan.findUnique({ where: { code: planCode } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const rows = await db.$queryRaw<{ domain: string; county: string; projects: bigint; total: string }[]>`
    SELECT d.name AS domain,
           CASE p."locationResolution" WHEN 'WHOLE_CITY' THEN '全市' WHEN 'UNDECIDED' THEN '未定' WHEN 'UNRESOLVED' THEN '无法识别' ELSE r.name END AS county,
           count(*) AS projects,
           coalesce(sum(p."totalWan"), 0)::text AS total
      FROM "Project" p
      JOIN "Domain" d ON d.id = p."domainId"
      LEFT JOIN "Region" r ON r.id = p."regionId"
     WHERE p."planId" = ${plan.id} AND p."deletedAt" IS NULL
     GROUP BY 1, 2, d.position
     ORDER BY d.position, 2`;
  return rows.map((r) => ({ domain: r.domain, county: r.county, projects: Number(r.projects), totalWan: trimDecimal(r.total) }));
}
