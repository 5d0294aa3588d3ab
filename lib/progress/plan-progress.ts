// The plan as a whole, for its dashboard: headline figures as of a month and
// the month-by-month curve of a year, summed by PostgreSQL.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { trimDecimal } from "@/lib/money/amount";
import { annualPlanOfRowSql, basisColumns, closedMonthJoin, progressWithLightSql, type FiguresOptions } from "./progress-figures";
import { DEFAULT_BASIS } from "./report-basis";
import type { YearMonth } from "./reporting-calendar";
import { readableProjectsSql } from "@/lib/auth/scope";
import { versionInForce, versionsInForce } from "@/lib/versions/in-force";

export type PlanHeadline = {
  projects: number;
  totalWan: string;
  fypWan: string;
  annualPlanWan: string;
  yearToDateWan: string;
  planToDateWan: string;
  annualRate: string | null;
  red: number;
  yellow: number;
  green: number;
  notStarted: number;
  behind: { projectId: number; seq: number; name: string; annualPlanWan: string; yearToDateWan: string; lagPoints: string }[];
};

export async function planHeadline(db: PrismaClient, planId: number, asOf: YearMonth, options: FiguresOptions = {}): Promise<PlanHeadline> {
  // The projects and amounts of the version in force for the month.
  options = { ...options, versions: options.versions ?? (await versionsInForce(db, [planId], asOf)) };
  const [head] = await db.$queryRaw<
    { projects: bigint; total: string; fyp: string; annual: string | null; ytd: string; ptd: string; rate: string | null; red: bigint; yellow: bigint; green: bigint; ns: bigint }[]
  >`
    SELECT count(*) AS projects,
           coalesce(sum(f."totalWan"), 0)::text AS total,
           coalesce(sum(f."fypWan"), 0)::text AS fyp,
           coalesce(sum(f."annualPlanWan"), 0)::text AS annual,
           coalesce(sum(f."yearToDateWan"), 0)::text AS ytd,
           coalesce(sum(f."planToDateWan"), 0)::text AS ptd,
           round(sum(f."yearToDateWan") FILTER (WHERE f."annualPlanWan" > 0) / nullif(sum(f."annualPlanWan") FILTER (WHERE f."annualPlanWan" > 0), 0), 6)::text AS rate,
           count(*) FILTER (WHERE f.light = 'RED') AS red,
           count(*) FILTER (WHERE f.light = 'YELLOW') AS yellow,
           count(*) FILTER (WHERE f.light = 'GREEN') AS green,
           count(*) FILTER (WHERE f."notStarted") AS ns
      FROM (${progressWithLightSql(planId, asOf, { rates: false, ...options })}) f`;
  const behind = await db.$queryRaw<{ projectId: number; seq: number; name: string; annual: string; ytd: string; lag: string }[]>`
    SELECT f."projectId", f.seq, f.name, f."annualPlanWan"::text AS annual, f."yearToDateWan"::text AS ytd, round(f."lagPoints", 4)::text AS lag
      FROM (${progressWithLightSql(planId, asOf, options)}) f
     WHERE f.light = 'RED'
     ORDER BY f."lagPoints" DESC, f.seq
     LIMIT 20`;
  return {
    projects: Number(head!.projects),
    totalWan: trimDecimal(head!.total),
    fypWan: trimDecimal(head!.fyp),
    annualPlanWan: trimDecimal(head!.annual ?? "0"),
    yearToDateWan: trimDecimal(head!.ytd),
    planToDateWan: trimDecimal(head!.ptd),
    annualRate: head!.rate === null ? null : trimDecimal(head!.rate),
    red: Number(head!.red),
    yellow: Number(head!.yellow),
    green: Number(head!.green),
    notStarted: Number(head!.ns),
    behind: behind.map((b) => ({
      projectId: b.projectId,
      seq: b.seq,
      name: b.name,
      annualPlanWan: trimDecimal(b.annual),
      yearToDateWan: trimDecimal(b.ytd),
      lagPoints: trimDecimal(b.lag),
    })),
  };
}

