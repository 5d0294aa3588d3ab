// The derived progress figures of every project as of a month, computed by
// PostgreSQL from the monthly reports that count on a basis (已审核 by
// default, lib/progress/report-basis.ts): never typed in, never summed in
// JavaScript. Money comes back as exact decimal strings (万元),
// rates as decimal strings of a fraction (0.4167 = 41.67%).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { trimDecimal } from "@/lib/money/amount";
import type { YearMonth } from "./reporting-calendar";
import { DEFAULT_BASIS, type ReportBasis } from "./report-basis";
import { readableProjectsSql, type ReadScope } from "@/lib/auth/scope";
import { projectsInForceSql, versionsInForce, type VersionInForce } from "@/lib/versions/in-force";

type Db = PrismaClient | Prisma.TransactionClient;

export type TrafficLight = "RED" | "YELLOW" | "GREEN";

export type ProjectProgress = {
  projectId: number;
  /** 年度计划投资 of the month's year; null when the DRC has not set it. */
  annualPlanWan: string | null;
  /** 当月完成 of the effective report; null when the month has none. */
  monthWan: string | null;
  /** 本年 1–N 月累计完成. */
  yearToDateWan: string;
  /** 十四五累计完成: every effective month within the plan's years, up to the month. */
  planToDateWan: string;
  /** 本年累计 / 年度计划; null without a (non-zero) annual plan. */
  annualRate: string | null;
  /** 十四五累计 / 十四五投资; null when that investment is 待定, —— or zero. */
  fypRate: string | null;
  /** 序时进度 − annualRate, in percentage points (positive = behind). */
  lagPoints: string | null;
  light: TrafficLight | null;
  /** The plan says it should have started by this year, and it has not reported a start. */
  notStarted: boolean;
  /** Status of the newest effective report up to the month. */
  construction: string | null;
};

/**
 * What a reading of figures takes besides the month: whose figures (口径,
 * default 已审核), which projects the reader may see (lib/auth/scope.ts;
 * absent: every project), and the versions in force for the month of the
 * plans read (lib/versions/in-force.ts, `versionsInForce`; absent: the live
 * register, as if every plan's newest version were in force).
 */
export type FiguresOptions = { basis?: ReportBasis; scope?: ReadScope; versions?: VersionInForce[] };

/**
 * The row whose reports a project row reads: the row of the deepest plan
 * listing its 项目代码 (kept by a trigger, prisma/migrations/*_progress_reporting_row),
 * itself when it reports, or has no code shared with another live row.
 * Monthly progress is reported once and counted in every plan listing it.
 */
export const reportingRowSql = (p: Prisma.Sql = Prisma.raw("p")) => Prisma.sql`COALESCE(${p}."reportingProjectId", ${p}.id)`;

/**
 * The columns of ProgressReport that say, for a basis, which revision counts
 * and its cumulative figures (prisma/schema.prisma): `effective` and
 * `yearToDateWan` for 含已提交未审核, `approvedEffective` … for 已审核.
 */
export function basisColumns(basis: ReportBasis): { effective: Prisma.Sql; ytd: Prisma.Sql; ptd: Prisma.Sql } {
  return basis === "approved"
    ? { effective: Prisma.raw(`"approvedEffective"`), ytd: Prisma.raw(`"approvedYearToDateWan"`), ptd: Prisma.raw(`"approvedPlanToDateWan"`) }
    : { effective: Prisma.raw(`effective`), ytd: Prisma.raw(`"yearToDateWan"`), ptd: Prisma.raw(`"planToDateWan"`) };
}

/**
 * The SQL of the per-project figures for one plan (or all plans) as of a
 * month, one row per project: the grid's columns, its filters, the dashboard
 * and the domain × county table read it. The per-project rates (three numeric
 * divisions a project) are left out where only sums are wanted (`rates: false`).
 * The projects and their reports are found as one plan's rollups find them
 * (`progressParts`), so that both say the same.
 */
