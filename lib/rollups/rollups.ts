// Rollups of a plan's projects, counted and summed by PostgreSQL (GROUP BY),
// never by loading rows into JavaScript. Sums are exact numeric in 万元,
// returned as decimal strings; 待定 and 不适用 amounts are counted apart.
// With a month, each row also carries the progress of its projects as of
// that month (年度计划, 本年累计, 十四五累计, the rate, the gap to 序时进度
// and the traffic lights), from the same per-project figures the grid shows.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { trimDecimal } from "@/lib/money/amount";
import { progressParts, statusLabelSql, type FiguresPart } from "@/lib/progress/progress-figures";
import { reaggregatedSql, rollupAggregatesSql } from "./rollup-aggregates";
import { isReplica } from "@/lib/db/read-replica";
import { freshUnitMonthFigures, unitMonthFiguresFresh, unitMonthFiguresPart } from "./unit-month-figures";
import { COUNTY_LABEL_SQL } from "@/lib/regions/county-label-sql";
import type { YearMonth } from "@/lib/progress/reporting-calendar";
import { DEFAULT_BASIS, type ReportBasis } from "@/lib/progress/report-basis";
import { readableProjectsSql, type ReadScope } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import { levelCountySql, levelProjectsSql, planLevels, type Levels } from "./levels";
import { versionsInForce, type VersionInForce } from "@/lib/versions/in-force";
import { versionProjectsSql, type VersionRef } from "@/lib/versions/plan-versions";

export { trimDecimal };

export const ROLLUP_DIMENSIONS = ["domain", "county", "type", "unit", "status"] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

export type RollupProgress = {
  /** Sum of 年度计划投资, and how many projects have one. */
  annualPlanWan: string;
  plannedProjects: number;
  yearToDateWan: string;
  planToDateWan: string;
  /** 本年累计 ÷ 年度计划 over the projects that have a plan; null when none has. */
  annualRate: string | null;
  /** 序时进度 − annualRate, percentage points. */
  lagPoints: string | null;
  red: number;
  yellow: number;
  green: number;
  notStarted: number;
};

export type RollupRow = {
  key: string;
  projects: number;
  totalWan: string;
  fypWan: string;
  totalPending: number;
  totalNotApplicable: number;
  fypPending: number;
  fypNotApplicable: number;
  progress?: RollupProgress;
  /** By county: what the group is (a county, a functional zone, or 全市 / 未定 / 无法识别), so that rankings rank counties only. */
  groupKind?: CountyGroupKind;
};

export type CountyGroupKind = "county" | "zone" | "city" | "undecided" | "unresolved";
const GROUP_KINDS: Record<string, CountyGroupKind> = { "0": "county", "1": "zone", "2": "city", "3": "undecided", "4": "unresolved" };

/**
 * The key each dimension groups by (status: of the month's report, `construction`),
 * the joins it needs, and its order: `ord`, an aggregate each part computes and the
 * whole takes the least of, or else by project count. A project with several
 * units counts once for each; units are grouped by id and named once grouped
 * (`label`), which spares hashing a name for each of a few hundred thousand rows.
 */
const DIMENSIONS: Record<
  RollupDimension | "total" | "plan",
  { key: (construction: Prisma.Sql) => Prisma.Sql; join: Prisma.Sql; ord: ((construction: Prisma.Sql) => Prisma.Sql) | null; label?: { join: Prisma.Sql; name: Prisma.Sql; id: Prisma.Sql } }
