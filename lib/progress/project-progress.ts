// One project's progress over time: the investment curve (planned against
// completed, by month and year) and every revision ever reported.
import { readableProjectsScope } from "@/lib/auth/scope";
import { annualPlanInForceSql, basisColumns, type FiguresOptions } from "./progress-figures";
import { DEFAULT_BASIS } from "./report-basis";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { assertPermission, type Actor } from "@/lib/auth/actor";
import { trimDecimal } from "@/lib/money/amount";

export type MonthPoint = { year: number; month: number; monthWan: string | null; yearToDateWan: string; planPaceWan: string | null };
export type YearPoint = { year: number; plannedWan: string | null; completedWan: string };
export type RevisionEntry = {
  id: number;
  year: number;
  month: number;
  revision: number;
  status: string;
  effective: boolean;
  monthWan: string;
  physicalProgress: string;
  construction: string;
  savedBy: string;
  savedAt: string;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
};

export type ProjectProgressHistory = { months: MonthPoint[]; years: YearPoint[]; revisions: RevisionEntry[] };

/**
 * Months from the first reported or planned year to the last, with 1–N月累计 and the plan's even pace (年度计划 × N/12),
 * counting the reports of a basis (已审核 by default, as every figure); the revisions listed are all of them.
 */
export async function projectProgressHistory(db: PrismaClient, actor: Actor, projectId: number, { basis = DEFAULT_BASIS }: FiguresOptions = {}): Promise<ProjectProgressHistory> {
  assertPermission(actor, "progress.read");
  const { effective } = basisColumns(basis);
  const project = await db.project.findFirst({ where: { id: projectId, ...readableProjectsScope(actor) }, select: { id: true, reportingProjectId: true } });
  if (!project) throw notFound("项目");
  // Listed by a lower plan too (same 项目代码): its reports are that plan's row's, reported once there.
  const reportingId = project.reportingProjectId ?? project.id;
  const months = await db.$queryRaw<{ year: number; month: number; monthWan: string | null; ytd: string; pace: string | null }[]>`
    WITH years AS (
      SELECT year FROM "ProgressReport" WHERE "projectId" = ${reportingId} AND ${effective}
      UNION SELECT year FROM "AnnualInvestmentPlan" WHERE "projectId" = ${reportingId} AND "plannedWan" IS NOT NULL
    ), grid AS (
      SELECT y.year, m.month FROM years y CROSS JOIN generate_series(1, 12) AS m(month)
    )
    SELECT g.year, g.month,
           r."monthWan"::text AS "monthWan",
           COALESCE(sum(r."monthWan") OVER (PARTITION BY g.year ORDER BY g.month), 0)::text AS ytd,
           (ap."plannedWan" * g.month / 12)::numeric(18, 4)::text AS pace
      FROM grid g
      LEFT JOIN "ProgressReport" r ON r."projectId" = ${reportingId} AND r.${effective} AND r.year = g.year AND r.month = g.month
      LEFT JOIN LATERAL (${annualPlanInForceSql(Prisma.sql`${reportingId}::int`, Prisma.sql`g.year`, Prisma.sql`g.month`)}) ap ON TRUE
     ORDER BY g.year, g.month`;
  // The year's plan as it stands now: its newest revision.
  const plans = await db.annualInvestmentPlan.findMany({ where: { projectId: reportingId }, orderBy: [{ year: "asc" }, { fromMonth: "desc" }], distinct: ["year"] });
  const revisions = await db.progressReport.findMany({
    where: { projectId: reportingId },
    orderBy: [{ year: "desc" }, { month: "desc" }, { revision: "desc" }],
    include: { savedBy: { select: { name: true } }, reviewedBy: { select: { name: true } } },
  });
  const completedByYear = new Map<number, string>();
  for (const m of months) completedByYear.set(m.year, m.ytd);
  const yearSet = new Set([...completedByYear.keys(), ...plans.map((p) => p.year)]);
  return {
    months: months.map((m) => ({
      year: m.year,
      month: m.month,
      monthWan: m.monthWan === null ? null : trimDecimal(m.monthWan),
      yearToDateWan: trimDecimal(m.ytd),
      planPaceWan: m.pace === null ? null : trimDecimal(m.pace),
    })),
    years: [...yearSet].sort().map((year) => ({
      year,
      plannedWan: plans.find((p) => p.year === year)?.plannedWan?.toFixed() ?? null,
      completedWan: trimDecimal(completedByYear.get(year) ?? "0"),
    })),
    revisions: revisions.map((r) => ({
      id: r.id,
      year: r.year,
      month: r.month,
      revision: r.revision,
      status: r.status,
      effective: r.effective,
      monthWan: r.monthWan.toFixed(),
      physicalProgress: r.physicalProgress,
      construction: r.construction,
      savedBy: r.savedBy.name,
      savedAt: r.savedAt.toISOString(),
      submittedAt: r.submittedAt?.toISOString() ?? null,
      reviewedBy: r.reviewedBy?.name ?? null,
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      reviewComment: r.reviewComment,
    })),
  };
}
