// Which revision counts, and the cumulative figures stored on it (1–N月累计
// and 十四五累计), for each basis (lib/progress/report-basis.ts): `effective`
// (含已提交未审核) is set by the report transitions themselves; the 已审核
// flag follows from the statuses (the newest approved revision of the month).
// Both are recomputed from the months in the same transaction as any change
// of which revision counts, so that a figure "as of a month" is one row per
// project. Revisions that do not count carry none (CHECKs hold it).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ReportBasis } from "./report-basis";
import { basisColumns } from "./progress-figures";

type Db = PrismaClient | Prisma.TransactionClient;

/** Recomputes what counts under 已审核, and both bases' cumulative figures, for these projects (all projects when null). */
export async function refreshCumulative(db: Db, projectIds: number[] | null): Promise<void> {
  const only = (r: string) =>
    projectIds === null ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(r)}."projectId" IN (${Prisma.join(projectIds.length ? projectIds : [-1])})`;
  // First what stops counting, then what starts: the unique index on the flag is checked row by row.
  const newest = Prisma.sql`
    SELECT DISTINCT ON (a."projectId", a.year, a.month) a.id
      FROM "ProgressReport" a
     WHERE a.status = 'APPROVED' AND ${only("a")}
     ORDER BY a."projectId", a.year, a.month, a.revision DESC`;
  await db.$executeRaw`
    UPDATE "ProgressReport" t SET "approvedEffective" = false, "approvedYearToDateWan" = NULL, "approvedPlanToDateWan" = NULL
     WHERE ${only("t")} AND t."approvedEffective" AND t.id NOT IN (${newest})`;
  await db.$executeRaw`
    UPDATE "ProgressReport" t SET "approvedEffective" = true
     WHERE ${only("t")} AND NOT t."approvedEffective" AND t.id IN (${newest})`;
  for (const basis of ["submitted", "approved"] as ReportBasis[]) {
    const c = basisColumns(basis);
    await db.$executeRaw`
      UPDATE "ProgressReport" t
         SET ${c.ytd} = c.ytd, ${c.ptd} = c.ptd
        FROM (
          SELECT r.id,
                 sum(r."monthWan") OVER (PARTITION BY r."projectId", r.year ORDER BY r.month) AS ytd,
                 sum(CASE WHEN r.year BETWEEN pl."startYear" AND pl."endYear" THEN r."monthWan" ELSE 0 END)
                   OVER (PARTITION BY r."projectId" ORDER BY r.year, r.month) AS ptd
            FROM "ProgressReport" r
            JOIN "Project" p ON p.id = r."projectId"
            JOIN "Plan" pl ON pl.id = p."planId"
           WHERE r.${c.effective} AND ${only("r")}
        ) c
       WHERE t.id = c.id AND (t.${c.ytd} IS DISTINCT FROM c.ytd OR t.${c.ptd} IS DISTINCT FROM c.ptd)`;
  }
}
