-- AlterTable
ALTER TABLE "PlanVersion" ADD COLUMN     "sharesBackfilled" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PlanVersionCountyShare" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "totalWan" DECIMAL(18,4) NOT NULL,
    "fypWan" DECIMAL(18,4) NOT NULL,

    CONSTRAINT "PlanVersionCountyShare_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersionCountyShare_versionId_projectId_regionId_key" ON "PlanVersionCountyShare"("versionId", "projectId", "regionId");

-- AddForeignKey
ALTER TABLE "PlanVersionCountyShare" ADD CONSTRAINT "PlanVersionCountyShare_versionId_projectId_fkey" FOREIGN KEY ("versionId", "projectId") REFERENCES "PlanVersionProject"("versionId", "projectId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersionCountyShare" ADD CONSTRAINT "PlanVersionCountyShare_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand from here.
-- A share is never negative (the application checks the sum against the version's row).
ALTER TABLE "PlanVersionCountyShare" ADD CONSTRAINT "PlanVersionCountyShare_amounts_check" CHECK ("totalWan" >= 0 AND "fypWan" >= 0);

-- Backfill: the versions that exist were approved before shares were frozen, and
-- which split was in force then is not known. Each gets the register's current
-- split of each of its projects — where that split fits the version's amounts
-- (each amount's shares add up to nothing, or to at most the version's number);
-- a split that does not fit is left out and the project counts where it is
-- located. The versions are marked so (sharesBackfilled), and the pages say it.
UPDATE "PlanVersion" SET "sharesBackfilled" = true;

INSERT INTO "PlanVersionCountyShare" ("versionId", "projectId", "regionId", position, "totalWan", "fypWan")
SELECT vp."versionId", s."projectId", s."regionId", s.position, s."totalWan", s."fypWan"
  FROM "PlanVersionProject" vp
  JOIN "ProjectCountyShare" s ON s."projectId" = vp."projectId"
  JOIN (SELECT "projectId", sum("totalWan") AS t, sum("fypWan") AS f FROM "ProjectCountyShare" GROUP BY "projectId") sums ON sums."projectId" = vp."projectId"
 WHERE (sums.t = 0 OR (vp."totalState" = 'VALUE' AND sums.t <= vp."totalWan"))
   AND (sums.f = 0 OR (vp."fypState" = 'VALUE' AND sums.f <= vp."fypWan"))
   AND NOT EXISTS (SELECT 1 FROM "PlanVersionCountyShare" x WHERE x."versionId" = vp."versionId" AND x."projectId" = vp."projectId");

-- Frozen like the version's rows: inserted once when the version is made, never
-- updated; deleted only as the cascade of deleting the plan.
CREATE TRIGGER "PlanVersionCountyShare_frozen"
  BEFORE UPDATE OR DELETE ON "PlanVersionCountyShare"
  FOR EACH ROW EXECUTE FUNCTION "PlanVersion_frozen"();
