// The version in force for a month: monthly progress and the 通报 of month M
// are measured against the plan as it stood then — the newest version approved
// by the end of M (in the application's time zone), else the baseline. When
// that is the plan's newest version, M reads the live register (the version
// plus the edits since), as every reading did before versions; an older one is
// read from its frozen rows (PlanVersionProject): its projects, its amounts.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { zonedMidnight } from "@/lib/time/time-zone";
import type { YearMonth } from "@/lib/progress/reporting-calendar";

type Db = PrismaClient | Prisma.TransactionClient;

export type VersionInForce = {
  planId: number;
  versionId: number;
  number: number;
  label: string;
  approvedAt: Date;
  /** The plan's newest version: the month reads the live register. */
  newest: boolean;
};

/** The first instant after month M in the zone: a version approved before it is in force for M. */
export function endOfMonth({ year, month }: YearMonth, timeZone?: string): Date {
  return zonedMidnight({ year: month === 12 ? year + 1 : year, month: month === 12 ? 1 : month + 1, day: 1 }, timeZone);
}

/** The version in force for the month of each plan asked for (every plan: null); a plan without versions is left out. */
export async function versionsInForce(db: Db, planIds: number[] | null, ym: YearMonth, timeZone?: string): Promise<VersionInForce[]> {
  const end = endOfMonth(ym, timeZone);
  const plans = planIds === null ? Prisma.sql`TRUE` : Prisma.sql`v."planId" = ANY(${planIds}::int[])`;
  const rows = await db.$queryRaw<{ planId: number; versionId: number; number: number; label: string; approvedAt: Date; newest: number }[]>`
    SELECT DISTINCT ON (v."planId") v."planId", v.id AS "versionId", v.number, v.label, v."approvedAt",
           max(v.number) OVER (PARTITION BY v."planId") AS newest
      FROM "PlanVersion" v
     WHERE ${plans}
     ORDER BY v."planId", (v."approvedAt" < ${end} OR v.number = 1) DESC, v.number DESC`;
  return rows.map((r) => ({ planId: r.planId, versionId: r.versionId, number: r.number, label: r.label, approvedAt: r.approvedAt, newest: r.number === Number(r.newest) }));
}

/** The version in force for one plan's month (null: the plan has no versions). */
export async function versionInForce(db: Db, planId: number, ym: YearMonth, timeZone?: string): Promise<VersionInForce | null> {
  return (await versionsInForce(db, [planId], ym, timeZone))[0] ?? null;
}

/** What a page or document says of it: “按第2版（2024年中期调整）”, and for the newest “…及其后的修改”. */
export function versionLine(v: Pick<VersionInForce, "number" | "label" | "newest"> | null): string {
  if (!v) return "按现行项目表";
  return `按第${v.number}版（${v.label}）${v.newest ? "及其后的修改" : ""}`;
}

/** The frozen versions among them: those a reading must take from PlanVersionProject instead of the live rows. */
export function frozenVersions(versions: VersionInForce[] | undefined): VersionInForce[] {
  return (versions ?? []).filter((v) => !v.newest);
}

// The columns of "Project", in its order, so that a version's rows can stand in for the live ones (`p.*`).
const LIVE_COLUMNS = Prisma.sql`p0.id, p0."planId", p0."domainId", p0.seq, p0.name, p0.code, p0.type, p0."periodText", p0."periodStart", p0."periodEnd",
  p0."locationText", p0."regionId", p0."locationResolution", p0."locationRule", p0.content, p0."totalState", p0."totalWan", p0."fypState", p0."fypWan",
  p0.version, p0."deletedAt", p0."createdAt", p0."updatedAt", p0."reportingProjectId"`;
// A version's row: its published fields, the project's identity, and live (it was in the version).
const VERSION_COLUMNS = Prisma.sql`p0.id, p0."planId", vp."domainId", vp.seq, vp.name, p0.code, vp.type, vp."periodText", vp."periodStart", vp."periodEnd",
  vp."locationText", vp."regionId", vp."locationResolution", vp."locationRule", vp.content, vp."totalState", vp."totalWan", vp."fypState", vp."fypWan",
  p0.version, NULL::timestamp(3) AS "deletedAt", p0."createdAt", p0."updatedAt", p0."reportingProjectId"`;
// A row of the plan the version did not have: as it is, never live for the month.
const NOT_IN_VERSION_COLUMNS = Prisma.sql`p0.id, p0."planId", p0."domainId", p0.seq, p0.name, p0.code, p0.type, p0."periodText", p0."periodStart", p0."periodEnd",
  p0."locationText", p0."regionId", p0."locationResolution", p0."locationRule", p0.content, p0."totalState", p0."totalWan", p0."fypState", p0."fypWan",
  p0.version, COALESCE(p0."deletedAt", p0."createdAt") AS "deletedAt", p0."createdAt", p0."updatedAt", p0."reportingProjectId"`;

/**
 * The relation `p` a month's figures read in place of "Project" p: unchanged
 * when no plan read has an older version in force (the common case costs
 * nothing), else the live rows of the other plans and, for those plans, the
 * frozen rows of the version — live (deletedAt null) whether deleted since or
 * not, with the version's fields and amounts — and their other rows, marked
 * deleted (an open month does not count them; a month closed with them in its
 * recorded set still does: a closed month keeps what it recorded).
 */
export function projectsInForceSql(versions: VersionInForce[] | undefined): Prisma.Sql {
  const frozen = frozenVersions(versions);
  if (!frozen.length) return Prisma.sql`"Project" p`;
  const plans = frozen.map((v) => v.planId);
  const ids = frozen.map((v) => v.versionId);
  return Prisma.sql`(
      SELECT ${LIVE_COLUMNS} FROM "Project" p0 WHERE p0."planId" <> ALL(${plans}::int[])
      UNION ALL
      SELECT ${VERSION_COLUMNS} FROM "PlanVersionProject" vp JOIN "Project" p0 ON p0.id = vp."projectId"
       WHERE vp."versionId" = ANY(${ids}::int[])
      UNION ALL
      SELECT ${NOT_IN_VERSION_COLUMNS} FROM unnest(${plans}::int[], ${ids}::int[]) AS fv("planId", "versionId")
        JOIN "Project" p0 ON p0."planId" = fv."planId"
       WHERE NOT EXISTS (SELECT 1 FROM "PlanVersionProject" vp WHERE vp."versionId" = fv."versionId" AND vp."projectId" = p0.id)
    ) p`;
}
