// What a rollup row sums and counts, as SQL over a part's project rows: the
// live rollups (rollups.ts) and the unit summary (unit-month-figures.ts) both
// aggregate with it, so that the two cannot come to say different things.
import { Prisma } from "@/lib/generated/prisma/client";
import type { FiguresPart } from "@/lib/progress/progress-figures";
import type { YearMonth } from "@/lib/progress/reporting-calendar";

/**
 * The sums and counts of a rollup row over the project rows of `part`, grouped
 * by the caller, in this order: projects, total, fyp, tp, tn, fp, fn and, with
 * a month, planned, ytd, ptd, ytd_planned, annual_planned, red, yellow, ns.
 */
export function rollupAggregatesSql(part: FiguresPart, asOf: YearMonth | undefined): Prisma.Sql {
  const counts = Prisma.sql`
             count(*) AS projects,
             sum(p."totalWan") AS total,
             sum(p."fypWan") AS fyp,
             count(*) FILTER (WHERE p."totalState" = 'PENDING') AS tp,
             count(*) FILTER (WHERE p."totalState" = 'NOT_APPLICABLE') AS tn,
             count(*) FILTER (WHERE p."fypState" = 'PENDING') AS fp,
             count(*) FILTER (WHERE p."fypState" = 'NOT_APPLICABLE') AS fn`;
  if (!asOf) return counts;
  const planned = Prisma.sql`ap."plannedWan" > 0`;
  // The lights as lightSql (lib/progress/progress-figures.ts) decides them, its inequality
  // (month·plan − 12·ytd)·100 > red·12·plan rearranged to 1200·ytd < plan·(100·month − 12·red):
  // exact still, and a third of the numeric arithmetic on every row. Green is the rest of the planned.
  const ytd1200 = Prisma.sql`1200 * ${part.ytd}`;
  const edge = (points: Prisma.Sql) => Prisma.sql`ap."plannedWan" * (${100 * asOf.month}::int - 12 * ${points})`;
  // 年度计划 is summed over the planned projects only: the others' plans are 0 or none (never negative).
  return Prisma.sql`${counts},
             count(*) FILTER (WHERE ${planned}) AS planned,
             sum(${part.ytd}) AS ytd,
             sum(${part.ptd}) AS ptd,
             sum(${part.ytd}) FILTER (WHERE ${planned}) AS ytd_planned,
             sum(ap."plannedWan") FILTER (WHERE ${planned}) AS annual_planned,
             count(*) FILTER (WHERE ${planned} AND ${ytd1200} < ${edge(part.red)}) AS red,
             count(*) FILTER (WHERE ${planned} AND ${ytd1200} >= ${edge(part.red)} AND ${ytd1200} <= ${edge(part.yellow)}) AS yellow,
             count(*) FILTER (WHERE p."periodStart" IS NOT NULL AND p."periodStart" <= ${asOf.year} AND COALESCE(${part.construction}::text, 'PREPARATION') = 'PREPARATION') AS ns`;
}


/**
 * The columns rollupAggregatesSql computes, summed again over rows that are
 * themselves its groups (`alias`): every one is a count or a sum, so the sum
 * of a group's parts is the group's figure, still exact numeric.
 */
export function reaggregatedSql(alias: string, asOf: YearMonth | undefined): Prisma.Sql {
  const columns = ["projects", "total", "fyp", "tp", "tn", "fp", "fn", ...(asOf ? ["planned", "ytd", "ptd", "ytd_planned", "annual_planned", "red", "yellow", "ns"] : [])];
  return Prisma.raw(columns.map((c) => `sum(${alias}.${c}) AS ${c}`).join(",\n             "));
}
