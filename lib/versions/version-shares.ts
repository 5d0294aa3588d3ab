// A version freezes the split by county in force when it is approved: its
// PlanVersionCountyShare rows are the register's shares (ProjectCountyShare) of
// each of its projects, copied in the transaction that makes the version (the
// baseline's import, an adjustment's approval), and never written again — so a
// later change of a split moves the live rollups, not a version's.
//
// A split is frozen only where it fits the version's row (each amount's shares
// add up to nothing, or to at most the row's number, as setCountyShares
// requires of the live project). The live shares always fit the live amounts
// (lib/projects/county-share-limits.ts), and an adjustment's 调整投资 writes the
// same amounts to the live row and the version's; they can differ only where the
// live amounts were edited outside an adjustment (the working state). A split
// made against such amounts that does not fit the version's row is not the
// version's: the version keeps the split the version before froze for that
// project (which fits its unchanged row). A cancelled project is not in the new
// version, so neither are its shares; a project the adjustment adds has none yet.
import { Prisma } from "@/lib/generated/prisma/client";

/** The condition that shares summing to t (总投资) and f (十四五) fit the version row vp. Also in the migration's backfill. */
const fits = (t: Prisma.Sql, f: Prisma.Sql) => Prisma.sql`
  (${t} = 0 OR (vp."totalState" = 'VALUE' AND ${t} <= vp."totalWan"))
  AND (${f} = 0 OR (vp."fypState" = 'VALUE' AND ${f} <= vp."fypWan"))`;

/**
 * Freezes into version `versionId` (its project rows already written) the live
 * split of each of its projects that fits; where a live split does not fit,
 * the split of version `previousId` (none for the baseline). Returns the rows written.
 */
export async function freezeCountyShares(tx: Prisma.TransactionClient, versionId: number, previousId: number | null): Promise<number> {
  return tx.$executeRaw`
    WITH live AS (
      SELECT s."projectId", s."regionId", s.position, s."totalWan", s."fypWan"
        FROM "ProjectCountyShare" s JOIN "PlanVersionProject" vp ON vp."versionId" = ${versionId} AND vp."projectId" = s."projectId"
    ), live_sums AS (
      SELECT l."projectId", sum(l."totalWan") AS t, sum(l."fypWan") AS f FROM live l GROUP BY l."projectId"
    ), live_fit AS (
      SELECT ls."projectId", ${fits(Prisma.sql`ls.t`, Prisma.sql`ls.f`)} AS ok
        FROM live_sums ls JOIN "PlanVersionProject" vp ON vp."versionId" = ${versionId} AND vp."projectId" = ls."projectId"
    ), previous AS (
      -- The version before's split, for the projects whose live split does not fit (a live split removed is removed).
      SELECT b."projectId", b."regionId", b.position, b."totalWan", b."fypWan"
        FROM "PlanVersionCountyShare" b JOIN live_fit lf ON lf."projectId" = b."projectId" AND NOT lf.ok
       WHERE b."versionId" = ${previousId}::int
    ), previous_fit AS (
      SELECT p."projectId" FROM previous p JOIN "PlanVersionProject" vp ON vp."versionId" = ${versionId} AND vp."projectId" = p."projectId"
       GROUP BY p."projectId", vp."totalState", vp."totalWan", vp."fypState", vp."fypWan"
      HAVING ${fits(Prisma.sql`sum(p."totalWan")`, Prisma.sql`sum(p."fypWan")`)}
    )
    INSERT INTO "PlanVersionCountyShare" ("versionId", "projectId", "regionId", position, "totalWan", "fypWan")
    SELECT ${versionId}::int, l."projectId", l."regionId", l.position, l."totalWan", l."fypWan" FROM live l JOIN live_fit lf ON lf."projectId" = l."projectId" AND lf.ok
    UNION ALL
    SELECT ${versionId}::int, p."projectId", p."regionId", p.position, p."totalWan", p."fypWan" FROM previous p WHERE p."projectId" IN (SELECT "projectId" FROM previous_fit)`;
}
