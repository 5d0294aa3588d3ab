// The rollup by unit as of a month on a basis (已审核 or 含已提交), read from a summary (UnitMonthFigures in
// prisma/schema.prisma) instead of summed anew at every request: a
// province-sized plan has thousands of units, and grouping its projects by
// unit cost more than any other rollup (README → Benchmarks). A plan's month
// is computed when first asked for, by the same SQL as the live rollup
// (rollupAggregatesSql over progressParts). Triggers mark a (plan, unit)
// stale in the transaction of any change it depends on; before every read,
// `freshUnitMonthFigures` recomputes the stale units in the months already
// computed, so that a reader never sees a figure older than the data its own
// snapshot sees.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { progressParts, type FiguresPart } from "@/lib/progress/progress-figures";
import type { YearMonth } from "@/lib/progress/reporting-calendar";
import { REPORT_BASES, type ReportBasis } from "@/lib/progress/report-basis";
import { rollupAggregatesSql } from "./rollup-aggregates";
import { versionsInForce } from "@/lib/versions/in-force";

type Tx = Prisma.TransactionClient;

/** A basis as the summary stores it (a CHECK allows only the two). */
const basisOf = (text: string): ReportBasis => REPORT_BASES.find((b) => b === text) ?? "submitted";

// One refresh at a time: two refreshes of one unit could otherwise each delete
// the rows the other has not committed yet, and leave both sets behind.
const REFRESH_LOCK = 72_021_101;
// Beyond this many stale units in a plan (an import, new thresholds), its
// computed months are dropped and computed again when next asked for, rather
// than recomputed unit by unit, month by month.
const RECOMPUTE_UNITS_AT_MOST = 50;

/** The month's figures on a basis of one plan's units (planId) or of every plan's, as rows of a rollup part (key = unit id). */
export function unitMonthFiguresPart(planId: number | null, { year, month }: YearMonth, basis: ReportBasis): Prisma.Sql {
  return Prisma.sql`
      SELECT f."unitId" AS key, NULL::int AS ord, f.projects, f."totalWan" AS total, f."fypWan" AS fyp,
             f."totalPending" AS tp, f."totalNotApplicable" AS tn, f."fypPending" AS fp, f."fypNotApplicable" AS fn,
             f."plannedProjects" AS planned, f."yearToDateWan" AS ytd, f."planToDateWan" AS ptd,
             f."yearToDatePlannedWan" AS ytd_planned, f."annualPlannedWan" AS annual_planned, f.red, f.yellow, f."notStarted" AS ns
        FROM "UnitMonthFigures" f
        JOIN "UnitMonthFiguresMonth" computed ON computed."planId" = f."planId" AND computed.year = f.year AND computed.month = f.month AND computed.basis = f.basis
       WHERE ${planId === null ? Prisma.sql`TRUE` : Prisma.sql`f."planId" = ${planId}`} AND f.year = ${year} AND f.month = ${month} AND f.basis = ${basis}`;
}

/** Inserts the figures of a plan's month on a basis, for its units in `units` or for all of them. */
async function computeMonth(tx: Tx, planId: number, asOf: YearMonth, basis: ReportBasis, units: number[] | null): Promise<void> {
  const [part] = progressParts(asOf, "plan", { basis, versions: await versionsInForce(tx, [planId], asOf) }) as [FiguresPart];
  await tx.$executeRaw`
    INSERT INTO "UnitMonthFigures" ("planId", "unitId", year, month, basis, projects, "totalWan", "fypWan",
           "totalPending", "totalNotApplicable", "fypPending", "fypNotApplicable", "plannedProjects",
           "yearToDateWan", "planToDateWan", "yearToDatePlannedWan", "annualPlannedWan", red, yellow, "notStarted")
    SELECT p."planId", pu."unitId", ${asOf.year}::int, ${asOf.month}::int, ${basis}, ${rollupAggregatesSql(part, asOf)}
      FROM ${part.projects}
      JOIN "ProjectUnit" pu ON pu."projectId" = p.id
      ${units ? Prisma.sql`JOIN unnest(${units}::int[]) AS chosen("unitId") ON chosen."unitId" = pu."unitId"` : Prisma.empty}
      ${part.figures}
     WHERE p."planId" = ${planId} AND ${part.live} AND ${part.where}
     GROUP BY 1, 2`;
}

/** Whether the summary holds the month of every plan asked for, with nothing stale: a read, nothing written. */
export async function unitMonthFiguresFresh(db: PrismaClient, planIds: number[], asOf: YearMonth, basis: ReportBasis): Promise<boolean> {
  const [probe] = await db.$queryRaw<{ fresh: boolean }[]>`
    SELECT NOT EXISTS (SELECT 1 FROM "UnitMonthFiguresStale")
           AND (SELECT count(*) FROM "UnitMonthFiguresMonth"
                 WHERE "planId" = ANY(${planIds}::int[]) AND year = ${asOf.year} AND month = ${asOf.month} AND basis = ${basis}) = ${planIds.length} AS fresh`;
  return probe?.fresh === true;
}

/**
 * Makes the figures of `asOf` current for the plans asked for: recomputes the
 * stale (plan, unit) pairs in every month already computed — claiming only the
 * stale marks it can see, so that a change committed meanwhile keeps its own
 * mark for the next read — and computes the month for the plans that do not
 * have it yet. All in one transaction, one refresh at a time.
 */
export async function freshUnitMonthFigures(db: PrismaClient, planIds: number[], asOf: YearMonth, basis: ReportBasis): Promise<void> {
  if (await unitMonthFiguresFresh(db, planIds, asOf, basis)) return;
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFRESH_LOCK})`;
      const claimed = await tx.$queryRaw<{ planId: number | null; unitId: number }[]>`
        WITH c AS (DELETE FROM "UnitMonthFiguresStale" RETURNING "planId", "unitId")
        SELECT DISTINCT "planId", "unitId" FROM c`;
      // planId null: the unit in every plan.
      const stale = new Map<number | null, number[]>();
      for (const { planId, unitId } of claimed) stale.set(planId, [...(stale.get(planId) ?? []), unitId]);
      const computed = await tx.unitMonthFiguresMonth.findMany();
      for (const [planId, units] of stale) {
        await tx.$executeRaw`
          DELETE FROM "UnitMonthFigures" f USING unnest(${units}::int[]) AS chosen("unitId")
           WHERE f."unitId" = chosen."unitId" AND ${planId === null ? Prisma.sql`TRUE` : Prisma.sql`f."planId" = ${planId}`}`;
        if (planId !== null && units.length > RECOMPUTE_UNITS_AT_MOST) {
          await tx.unitMonthFiguresMonth.deleteMany({ where: { planId } });
          await tx.unitMonthFigures.deleteMany({ where: { planId } });
          continue;
        }
        for (const m of computed.filter((m) => planId === null || m.planId === planId)) await computeMonth(tx, m.planId, m, basisOf(m.basis), units);
      }
      const have = new Set((await tx.unitMonthFiguresMonth.findMany({ where: { year: asOf.year, month: asOf.month, basis } })).map((m) => m.planId));
      for (const planId of planIds.filter((id) => !have.has(id))) {
        await tx.unitMonthFigures.deleteMany({ where: { planId, year: asOf.year, month: asOf.month, basis } });
        await computeMonth(tx, planId, asOf, basis, null);
        await tx.unitMonthFiguresMonth.create({ data: { planId, year: asOf.year, month: asOf.month, basis } });
      }
    },
    // Computing a month of every plan of a province takes several seconds.
    { maxWait: 5 * 60_000, timeout: 10 * 60_000 },
  );
}
