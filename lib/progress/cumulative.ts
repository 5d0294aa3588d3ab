// The cumulative figures stored on effective revisions (1–N月累计 and
// 十四五累计), recomputed from the months in the same transaction as any
// change of which revision counts, so that a figure "as of a month" is one
// row per project. Non-effective revisions carry none (a CHECK holds it).
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

/** Recomputes the cumulative figures of these projects' effective revisions (all projects when null). */
export async function refreshCumulative(db: Db, projectIds: number[] | null): Promise<void> {
  const only = projectIds === null ? Prisma.sql`TRUE` : Prisma.sql`r."projectId" IN (${Prisma.join(projectIds.length ? projectIds : [-1])})`;
  await db.$executeRaw`
    UPDATE "ProgressReport" t
       SET "yearToDateWan" = c.ytd, "planToDateWan" = c.ptd
      FROM (
        SELECT r.id,
               sum(r."monthWan") OVER (PARTITION BY r."projectId", r.year ORDER BY r.month) AS ytd,
               sum(CASE WHEN r.year BETWEEN pl."startYear" AND pl."endYear" THEN r."monthWan" ELSE 0 END)
                 OVER (PARTITION BY r."projectId" ORDER BY r.year, r.month) AS ptd
          FROM "ProgressReport" r
          JOIN "Project" p ON p.id = r."projectId"
          JOIN "Plan" pl ON pl.id = p."planId"
         WHERE r.effective AND ${only}
      ) c
     WHERE t.id = c.id AND (t."yearToDateWan" IS DISTINCT FROM c.ytd OR t."planToDateWan" IS DISTINCT FROM c.ptd)`;
}