export function progressFiguresSql(planId: number | null, asOf: YearMonth, { rates = true, basis, scope = null, versions }: { rates?: boolean } & FiguresOptions = {}): Prisma.Sql {
  const { year, month } = asOf;
  const planFilter = planId === null ? Prisma.sql`TRUE` : Prisma.sql`p."planId" = ${planId}`;
  const [f] = progressParts(asOf, "plan", { basis, versions }) as [FiguresPart];
  return Prisma.sql`
    SELECT
      -- The project's own columns come along, so that a rollup groups this one relation.
      p.*,
      p.id AS "projectId",
      ap."plannedWan" AS "annualPlanWan",
      ${f.monthWan} AS "monthWan",
      ${f.ytd} AS "yearToDateWan",
      ${f.ptd} AS "planToDateWan",
      ${
        rates
          ? Prisma.sql`CASE WHEN ap."plannedWan" > 0 THEN ${f.ytd} / ap."plannedWan" END AS "annualRate",
      CASE WHEN p."fypState" = 'VALUE' AND p."fypWan" > 0 THEN ${f.ptd} / p."fypWan" END AS "fypRate",
      CASE WHEN ap."plannedWan" > 0 THEN (${month}::numeric / 12 - ${f.ytd} / ap."plannedWan") * 100 END AS "lagPoints",`
          : Prisma.empty
      }
      ${f.yellow} AS "yellowLagPoints",
      ${f.red} AS "redLagPoints",
      (p."periodStart" IS NOT NULL AND p."periodStart" <= ${year}
        AND COALESCE(${f.construction}::text, 'PREPARATION') = 'PREPARATION') AS "notStarted",
      ${f.construction}::text AS construction
    FROM ${f.projects} ${f.figures}
    WHERE ${planFilter} AND ${readableProjectsSql(scope)} AND ${f.live} AND ${f.where}`;
}

/**
 * The traffic light of a project: yellow from yellowLagPoints behind 序时进度
 * (month/12), red beyond redLagPoints; none without a (non-zero) annual plan.
 * Compared exactly, multiplied out by 12 × plan, so that 10.0 points behind
 * is yellow and not a rounding.
 */
export function lightSql(f: { annual: Prisma.Sql; ytd: Prisma.Sql; yellow: Prisma.Sql; red: Prisma.Sql }, month: number): Prisma.Sql {
  const behind = Prisma.sql`(${month} * ${f.annual} - 12 * ${f.ytd}) * 100`;
  return Prisma.sql`CASE
        WHEN NOT (${f.annual} > 0) OR ${f.annual} IS NULL THEN NULL
        WHEN ${behind} > ${f.red} * 12 * ${f.annual} THEN 'RED'
        WHEN ${behind} >= ${f.yellow} * 12 * ${f.annual} THEN 'YELLOW'
        ELSE 'GREEN'
      END`;
}

/** The per-project figures with their traffic light. */
export function progressWithLightSql(planId: number | null, asOf: YearMonth, options: { rates?: boolean } & FiguresOptions = {}): Prisma.Sql {
  const light = lightSql({ annual: Prisma.sql`f."annualPlanWan"`, ytd: Prisma.sql`f."yearToDateWan"`, yellow: Prisma.sql`f."yellowLagPoints"`, red: Prisma.sql`f."redLagPoints"` }, asOf.month);
  return Prisma.sql`
    SELECT f.*, ${light} AS light
    FROM (${progressFiguresSql(planId, asOf, options)}) f`;
}

/**
 * The projects with their figures as of a month, as parts that a rollup
 * aggregates one by one and then adds up. Each part reads FROM `projects`
 * ("Project" p, "Plan" pl), then whatever the rollup joins to group by, then
 * `figures` ("AnnualInvestmentPlan" ap and the reports that count): in that
 * order PostgreSQL reads a plan's projects with their units in parallel, where
 * it did not with the units joined last (one plan by unit, 150 → 105 ms).
 *
 * One part: the month's own report joined and, for a project without one, the
 * newest earlier report probed (the probe sits above the join, so that
 * PostgreSQL may still read the join in parallel). One plan (a few thousand
 * projects) probes each row's annual plan; every plan (two hundred thousand)
 * hashes the year's annual plans instead.
 *
 * A closed month reads as it was closed (lib/progress/month-closing.ts): its
 * traffic-light thresholds are those kept at the closing (`yellow`, `red`),
 * and it counts the projects its closing recorded (`live`, the projects a
 * reading counts: `closedMonthCounts`; an open month's are the live ones).
 */