export type PlanMonthPoint = { month: number; completedWan: string; cumulativeWan: string; planPaceWan: string };

/**
 * Each month of a year: what the plan's projects completed, cumulated, against
 * the annual plans' even pace. A closed month counts the projects its closing
 * recorded, as the rollups read it; an open month whose version in force is
 * older than the newest (lib/versions/in-force.ts) that version's projects.
 */
export async function planProgressByMonth(db: PrismaClient, planId: number, year: number, { basis = DEFAULT_BASIS, scope = null }: FiguresOptions = {}): Promise<PlanMonthPoint[]> {
  const c = basisColumns(basis);
  const frozen = (await Promise.all(Array.from({ length: 12 }, (_, i) => versionInForce(db, planId, { year, month: i + 1 })))).flatMap((v, i) => (v && !v.newest ? [{ month: i + 1, versionId: v.versionId }] : []));
  const versionJoin = Prisma.sql`LEFT JOIN unnest(${frozen.map((f) => f.month)}::int[], ${frozen.map((f) => f.versionId)}::int[]) AS fv(month, "versionId") ON fv.month = m.month`;
  // Which projects month m counts: a closed month's record, else the version's, else the live ones.
  const counts = Prisma.sql`(CASE WHEN cm.id IS NOT NULL THEN EXISTS (SELECT 1 FROM "ReportingMonthProject" cp WHERE cp."monthId" = cm.id AND cp."projectId" = p.id)
        WHEN fv."versionId" IS NOT NULL THEN EXISTS (SELECT 1 FROM "PlanVersionProject" vp WHERE vp."versionId" = fv."versionId" AND vp."projectId" = p.id)
        ELSE p."deletedAt" IS NULL END)`;
  const rows = await db.$queryRaw<{ month: number; done: string; cumulative: string; pace: string }[]>`
    WITH plan_total AS (
      SELECT m.month, coalesce(sum(ap."plannedWan"), 0) AS planned
        FROM generate_series(1, 12) AS m(month)
        CROSS JOIN "Project" p
        -- The reporting row's annual plan (as progressParts reads it: one a project).
        LEFT JOIN LATERAL (${annualPlanOfRowSql(year, Prisma.sql`m.month`)}) ap ON TRUE
        ${closedMonthJoin(Prisma.sql`p."planId"`, year, Prisma.sql`m.month`)}
        ${versionJoin}
       WHERE p."planId" = ${planId} AND ${readableProjectsSql(scope)} AND ${counts}
       GROUP BY m.month
    ), done AS (
      -- 1–N月 over the projects month N counts (a closed month's set reaches back to its earlier months),
      -- so that a closed month's point is its headline's 本年累计 whatever happened since.
      SELECT m.month, sum(r."monthWan") FILTER (WHERE r.month = m.month) AS done, sum(r."monthWan") AS cumulative
        FROM generate_series(1, 12) AS m(month)
        JOIN "ProgressReport" r ON r.year = ${year} AND r.month <= m.month AND r.${c.effective}
        -- Every row reading the report: its own, and those of other plans listing its code.
        JOIN "Project" p ON COALESCE(p."reportingProjectId", p.id) = r."projectId"
        ${closedMonthJoin(Prisma.sql`p."planId"`, year, Prisma.sql`m.month`)}
        ${versionJoin}
       WHERE p."planId" = ${planId} AND ${readableProjectsSql(scope)} AND ${counts}
       GROUP BY m.month
    )
    SELECT m.month,
           coalesce(done.done, 0)::text AS done,
           coalesce(done.cumulative, 0)::text AS cumulative,
           round((SELECT planned FROM plan_total t WHERE t.month = m.month) * m.month / 12, 4)::text AS pace
      FROM generate_series(1, 12) AS m(month)
      LEFT JOIN done ON done.month = m.month
     ORDER BY m.month`;
  return rows.map((r) => ({ month: r.month, completedWan: trimDecimal(r.done), cumulativeWan: trimDecimal(r.cumulative), planPaceWan: trimDecimal(r.pace) }));
}
