// Domain × county: project counts, 总投资 and (as of a month) 本年累计完成
// per cell, counted by PostgreSQL; one plan, or every plan together.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { readableProjectsSql } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import { trimDecimal } from "@/lib/money/amount";
import { progressFiguresSql, type FiguresOptions } from "@/lib/progress/progress-figures";
import { COUNTY_LABEL_SQL } from "@/lib/regions/county-label-sql";
import type { YearMonth } from "@/lib/progress/reporting-calendar";
import { versionsInForce } from "@/lib/versions/in-force";
import { AppError } from "@/lib/errors";
import { versionProjectsSql, type VersionRef } from "@/lib/versions/plan-versions";

export type CrossCell = { domain: string; county: string; projects: number; totalWan: string; yearToDateWan?: string };

/** As of a month (its projects and 本年累计), or as of a version of the plan (its frozen rows; no month then). */
export async function domainByCounty(db: PrismaClient, planCode: string | null, asOf?: YearMonth, options: FiguresOptions & { version?: VersionRef } = {}): Promise<CrossCell[]> {
  const scope = options.scope ?? null;
  const { version } = options;
  if (version && asOf) throw new AppError("invalid_input", "按版本汇总不含月度进度");
  let planId: number | null = null;
  if (version) planId = version.planId;
  else if (planCode !== null) planId = (await findReadablePlan(db, planCode, scope)).id;
  const planFilter = Prisma.sql`${planId === null ? Prisma.sql`TRUE` : Prisma.sql`p."planId" = ${planId}`} AND ${readableProjectsSql(scope)}`;
  // As of a month, the projects that month counts (a closed month's, deleted since, too).
  // As of a month, each plan as the version in force for the month has it (lib/versions/in-force.ts).
  const versions = asOf && !version ? (options.versions ?? (await versionsInForce(db, planId === null ? null : [planId], asOf))) : undefined;
  const projects = version
    ? Prisma.sql`(${versionProjectsSql(version.id)}) p`
    : asOf
      ? Prisma.sql`(${progressFiguresSql(planId, asOf, { rates: false, ...options, versions })}) p`
      : Prisma.sql`"Project" p`;
  const ytd = asOf ? Prisma.sql`, coalesce(sum(p."yearToDateWan"), 0)::text AS ytd` : Prisma.empty;
  const rows = await db.$queryRaw<{ domain: string; county: string; projects: bigint; total: string; ytd?: string }[]>`
    SELECT d.name AS domain,
           ${COUNTY_LABEL_SQL} AS county,
           count(*) AS projects,
           coalesce(sum(p."totalWan"), 0)::text AS total
           ${ytd}
      FROM ${projects}
      JOIN "Domain" d ON d.id = p."domainId"
      LEFT JOIN "Region" r ON r.id = p."regionId"
     WHERE ${planFilter} AND ${asOf || version ? Prisma.sql`TRUE` : Prisma.sql`p."deletedAt" IS NULL`}
     GROUP BY 1, 2
     ORDER BY min(d.position), 2`;
  return rows.map((r) => ({
    domain: r.domain,
    county: r.county,
    projects: Number(r.projects),
    totalWan: trimDecimal(r.total),
    ...(r.ytd !== undefined ? { yearToDateWan: trimDecimal(r.ytd) } : {}),
  }));
}