> = {
  // The whole plan as one group: the 合计 row of every table, by the same SQL as its rows.
  total: { key: () => Prisma.sql`'合计'::text`, join: Prisma.empty, ord: null },
  domain: { key: () => Prisma.sql`d.name`, join: Prisma.sql`JOIN "Domain" d ON d.id = p."domainId"`, ord: () => Prisma.sql`min(pl.id::bigint * 1000000 + d.position)` },
  county: {
    key: () => COUNTY_LABEL_SQL,
    join: Prisma.sql`LEFT JOIN "Region" r ON r.id = p."regionId"`,
    // The official order: counties by GB/T 2260 code, then the functional zones, then 全市, 未定, 无法识别.
    ord: () => Prisma.sql`min(CASE p."locationResolution" WHEN 'COUNTY' THEN '0' || r.code WHEN 'FUNCTIONAL_ZONE' THEN '1' || r.code WHEN 'WHOLE_CITY' THEN '2' WHEN 'UNDECIDED' THEN '3' ELSE '4' END)`,
  },
  type: { key: () => Prisma.sql`p.type`, join: Prisma.empty, ord: null },
  // Every plan at once, a row each, in the order they were created (the overview of all plans).
  plan: { key: () => Prisma.sql`pl.name`, join: Prisma.empty, ord: () => Prisma.sql`min(pl.id)` },
  unit: {
    key: () => Prisma.sql`pu."unitId"`,
    join: Prisma.sql`JOIN "ProjectUnit" pu ON pu."projectId" = p.id`,
    ord: null,
    label: { join: Prisma.sql`JOIN "Unit" u ON u.id = g.key`, name: Prisma.sql`u.name`, id: Prisma.sql`u.id` },
  },
  status: {
    key: (c) => statusLabelSql(c),
    join: Prisma.empty,
    ord: (c) => Prisma.sql`min(CASE ${c} WHEN 'PREPARATION' THEN 1 WHEN 'UNDER_CONSTRUCTION' THEN 2 WHEN 'COMPLETED' THEN 3 WHEN 'SUSPENDED' THEN 4 ELSE 5 END)`,
  },
};

type RawRow = {
  key: string;
  ord?: string | null;
  projects: number;
  total: string;
  fyp: string;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  annual: string | null;
  planned: number | null;
  ytd: string | null;
  ptd: string | null;
  rate: string | null;
  lag: string | null;
  red: number | null;
  yellow: number | null;
  green: number | null;
  ns: number | null;
};

export type RollupOptions = {
  /** Progress as of this month (required for status). */
  asOf?: YearMonth;
  /** Rankings: by completion rate, highest first (groups without a plan last). */
  orderByRate?: boolean;
  /** By unit: sum the projects anew rather than read the summary (the tests and the benchmark compare the two). */
  live?: boolean;
  /** Whose figures (口径): 已审核 by default (lib/progress/report-basis.ts). */
  basis?: ReportBasis;
  /** Only the projects this scope reads (lib/auth/scope.ts); null or absent: every project. */
  scope?: ReadScope;
  /** “本级规划” (own, the default): the plan's projects; “含下级规划” (all): with the plans below it, each project once by its code (lib/rollups/levels.ts). */
  levels?: Levels;
  /** The versions in force for the month (lib/versions/in-force.ts); absent: looked up. */
  versions?: VersionInForce[];
  /**
   * As of a version of the plan (lib/versions): its frozen rows instead of the live
   * ones. A version holds the plan's projects and amounts, not months: no progress
   * (asOf), no plans below (levels), and the version's plan whatever planCode says.
   */
  version?: VersionRef;
};

/** One plan's rollup (planCode), or every plan's together (planCode null). */
export async function rollup(db: PrismaClient, planCode: string | null, by: RollupDimension, options: RollupOptions = {}): Promise<RollupRow[]> {
  if (!ROLLUP_DIMENSIONS.includes(by)) throw new AppError("invalid_input", `不支持按“${by}”汇总`);
  return rollupBy(db, planCode, by, options);
}

/** Every plan the rollup reads, a row each (keyed by the plan's name): the overview of all plans. */
export async function rollupByPlan(db: PrismaClient, options: RollupOptions = {}): Promise<RollupRow[]> {
  return rollupBy(db, null, "plan", options);
}

/**
 * The 合计 row: every live project once (a project with several units too),
 * with the progress as of the month, computed as one group by the rows' SQL.
 */
export async function rollupTotal(db: PrismaClient, planCode: string | null, options: Pick<RollupOptions, "asOf" | "basis" | "scope" | "levels" | "versions" | "version"> = {}): Promise<RollupRow> {
  const [row] = await rollupBy(db, planCode, "total", options);
  return row ?? emptyTotal(options.asOf);
}