export type FiguresPart = {
  projects: Prisma.Sql;
  figures: Prisma.Sql;
  live: Prisma.Sql;
  where: Prisma.Sql;
  monthWan: Prisma.Sql;
  ytd: Prisma.Sql;
  ptd: Prisma.Sql;
  construction: Prisma.Sql;
  yellow: Prisma.Sql;
  red: Prisma.Sql;
};

export function progressParts({ year, month }: YearMonth, scope: "plan" | "all", { basis = DEFAULT_BASIS, versions }: FiguresOptions = {}): FiguresPart[] {
  const c = basisColumns(basis);
  const rep = reportingRowSql();
  // A closed month's row (cm): at most one. The projects as the version in force for the month has them.
  const projects = Prisma.sql`${projectsInForceSql(versions)} JOIN "Plan" pl ON pl.id = p."planId"
      ${closedMonthJoin(Prisma.sql`pl.id`, year, Prisma.sql`${month}::int`)}`;
  const closed = {
    live: closedMonthCounts,
    yellow: Prisma.sql`COALESCE(cm."yellowLagPoints", pl."yellowLagPoints")`,
    red: Prisma.sql`COALESCE(cm."redLagPoints", pl."redLagPoints")`,
  };
  const annualPlan = Prisma.sql`LEFT JOIN LATERAL (${annualPlanOfRowSql(year, Prisma.sql`${month}::int`)}) ap ON TRUE`;
  // The newest counting report before the month, probed through the index, when `only` holds.
  const earlier = (only: Prisma.Sql) => Prisma.sql`
      LEFT JOIN LATERAL (
        SELECT r.year, r.${c.ytd} AS "yearToDateWan", r.${c.ptd} AS "planToDateWan", r.construction
          FROM "ProgressReport" r
         WHERE ${only} AND r."projectId" = ${rep} AND r.${c.effective} AND (r.year, r.month) < (${year}, ${month})
         ORDER BY r.year DESC, r.month DESC
         LIMIT 1
      ) e ON TRUE`;
  // 1–N月累计 counts only a report of the same year.
  const earlierYtd = Prisma.sql`CASE WHEN e.year = ${year} THEN e."yearToDateWan" ELSE 0 END`;
  const thisMonth = (r: Prisma.Sql) => Prisma.sql`${r}."projectId" = ${rep} AND ${r}.${c.effective} AND ${r}.year = ${year} AND ${r}.month = ${month}`;
  // Every plan: the same single part, but the year's annual plans in force read once and hashed,
  // where a probe a row cost 229,024 index probes (mostly finding none) on the benchmark's data.
  // (Two parts, the month's reporters joined and the others probed, read the projects twice and
  // sorted them for an anti-join: the overview's statement took 1.6 s where this takes 1.1 s.)
  const annualPlans = Prisma.sql`LEFT JOIN (
        SELECT DISTINCT ON (a."projectId") a."projectId", a."plannedWan" FROM "AnnualInvestmentPlan" a
         WHERE a.year = ${year} AND a."fromMonth" <= ${month}::int
         ORDER BY a."projectId", a."fromMonth" DESC) ap ON ap."projectId" = ${rep}`;
  return [
    {
      projects,
      ...closed,
      figures: Prisma.sql`${scope === "plan" ? annualPlan : annualPlans}
      LEFT JOIN "ProgressReport" x ON ${thisMonth(Prisma.sql`x`)} ${earlier(Prisma.sql`x."projectId" IS NULL`)}`,
      where: Prisma.sql`TRUE`,
      monthWan: Prisma.sql`x."monthWan"`,
      ytd: Prisma.sql`COALESCE(x.${c.ytd}, ${earlierYtd})`,
      ptd: Prisma.sql`COALESCE(x.${c.ptd}, e."planToDateWan", 0)`,
      construction: Prisma.sql`COALESCE(x.construction, e.construction)`,
    },
  ];
}

/**
 * The month's closed row `cm` of a plan, if it is closed: a LEFT JOIN on a
 * unique key, so that a project stays one row. With `closedMonthCounts` it
 * says which projects a month counts.
 */
export function closedMonthJoin(planId: Prisma.Sql, year: number | Prisma.Sql, month: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`LEFT JOIN "ReportingMonth" cm ON cm."planId" = ${planId} AND cm.year = ${year} AND cm.month = ${month} AND cm.state = 'CLOSED'`;
}

