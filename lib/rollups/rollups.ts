// Rollups of a plan's projects, counted and summed by PostgreSQL (GROUP BY),
// never by loading rows into JavaScript. Sums are exact numeric in 万元,
// returned as decimal strings; 待定 and 不适用 amounts are counted apart.
// With a month, each row also carries the progress of its projects as of
// that month (年度计划, 本年累计, 十四五累计, the rate, the gap to 序时进度
// and the traffic lights), from the same per-project figures the grid shows.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/api/errors";
import { trimDecimal } from "@/lib/money/amount";
import { progressWithLightSql } from "@/lib/progress/progress-figures";
import type { YearMonth } from "@/lib/progress/reporting-calendar";

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
};

const COUNTY_KEY = Prisma.sql`CASE p."locationResolution" WHEN 'WHOLE_CITY' THEN '全市' WHEN 'UNDECIDED' THEN '未定' WHEN 'UNRESOLVED' THEN '无法识别' ELSE r.name END`;
export const STATUS_KEY = Prisma.sql`CASE p.construction WHEN 'PREPARATION' THEN '前期' WHEN 'UNDER_CONSTRUCTION' THEN '在建' WHEN 'COMPLETED' THEN '竣工' WHEN 'SUSPENDED' THEN '停缓建' ELSE '未报送' END`;

/** The key each dimension groups by, and its order. A project with several units counts once for each. */
const KEY_SQL: Record<RollupDimension, { key: Prisma.Sql; join: Prisma.Sql; order: Prisma.Sql }> = {
  domain: { key: Prisma.sql`d.name`, join: Prisma.sql`JOIN "Domain" d ON d.id = p."domainId"`, order: Prisma.sql`min(pl.id), min(d.position)` },
  county: {
    key: COUNTY_KEY,
    join: Prisma.sql`LEFT JOIN "Region" r ON r.id = p."regionId"`,
    order: Prisma.sql`min(CASE p."locationResolution" WHEN 'WHOLE_CITY' THEN '0' WHEN 'COUNTY' THEN '1' || r.code WHEN 'FUNCTIONAL_ZONE' THEN '2' || r.code WHEN 'UNDECIDED' THEN '3' ELSE '4' END)`,
  },
  type: { key: Prisma.sql`p.type`, join: Prisma.empty, order: Prisma.sql`count(*) DESC, 1` },
  unit: { key: Prisma.sql`u.name`, join: Prisma.sql`JOIN "ProjectUnit" pu ON pu."projectId" = p.id JOIN "Unit" u ON u.id = pu."unitId"`, order: Prisma.sql`count(*) DESC, 1` },
  status: { key: STATUS_KEY, join: Prisma.empty, order: Prisma.sql`min(CASE p.construction WHEN 'PREPARATION' THEN 1 WHEN 'UNDER_CONSTRUCTION' THEN 2 WHEN 'COMPLETED' THEN 3 WHEN 'SUSPENDED' THEN 4 ELSE 5 END)` },
};

type RawRow = {
  key: string;
  projects: bigint;
  total: string;
  fyp: string;
  tp: bigint;
  tn: bigint;
  fp: bigint;
  fn: bigint;
  annual: string | null;
  planned: bigint | null;
  ytd: string | null;
  ptd: string | null;
  rate: string | null;
  lag: string | null;
  red: bigint | null;
  yellow: bigint | null;
  green: bigint | null;
  ns: bigint | null;
};

export type RollupOptions = {
  /** Progress as of this month (required for status). */
  asOf?: YearMonth;
  /** Rankings: by completion rate, highest first (groups without a plan last). */
  orderByRate?: boolean;
};

/** One plan's rollup (planCode), or every plan's together (planCode null). */
export async function rollup(db: PrismaClient, planCode: string | null, by: RollupDimension, options: RollupOptions = {}): Promise<RollupRow[]> {
  if (!ROLLUP_DIMENSIONS.includes(by)) throw new AppError("invalid_input", `不支持按“${by}”汇总`);
  const { asOf } = options;
  if (by === "status" && !asOf) throw new AppError("invalid_input", "按项目状态汇总需要指定月份");
  let planId: number | null = null;
  if (planCode !== null) {
    const plan = await db.plan.findUnique({ where: { code: planCode } });
    if (!plan) throw notFound(`规划“${planCode}”`);
    planId = plan.id;
  }
  const { key, join, order } = KEY_SQL[by];
  const planFilter = planId === null ? Prisma.sql`TRUE` : Prisma.sql`p."planId" = ${planId}`;
  const progress = asOf
    ? Prisma.sql`,
           sum(p."annualPlanWan")::text AS annual,
           count(p."annualPlanWan") FILTER (WHERE p."annualPlanWan" > 0) AS planned,
           coalesce(sum(p."yearToDateWan"), 0)::text AS ytd,
           coalesce(sum(p."planToDateWan"), 0)::text AS ptd,
           round(sum(p."yearToDateWan") FILTER (WHERE p."annualPlanWan" > 0) / nullif(sum(p."annualPlanWan") FILTER (WHERE p."annualPlanWan" > 0), 0), 6)::text AS rate,
           round((${asOf.month}::numeric / 12 - sum(p."yearToDateWan") FILTER (WHERE p."annualPlanWan" > 0) / nullif(sum(p."annualPlanWan") FILTER (WHERE p."annualPlanWan" > 0), 0)) * 100, 4)::text AS lag,
           count(*) FILTER (WHERE p.light = 'RED') AS red,
           count(*) FILTER (WHERE p.light = 'YELLOW') AS yellow,
           count(*) FILTER (WHERE p.light = 'GREEN') AS green,
           count(*) FILTER (WHERE p."notStarted") AS ns`
    : Prisma.empty;
  // With a month, "p" is the projects with their figures (one relation: joining
  // the figures back to "Project" made the planner misjudge the row counts).
  const projects = asOf ? Prisma.sql`(${progressWithLightSql(planId, asOf, { rates: false })}) p` : Prisma.sql`"Project" p`;
  const ordering = options.orderByRate && asOf ? Prisma.sql`rate DESC NULLS LAST, 1` : order;
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT ${key} AS key,
           count(*) AS projects,
           coalesce(sum(p."totalWan"), 0)::text AS total,
           coalesce(sum(p."fypWan"), 0)::text AS fyp,
           count(*) FILTER (WHERE p."totalState" = 'PENDING') AS tp,
           count(*) FILTER (WHERE p."totalState" = 'NOT_APPLICABLE') AS tn,
           count(*) FILTER (WHERE p."fypState" = 'PENDING') AS fp,
           count(*) FILTER (WHERE p."fypState" = 'NOT_APPLICABLE') AS fn
           ${progress}
      FROM ${projects}
      JOIN "Plan" pl ON pl.id = p."planId"
      ${join}
     WHERE ${planFilter} AND p."deletedAt" IS NULL
     GROUP BY 1
     ORDER BY ${ordering}`;
  return rows.map((r) => ({
    key: r.key,
    projects: Number(r.projects),
    totalWan: trimDecimal(r.total),
    fypWan: trimDecimal(r.fyp),
    totalPending: Number(r.tp),
    totalNotApplicable: Number(r.tn),
    fypPending: Number(r.fp),
    fypNotApplicable: Number(r.fn),
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
  }));
}