/** The 合计 of no project. */
function emptyTotal(asOf: YearMonth | undefined): RollupRow {
  return {
      key: "合计",
      projects: 0,
      totalWan: "0",
      fypWan: "0",
      totalPending: 0,
      totalNotApplicable: 0,
      fypPending: 0,
      fypNotApplicable: 0,
      ...(asOf
        ? { progress: { annualPlanWan: "0", plannedProjects: 0, yearToDateWan: "0", planToDateWan: "0", annualRate: null, lagPoints: null, red: 0, yellow: 0, green: 0, notStarted: 0 } }
        : {}),
  };
}

async function rollupBy(db: PrismaClient, planCode: string | null, by: RollupDimension | "total" | "plan", options: RollupOptions): Promise<RollupRow[]> {
  const { asOf } = options;
  const basis = options.basis ?? DEFAULT_BASIS;
  if (by === "status" && !asOf) throw new AppError("invalid_input", "按项目状态汇总需要指定月份");
  const scope = options.scope ?? null;
  const withLower = options.levels === "all";
  const { version } = options;
  if (version && (asOf || withLower)) throw new AppError("invalid_input", "按版本汇总只含项目和投资额，不含月度进度和下级规划");
  let planId: number | null = null;
  const plan = version || planCode === null ? null : await findReadablePlan(db, planCode, scope);
  if (plan) planId = plan.id;
  if (version) planId = version.planId;
  let { key, join, ord } = DIMENSIONS[by];
  // A version's units are the ones it froze, in its own row.
  if (version && by === "unit") join = Prisma.sql`CROSS JOIN LATERAL unnest(p."unitIds") AS pu("unitId")`;
  const { label } = DIMENSIONS[by];
  let projectsFilter = planId === null ? Prisma.sql`TRUE` : Prisma.sql`p."planId" = ${planId}`;
  if (withLower) {
    // With the plans below: each project once (by its code), and a lower plan's 全市 / 未定 counted in that plan's region.
    const levels = await planLevels(db, plan);
    // The plans' ids tested on the project row itself, beside the chosen ids: PostgreSQL then reads those
    // plans' projects by index before any progress figure. With the ids alone it estimated their number
    // blind and computed every project's figures first (a city's 含下级 on the benchmark's province:
    // 114,024 projects' figures for 1,400 rows, 1.2 s; the hand-written statement 0.35 s).
    projectsFilter = Prisma.sql`(p."planId" = ANY(${levels.planIds}::int[]) AND p.id IN (${levelProjectsSql(levels, scope)}))`;
    if (by === "county") {
      const county = levelCountySql(levels, COUNTY_LABEL_SQL);
      key = () => county.key;
      ord = () => county.ord;
      join = county.join;
    }
  }
  const planFilter = Prisma.sql`${projectsFilter} AND ${readableProjectsSql(scope)}`;
  // As of a month: each plan's projects as the version in force for the month has them.
  const versions = asOf ? (options.versions ?? (await versionsInForce(db, planId === null || withLower ? null : [planId], asOf))) : undefined;
  const parts = rollupParts(asOf, planId === null ? "all" : "plan", basis, { versions, version });
  const partSql = (part: FiguresPart) => Prisma.sql`
      SELECT ${key(part.construction)} AS key,
             ${ord ? ord(part.construction) : Prisma.sql`NULL::int`} AS ord,
             ${rollupAggregatesSql(part, asOf)}
        FROM ${part.projects}
        ${join}
        ${part.figures}
       WHERE ${planFilter} AND ${part.live} AND ${part.where}
       GROUP BY 1`;
  // By unit as of a month: the summary's rows (one per plan and unit), refreshed first.
  // The summary holds whole plans: a regional account's rollup sums its projects anew.
  let fromSummary = by === "unit" && asOf !== undefined && !options.live && scope === null && !withLower;
  if (fromSummary && asOf) {
    const planIds = planId === null ? (await db.plan.findMany({ select: { id: true } })).map((p) => p.id) : [planId];
    // A read replica cannot refresh the summary (a standby refuses writes): it reads the summary
    // only when the primary has kept it fresh for this month, and otherwise sums the projects anew.
    if (isReplica(db)) fromSummary = await unitMonthFiguresFresh(db, planIds, asOf, basis);
    else await freshUnitMonthFigures(db, planIds, asOf, basis);
  }
  const groups = fromSummary && asOf ? [unitMonthFiguresPart(planId, asOf, basis)] : parts.map(partSql);
  // Several parts: each aggregated on its own (so that PostgreSQL can do the large
  // one in parallel), then their sums added, still exact numeric, still in SQL.
  // One part: its rows are already the groups (and the summary's, for one plan).
  const several = fromSummary ? planId === null : parts.length > 1;
  const add = (column: Prisma.Sql) => (several ? Prisma.sql`sum(${column})` : column);
  const ordering =
    options.orderByRate && asOf
      ? Prisma.sql`rate DESC NULLS LAST, 1`
      : ord
        ? Prisma.sql`${several ? Prisma.sql`min(g.ord)` : Prisma.sql`g.ord`}, 1`
        : Prisma.sql`${add(Prisma.sql`g.projects`)} DESC, 1`;
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT ${label ? label.name : Prisma.sql`g.key`} AS key,
           ${by === "county" ? Prisma.sql`${several ? Prisma.sql`min(g.ord)` : Prisma.sql`g.ord`} AS ord,` : Prisma.empty}
           ${outerColumns(add, asOf)}
      FROM (${Prisma.join(groups, " UNION ALL ")}) g
     ${label ? label.join : Prisma.empty}
     ${several ? Prisma.sql`GROUP BY g.key${label ? Prisma.sql`, ${label.id}` : Prisma.empty}` : Prisma.empty}
     ORDER BY ${ordering}`;
  return rows.map((r) => rollupRow(r, by === "county", asOf));
}

/**
 * The parts a rollup aggregates (progress-figures.ts): as of a month, each plan as its version
 * in force then has it; without a month, one part: the projects themselves, or a version's frozen rows.
 */
function rollupParts(
  asOf: YearMonth | undefined,
  of: "plan" | "all",
  basis: ReportBasis,
  { versions, version }: { versions?: VersionInForce[]; version?: VersionRef } = {},
): FiguresPart[] {
  if (asOf) return progressParts(asOf, of, { basis, versions });
  return [
    {
      projects: version ? Prisma.sql`(${versionProjectsSql(version.id)}) p JOIN "Plan" pl ON pl.id = p."planId"` : Prisma.sql`"Project" p JOIN "Plan" pl ON pl.id = p."planId"`,
      figures: Prisma.empty,
      live: version ? Prisma.sql`TRUE` : Prisma.sql`p."deletedAt" IS NULL`,
      where: Prisma.sql`TRUE`,
      monthWan: Prisma.sql`NULL`,
      ytd: Prisma.sql`0`,
      ptd: Prisma.sql`0`,
      construction: Prisma.sql`NULL`,
      yellow: Prisma.sql`pl."yellowLagPoints"`,
      red: Prisma.sql`pl."redLagPoints"`,
    },
  ];
}

/** The dimensions in which a project is one row (by unit it is a row under each of its units). */
export type OneRowDimension = Exclude<RollupDimension, "unit"> | "plan";

/**
 * Several rollups of the same projects and their 合计 from one reading of the
 * per-project figures (GROUPING SETS), where `rollup` and `rollupTotal` read
 * them once each: the same rows in the same order, each computed by the same
 * aggregates. (The overview of every plan read the figures of 100,000 projects
 * five times, about a second each.) With the plans below (levels "all") a
 * lower plan's county is its region: each rollup then reads on its own.
 */
export async function rollupsTogether<D extends OneRowDimension>(
  db: PrismaClient,
  planCode: string | null,
  dims: readonly D[],
  options: Pick<RollupOptions, "asOf" | "basis" | "scope" | "levels" | "versions" | "version"> = {},
): Promise<{ rows: Record<D, RollupRow[]>; total: RollupRow }> {
  // A version's rows (frozen units and plan) are read by each rollup on its own.
  if (options.levels === "all" || options.version || dims.length === 0) {
    const [lists, total] = await Promise.all([Promise.all(dims.map((d) => (d === "plan" ? rollupByPlan(db, options) : rollup(db, planCode, d, options)))), rollupTotal(db, planCode, options)]);
    return { rows: Object.fromEntries(dims.map((d, i) => [d, lists[i]!])) as Record<D, RollupRow[]>, total };
  }
  const { asOf } = options;
  if (dims.includes("status" as D) && !asOf) throw new AppError("invalid_input", "按项目状态汇总需要指定月份");
  const scope = options.scope ?? null;
  const plan = planCode === null ? null : await findReadablePlan(db, planCode, scope);
  const planFilter = Prisma.sql`${plan ? Prisma.sql`p."planId" = ${plan.id}` : Prisma.sql`TRUE`} AND ${readableProjectsSql(scope)}`;
  const versions = asOf ? (options.versions ?? (await versionsInForce(db, plan ? [plan.id] : null, asOf))) : undefined;
  const parts = rollupParts(asOf, plan ? "plan" : "all", options.basis ?? DEFAULT_BASIS, { versions });
  // GROUPING(k0, …, kn−1): a bit per key, set where the key is not grouped (k0 the highest).
  const n = dims.length;
  const all = (1 << n) - 1;
  const mask = (i: number) => all ^ (1 << (n - 1 - i));
  const joins = [...new Set(dims.map((d) => DIMENSIONS[d].join).filter((j) => j !== Prisma.empty))];
  // Two steps: the project rows grouped once by every key together (one hash aggregate that
  // computes each row's sums and lights once), then those few thousand groups summed again by
  // GROUPING SETS. Grouping the project rows by the sets directly sorted and aggregated all of
  // them once a set (the overview: 229,024 rows five times, 2 s of its 4 on a loaded machine).
  const k = (i: number) => Prisma.raw(`s.k_${i}`);
  const partSql = (part: FiguresPart) => {
    const keys = dims.map((d) => DIMENSIONS[d].key(part.construction));
    const grouping = Prisma.sql`GROUPING(${Prisma.join(dims.map((_, i) => k(i)))})`;
    return Prisma.sql`
      SELECT ${grouping} AS g,
             CASE ${grouping} ${Prisma.join(dims.map((_, i) => Prisma.sql`WHEN ${mask(i)} THEN (${k(i)})::text`), " ")} ELSE '合计' END AS key,
             ${Prisma.join(dims.map((d, i) => (DIMENSIONS[d].ord ? Prisma.sql`CASE WHEN GROUPING(${k(i)}) = 0 THEN min(s.o_${Prisma.raw(String(i))}) END AS ord_${Prisma.raw(String(i))}` : Prisma.sql`NULL::int AS ord_${Prisma.raw(String(i))}`)))},
             ${reaggregatedSql("s", asOf)}
        FROM (
          SELECT ${Prisma.join(keys.map((key, i) => Prisma.sql`${key} AS k_${Prisma.raw(String(i))}`))},
                 ${Prisma.join(dims.map((d, i) => { const ord = DIMENSIONS[d].ord; return Prisma.sql`${ord ? ord(part.construction) : Prisma.sql`NULL::int`} AS o_${Prisma.raw(String(i))}`; }))},
                 ${rollupAggregatesSql(part, asOf)}
            FROM ${part.projects}
            ${joins.length ? Prisma.join(joins, " ") : Prisma.empty}
            ${part.figures}
           WHERE ${planFilter} AND ${part.live} AND ${part.where}
           GROUP BY ${Prisma.join(dims.map((_, i) => Prisma.raw(String(i + 1))))}) s
       GROUP BY GROUPING SETS (${Prisma.join(dims.map((_, i) => Prisma.sql`(${k(i)})`))}, ())`;
  };
  const several = parts.length > 1;
  const add = (column: Prisma.Sql) => (several ? Prisma.sql`sum(${column})` : column);
  const ords = dims.map((_, i) => (several ? Prisma.sql`min(g.ord_${Prisma.raw(String(i))})` : Prisma.sql`g.ord_${Prisma.raw(String(i))}`));
  // Each rollup's own order: by its ord then key, or (without one) by project count, then key.
  const unordered = dims.map((d, i) => (DIMENSIONS[d].ord ? null : mask(i))).filter((m): m is number => m !== null);
  const rows = await db.$queryRaw<(RawRow & { g: number } & Record<`ord_${number}`, string | null>)[]>`
    SELECT g.g, g.key, ${Prisma.join(ords.map((o, i) => Prisma.sql`${o} AS ord_${Prisma.raw(String(i))}`))},
           ${outerColumns(add, asOf)}
      FROM (${Prisma.join(parts.map(partSql), " UNION ALL ")}) g
     ${several ? Prisma.sql`GROUP BY g.g, g.key` : Prisma.empty}
     ORDER BY g.g, ${Prisma.join(ords)}, ${unordered.length ? Prisma.sql`CASE WHEN g.g IN (${Prisma.join(unordered)}) THEN ${add(Prisma.sql`g.projects`)} END DESC,` : Prisma.empty} g.key`;
  const byDim = Object.fromEntries(
    dims.map((d, i) => [d, rows.filter((r) => r.g === mask(i)).map((r) => rollupRow(d === "county" ? { ...r, ord: r[`ord_${i}`] } : r, d === "county", asOf))]),
  ) as Record<D, RollupRow[]>;
  const total = rows.find((r) => r.g === all);
  return { rows: byDim, total: total ? rollupRow({ ...total, key: "合计" }, false, asOf) : emptyTotal(asOf) };
}

/** The columns of a rollup row from its groups `g` (summed across parts by `add`, or taken as they are). */
function outerColumns(add: (column: Prisma.Sql) => Prisma.Sql, asOf: YearMonth | undefined): Prisma.Sql {
  const rate = Prisma.sql`${add(Prisma.sql`g.ytd_planned`)} / nullif(${add(Prisma.sql`g.annual_planned`)}, 0)`;
  const progress = asOf
    ? Prisma.sql`,
           ${add(Prisma.sql`g.annual_planned`)}::text AS annual,
           ${add(Prisma.sql`g.planned`)}::int AS planned,
           coalesce(${add(Prisma.sql`g.ytd`)}, 0)::text AS ytd,
           coalesce(${add(Prisma.sql`g.ptd`)}, 0)::text AS ptd,
           round(${rate}, 6)::text AS rate,
           round((${asOf.month}::numeric / 12 - ${rate}) * 100, 4)::text AS lag,
           ${add(Prisma.sql`g.red`)}::int AS red,
           ${add(Prisma.sql`g.yellow`)}::int AS yellow,
           (${add(Prisma.sql`g.planned`)} - ${add(Prisma.sql`g.red`)} - ${add(Prisma.sql`g.yellow`)})::int AS green,
           ${add(Prisma.sql`g.ns`)}::int AS ns`
    : Prisma.empty;
  return Prisma.sql`
           ${add(Prisma.sql`g.projects`)}::int AS projects,
           coalesce(${add(Prisma.sql`g.total`)}, 0)::text AS total,
           coalesce(${add(Prisma.sql`g.fyp`)}, 0)::text AS fyp,
           ${add(Prisma.sql`g.tp`)}::int AS tp,
           ${add(Prisma.sql`g.tn`)}::int AS tn,
           ${add(Prisma.sql`g.fp`)}::int AS fp,
           ${add(Prisma.sql`g.fn`)}::int AS fn
           ${progress}`;
}

function rollupRow(r: RawRow, county: boolean, asOf: YearMonth | undefined): RollupRow {
  return {
    key: r.key,
    projects: Number(r.projects),
    totalWan: trimDecimal(r.total),
    fypWan: trimDecimal(r.fyp),
    totalPending: Number(r.tp),
    totalNotApplicable: Number(r.tn),
    fypPending: Number(r.fp),
    fypNotApplicable: Number(r.fn),
    ...(county ? { groupKind: GROUP_KINDS[String(r.ord ?? "4").charAt(0)] ?? "unresolved" } : {}),
    ...(asOf
      ? {
          progress: {
            annualPlanWan: trimDecimal(r.annual ?? "0"),
            plannedProjects: Number(r.planned ?? 0),
            yearToDateWan: trimDecimal(r.ytd ?? "0"),
            planToDateWan: trimDecimal(r.ptd ?? "0"),
            annualRate: r.rate === null ? null : trimDecimal(r.rate),
            lagPoints: r.lag === null ? null : trimDecimal(r.lag),
            red: Number(r.red ?? 0),
            yellow: Number(r.yellow ?? 0),
            green: Number(r.green ?? 0),
            notStarted: Number(r.ns ?? 0),
          },
        }
      : {}),
  };
}