/**
 * The projects a month counts: a closed month exactly those its closing
 * recorded (lib/progress/month-closing.ts; deleted since or not, none created
 * or restored since), an open month the live ones. No timestamps compared:
 * the database's and the app's clocks need not agree. A CASE, so that an open
 * month never looks at the sets, and a closed one probes its own set's
 * primary key once a project. (A LEFT JOIN let PostgreSQL hash every closed
 * month's set: with 20,000 projects and 48 closed months, one plan's figures
 * took 336 ms for an open month and 467 ms for a closed one; so, 63 and 191 ms,
 * on a loaded machine.)
 */
export const closedMonthCounts = Prisma.sql`(CASE WHEN cm.id IS NULL THEN p."deletedAt" IS NULL
        ELSE EXISTS (SELECT 1 FROM "ReportingMonthProject" cp WHERE cp."monthId" = cm.id AND cp."projectId" = p.id) END)`;

/**
 * The annual plan of a project for a year as it stood in a month: the
 * revision with the greatest fromMonth not after it (a plan changed after
 * months were closed starts after them, so closed months keep theirs).
 */
export function annualPlanInForceSql(projectId: Prisma.Sql, year: number | Prisma.Sql, month: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
        SELECT a."plannedWan" FROM "AnnualInvestmentPlan" a
         WHERE a."projectId" = ${projectId} AND a.year = ${year} AND a."fromMonth" <= ${month}
         ORDER BY a."fromMonth" DESC LIMIT 1`;
}

/**
 * The annual plan a project row `p` reads for a year as it stood in a month:
 * its reporting row's (reportingRowSql) — a project has one 年度计划, set in
 * the plan where it is reported. One probe of the index, as for any row (an
 * own-else-reporting fallback, two probes or a sort a row, made every plan's
 * rollup slower on the benchmark's data).
 */
export function annualPlanOfRowSql(year: number | Prisma.Sql, month: Prisma.Sql): Prisma.Sql {
  return annualPlanInForceSql(reportingRowSql(), year, month);
}

/** A status column as the rollup by status and the grid name it (statusLabel in progress-format.ts). */
export function statusLabelSql(construction: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE ${construction} WHEN 'PREPARATION' THEN '前期' WHEN 'UNDER_CONSTRUCTION' THEN '在建' WHEN 'COMPLETED' THEN '竣工' WHEN 'SUSPENDED' THEN '停缓建' ELSE '未报送' END`;
}

/** The row as the query returns it: the same fields, decimals not yet trimmed. */
type Raw = ProjectProgress;

const text = (d: string | null): string | null => (d === null ? null : trimDecimal(d));

/** Figures per project as of a month, keyed by project id. */
export async function projectProgressAsOf(
  db: Db,
  planId: number,
  asOf: YearMonth,
  projectIds?: number[],
  options: FiguresOptions = {},
): Promise<Map<number, ProjectProgress>> {
  // The projects and amounts of the version in force for the month, unless the caller has them.
  options = { ...options, versions: options.versions ?? (await versionsInForce(db, [planId], asOf)) };
  const only = projectIds ? Prisma.sql`WHERE x."projectId" IN (${Prisma.join(projectIds.length ? projectIds : [-1])})` : Prisma.empty;
  const rows = await db.$queryRaw<Raw[]>`
    SELECT x."projectId", x."annualPlanWan"::text, x."monthWan"::text, x."yearToDateWan"::text, x."planToDateWan"::text,
           round(x."annualRate", 6)::text AS "annualRate", round(x."fypRate", 6)::text AS "fypRate",
           round(x."lagPoints", 4)::text AS "lagPoints", x.light, x."notStarted", x.construction
      FROM (${progressWithLightSql(planId, asOf, options)}) x ${only}`;
  return new Map(
    rows.map((r) => [
      r.projectId,
      {
        projectId: r.projectId,
        annualPlanWan: text(r.annualPlanWan),
        monthWan: text(r.monthWan),
        yearToDateWan: trimDecimal(r.yearToDateWan),
        planToDateWan: trimDecimal(r.planToDateWan),
        annualRate: text(r.annualRate),
        fypRate: text(r.fypRate),
        lagPoints: text(r.lagPoints),
        light: r.light,
        notStarted: r.notStarted,
        construction: r.construction,
      },
    ]),
  );
}
