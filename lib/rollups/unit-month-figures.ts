// The rollup by unit as of a month, read from a summary (UnitMonthFigures in
// prisma/schema.prisma) instead of summed anew: a province-sized plan has
// thousands of units, and grouping its projects by unit at every request cost
// more than any other rollup (README → Benchmarks). The summary holds, for
// every plan, unit and month of the plan's years, the same sums and counts as
// the live rollup, computed by the same SQL (rollupAggregatesSql over
// progressParts). Triggers mark a (plan, unit) stale in the transaction of
// any change it depends on; `refreshUnitMonthFigures` recomputes what is stale
// and is called before every read, so a reader never sees a figure older
// than the data its own snapshot sees.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { progressParts, type FiguresPart } from "@/lib/progress/progress-figures";
import type { YearMonth } from "@/lib/progress/reporting-calendar";
import { rollupAggregatesSql } from "./rollup-aggregates";

// One refresh at a time: two refreshes of one unit could otherwise each delete
// the rows the other has not committed yet, and leave both sets behind.
const REFRESH_LOCK = 7_202_1101;

/** The month's figures of one plan's units (planId) or of every plan's, as rows of a rollup part (key = unit id). */
export function unitMonthFiguresPart(planId: number | null, { year, month }: YearMonth): Prisma.Sql {
  return Prisma.sql`
      SELECT f."unitId" AS key, NULL::int AS ord, f.projects, f."totalWan" AS total, f."fypWan" AS fyp,
             f."totalPending" AS tp, f."totalNotApplicable" AS tn, f."fypPending" AS fp, f."fypNotApplicable" AS fn,
             f."plannedProjects" AS planned, f."yearToDateWan" AS ytd, f."planToDateWan" AS ptd,
             f."yearToDatePlannedWan" AS ytd_planned, f."annualPlannedWan" AS annual_planned, f.red, f.yellow, f."notStarted" AS ns
        FROM "UnitMonthFigures" f
       WHERE ${planId === null ? Prisma.sql`TRUE` : Prisma.sql`f."planId" = ${planId}`} AND f.year = ${year} AND f.month = ${month}`;
}

/** Whether the summary holds the month for the plan (or for every plan): it keeps each plan's own years only. */
export async function unitMonthFiguresCover(db: PrismaClient, planId: number | null, { year }: YearMonth): Promise<boolean> {
  const outside = await db.plan.count({ where: { ...(planId === null ? {} : { id: planId }), OR: [{ startYear: { gt: year } }, { endYear: { lt: year } }] } });
  return outside === 0;
}

/**
 * Recomputes every stale (plan, unit), in one transaction: claims the stale
 * marks it can see (a change committed meanwhile keeps its own mark for the
 * next refresh), deletes their rows and inserts them anew for every month of
 * the plan's years. Returns how many (plan, unit) pairs it recomputed.
 */
export async function refreshUnitMonthFigures(db: PrismaClient): Promise<number> {
  const [probe] = await db.$queryRaw<{ stale: boolean }[]>`SELECT EXISTS (SELECT 1 FROM "UnitMonthFiguresStale") AS stale`;
  if (!probe?.stale) return 0;
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFRESH_LOCK})`;
      const claimed = await tx.$queryRaw<{ planId: number | null; unitId: number }[]>`
        WITH c AS (DELETE FROM "UnitMonthFiguresStale" RETURNING "planId", "unitId")
        SELECT DISTINCT "planId", "unitId" FROM c`;
      if (!claimed.length) return 0;
      // planId null: the unit in every plan.
      const anyPlan = claimed.filter((c) => c.planId === null).map((c) => c.unitId);
      const pairs = claimed.filter((c) => c.planId !== null);
      const chosen = (plan: Prisma.Sql, unit: Prisma.Sql) => Prisma.sql`(
          (${plan}, ${unit}) IN (SELECT * FROM unnest(${pairs.map((c) => c.planId)}::int[], ${pairs.map((c) => c.unitId)}::int[]))
          OR ${unit} = ANY(${anyPlan}::int[]))`;
      await tx.$executeRaw`DELETE FROM "UnitMonthFigures" f WHERE ${chosen(Prisma.sql`f."planId"`, Prisma.sql`f."unitId"`)}`;
      const [part] = progressParts({ year: Prisma.sql`m.year`, month: Prisma.sql`m.month` }, "plan") as [FiguresPart];
      await tx.$executeRaw`
        INSERT INTO "UnitMonthFigures" ("planId", "unitId", year, month, projects, "totalWan", "fypWan",
               "totalPending", "totalNotApplicable", "fypPending", "fypNotApplicable", "plannedProjects",
               "yearToDateWan", "planToDateWan", "yearToDatePlannedWan", "annualPlannedWan", red, yellow, "notStarted")
        SELECT p."planId", pu."unitId", m.year, m.month,
               ${rollupAggregatesSql(part, { year: Prisma.sql`m.year`, month: Prisma.sql`m.month` })}
          FROM ${part.projects}
          JOIN "ProjectUnit" pu ON pu."projectId" = p.id
          CROSS JOIN LATERAL (SELECT y AS year, mo AS month FROM generate_series(pl."startYear", pl."endYear") y, generate_series(1, 12) mo) m
          ${part.figures}
         WHERE p."deletedAt" IS NULL AND ${part.where} AND ${chosen(Prisma.sql`p."planId"`, Prisma.sql`pu."unitId"`)}
         GROUP BY 1, 2, 3, 4`;
      return claimed.length;
    },
    // A first refresh of a province's data (every plan, every unit) takes minutes.
    { maxWait: 10 * 60_000, timeout: 30 * 60_000 },
  );
}
