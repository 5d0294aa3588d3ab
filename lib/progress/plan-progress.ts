// The plan as a whole, for its dashboard: headline figures as of a month and
// the month-by-month curve of a year, summed by PostgreSQL.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { trimDecimal } from "@/lib/money/amount";
import { basisColumns, closedMonthJoin, progressWithLightSql, type FiguresOptions } from "./progress-figures";
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
  // One reading of the per-project figures for both the sums and the 20 furthest behind (it was
  // read twice, once a statement). Amounts leave as text inside the JSON, so they stay exact.
  const [row] = await db.$queryRaw<
    {
      head: { projects: number; total: string; fyp: string; annual: string | null; ytd: string; ptd: string; rate: string | null; red: number; yellow: number; green: number; ns: number };
      behind: { projectId: number; seq: number; name: string; annual: string; ytd: string; lag: string }[] | null;
    }[]
  >`
    WITH f AS MATERIALIZED (${progressWithLightSql(planId, asOf, { rates: false, ...options })})
    SELECT (SELECT json_build_object(
             'projects', count(*)::int,
             'total', coalesce(sum(f."totalWan"), 0)::text,
             'fyp', coalesce(sum(f."fypWan"), 0)::text,
             'annual', coalesce(sum(f."annualPlanWan"), 0)::text,
             'ytd', coalesce(sum(f."yearToDateWan"), 0)::text,
             'ptd', coalesce(sum(f."planToDateWan"), 0)::text,
             'rate', round(sum(f."yearToDateWan") FILTER (WHERE f."annualPlanWan" > 0) / nullif(sum(f."annualPlanWan") FILTER (WHERE f."annualPlanWan" > 0), 0), 6)::text,
             'red', (count(*) FILTER (WHERE f.light = 'RED'))::int,
             'yellow', (count(*) FILTER (WHERE f.light = 'YELLOW'))::int,
             'green', (count(*) FILTER (WHERE f.light = 'GREEN'))::int,
             'ns', (count(*) FILTER (WHERE f."notStarted"))::int) FROM f) AS head,
           (SELECT json_agg(json_build_object('projectId', b."projectId", 'seq', b.seq, 'name', b.name, 'annual', b.annual, 'ytd', b.ytd, 'lag', round(b.lag, 4)::text) ORDER BY b.lag DESC, b.seq)
              FROM (
                -- A red project has an annual plan (> 0): 序时进度 − its rate, as progressFiguresSql's lagPoints.
                SELECT f."projectId", f.seq, f.name, f."annualPlanWan"::text AS annual, f."yearToDateWan"::text AS ytd,
                       (${asOf.month}::numeric / 12 - f."yearToDateWan" / f."annualPlanWan") * 100 AS lag
                  FROM f WHERE f.light = 'RED'
                 ORDER BY lag DESC, f.seq
                 LIMIT 20) b) AS behind`;
  const { head, behind } = row!;
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
    behind: (behind ?? []).map((b) => ({
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
 * older than the newest (lib/versions/in-force.ts) that version's projects;
 * any other month the live ones. A row listed in a lower plan too reads the
 * reports and the annual plan of its reporting row (reported once).
 *
 * One statement that reads each report and each annual plan once: the live
 * months' 1–N月 is a running sum of the live projects' monthly totals (the
 * same projects every such month), and only a closed month or a month of an
 * older version sums its own set's reports anew. (Joining every report to
 * every later month, and probing each project's plan in force month by month,
 * took 0.4 s for 5,000 projects.)
 */
export async function planProgressByMonth(db: PrismaClient, planId: number, year: number, { basis = DEFAULT_BASIS, scope = null }: FiguresOptions = {}): Promise<PlanMonthPoint[]> {
  const c = basisColumns(basis);
  const frozen = (await Promise.all(Array.from({ length: 12 }, (_, i) => versionInForce(db, planId, { year, month: i + 1 })))).flatMap((v, i) => (v && !v.newest ? [{ month: i + 1, versionId: v.versionId }] : []));
  // Whether row p is one month m counts, for a month that does not read the live rows.
  const inMonthSet = Prisma.sql`CASE WHEN m.closed IS NOT NULL THEN EXISTS (SELECT 1 FROM "ReportingMonthProject" cp WHERE cp."monthId" = m.closed AND cp."projectId" = p.id)
             WHEN m.version IS NOT NULL THEN EXISTS (SELECT 1 FROM "PlanVersionProject" vp WHERE vp."versionId" = m.version AND vp."projectId" = p.id)
             ELSE p.live END`;
  const rows = await db.$queryRaw<{ month: number; done: string; cumulative: string; pace: string }[]>`
    WITH months AS MATERIALIZED (
      SELECT m.month, cm.id AS closed, CASE WHEN cm.id IS NULL THEN fv."versionId" END AS version
        FROM generate_series(1, 12) AS m(month)
        ${closedMonthJoin(Prisma.sql`${planId}::int`, year, Prisma.sql`m.month`)}
        LEFT JOIN unnest(${frozen.map((f) => f.month)}::int[], ${frozen.map((f) => f.versionId)}::int[]) AS fv(month, "versionId") ON fv.month = m.month
    ), projects AS MATERIALIZED (
      SELECT p.id, p."deletedAt" IS NULL AS live, COALESCE(p."reportingProjectId", p.id) AS reporting
        FROM "Project" p WHERE p."planId" = ${planId} AND ${readableProjectsSql(scope)}
    ), reports AS MATERIALIZED (
      -- Keyed by the plan's own row, whichever row the report was made on.
      SELECT p.id AS "projectId", r.month, r."monthWan", p.live
        FROM projects p JOIN "ProgressReport" r ON r."projectId" = p.reporting AND r.year = ${year} AND r.${c.effective}
    ), open_curve AS (
      SELECT m.month, d.done, sum(d.done) OVER (ORDER BY m.month) AS cumulative
        FROM months m
        LEFT JOIN (SELECT r.month, sum(r."monthWan") AS done FROM reports r WHERE r.live GROUP BY r.month) d ON d.month = m.month
    ), set_curve AS (
      -- 1–N月 over the projects month N counts (a closed month's set reaches back to its earlier months),
      -- so that a closed month's point is its headline's 本年累计 whatever happened since.
      SELECT m.month, sum(r."monthWan") FILTER (WHERE r.month = m.month) AS done, sum(r."monthWan") AS cumulative
        FROM months m
        JOIN "ReportingMonthProject" cp ON cp."monthId" = m.closed
        JOIN reports r ON r."projectId" = cp."projectId" AND r.month <= m.month
       GROUP BY m.month
      UNION ALL
      SELECT m.month, sum(r."monthWan") FILTER (WHERE r.month = m.month) AS done, sum(r."monthWan") AS cumulative
        FROM months m
        JOIN "PlanVersionProject" vp ON vp."versionId" = m.version
        JOIN reports r ON r."projectId" = vp."projectId" AND r.month <= m.month
       GROUP BY m.month
    ), counted AS (
      -- A month nobody counts has no pace (NULL), as before any project was entered.
      SELECT m.month, (SELECT count(*) FROM projects p WHERE ${inMonthSet}) AS n
        FROM months m
    ), planned AS (
      -- Each revision of an annual plan is in force from its fromMonth to the month before the next one's;
      -- a row reads its reporting row's annual plan (one a project).
      SELECT m.month, sum(a."plannedWan") AS planned
        FROM (SELECT p.id AS "projectId", a."plannedWan", a."fromMonth",
                     coalesce(lead(a."fromMonth") OVER (PARTITION BY p.id ORDER BY a."fromMonth") - 1, 12) AS "toMonth"
                FROM projects p JOIN "AnnualInvestmentPlan" a ON a."projectId" = p.reporting AND a.year = ${year}) a
        JOIN projects p ON p.id = a."projectId"
        JOIN months m ON m.month BETWEEN a."fromMonth" AND a."toMonth"
       WHERE ${inMonthSet}
       GROUP BY m.month
    )
    SELECT m.month,
           coalesce(CASE WHEN m.closed IS NULL AND m.version IS NULL THEN o.done ELSE sc.done END, 0)::text AS done,
           coalesce(CASE WHEN m.closed IS NULL AND m.version IS NULL THEN o.cumulative ELSE sc.cumulative END, 0)::text AS cumulative,
           (CASE WHEN n.n > 0 THEN round(coalesce(pl.planned, 0) * m.month / 12, 4) END)::text AS pace
      FROM months m
      JOIN open_curve o ON o.month = m.month
      JOIN counted n ON n.month = m.month
      LEFT JOIN set_curve sc ON sc.month = m.month
      LEFT JOIN planned pl ON pl.month = m.month
     ORDER BY m.month`;
  return rows.map((r) => ({ month: r.month, completedWan: trimDecimal(r.done), cumulativeWan: trimDecimal(r.cumulative), planPaceWan: trimDecimal(r.pace) }));
}
