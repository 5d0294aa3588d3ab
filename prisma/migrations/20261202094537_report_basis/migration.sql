-- The unit summary is a cache, computed again when next asked for: emptied,
-- so that its rows can take the basis they were computed on.
DELETE FROM "UnitMonthFigures";
DELETE FROM "UnitMonthFiguresMonth";

-- AlterTable
ALTER TABLE "ReportingMonth" ADD COLUMN     "redLagPoints" INTEGER,
ADD COLUMN     "yellowLagPoints" INTEGER;

-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "approvedEffective" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "approvedPlanToDateWan" DECIMAL(18,4),
ADD COLUMN     "approvedYearToDateWan" DECIMAL(18,4);

-- AlterTable
ALTER TABLE "UnitMonthFigures" DROP CONSTRAINT "UnitMonthFigures_pkey",
ADD COLUMN     "basis" TEXT NOT NULL,
ADD CONSTRAINT "UnitMonthFigures_pkey" PRIMARY KEY ("planId", "year", "month", "basis", "unitId");

-- AlterTable
ALTER TABLE "UnitMonthFiguresMonth" DROP CONSTRAINT "UnitMonthFiguresMonth_pkey",
ADD COLUMN     "basis" TEXT NOT NULL,
ADD CONSTRAINT "UnitMonthFiguresMonth_pkey" PRIMARY KEY ("planId", "year", "month", "basis");

-- Written by hand from here (the datamodel cannot say it).
-- The 已审核 basis, as for the submitted one (20261123072603, 20261123080000):
-- one counting revision a month, only an approved one, cumulative figures on it
-- only, and the two index-only reads "as of a month" use.
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_approved_effective_is_approved"
  CHECK (NOT "approvedEffective" OR "status" = 'APPROVED');
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_approved_cumulative_only_effective"
  CHECK ("approvedEffective" OR ("approvedYearToDateWan" IS NULL AND "approvedPlanToDateWan" IS NULL));
CREATE UNIQUE INDEX "ProgressReport_one_approved_effective" ON "ProgressReport" ("projectId", "year", "month")
  INCLUDE ("monthWan", "approvedYearToDateWan", "approvedPlanToDateWan", "construction") WHERE "approvedEffective";
CREATE INDEX "ProgressReport_approved_effective_month" ON "ProgressReport" ("year", "month", "projectId")
  INCLUDE ("monthWan", "approvedYearToDateWan", "approvedPlanToDateWan", "construction") WHERE "approvedEffective";

-- Backfill: the newest approved revision of each project's month, and its cumulative figures.
UPDATE "ProgressReport" t SET "approvedEffective" = true
  FROM (SELECT DISTINCT ON ("projectId", year, month) id FROM "ProgressReport"
         WHERE status = 'APPROVED' ORDER BY "projectId", year, month, revision DESC) n
 WHERE t.id = n.id;
UPDATE "ProgressReport" t
   SET "approvedYearToDateWan" = c.ytd, "approvedPlanToDateWan" = c.ptd
  FROM (
    SELECT r.id,
           sum(r."monthWan") OVER (PARTITION BY r."projectId", r.year ORDER BY r.month) AS ytd,
           sum(CASE WHEN r.year BETWEEN pl."startYear" AND pl."endYear" THEN r."monthWan" ELSE 0 END)
             OVER (PARTITION BY r."projectId" ORDER BY r.year, r.month) AS ptd
      FROM "ProgressReport" r
      JOIN "Project" p ON p.id = r."projectId"
      JOIN "Plan" pl ON pl.id = p."planId"
     WHERE r."approvedEffective"
  ) c
 WHERE t.id = c.id;

-- The closed months' thresholds: those of the plan now (nothing older was kept).
UPDATE "ReportingMonth" m SET "yellowLagPoints" = pl."yellowLagPoints", "redLagPoints" = pl."redLagPoints"
  FROM "Plan" pl WHERE pl.id = m."planId";
ALTER TABLE "ReportingMonth" ADD CONSTRAINT "ReportingMonth_lag_thresholds"
  CHECK ("yellowLagPoints" IS NULL OR ("yellowLagPoints" >= 0 AND "redLagPoints" >= "yellowLagPoints" AND "redLagPoints" <= 100));
ALTER TABLE "UnitMonthFigures" ADD CONSTRAINT "UnitMonthFigures_basis" CHECK ("basis" IN ('approved', 'submitted'));
ALTER TABLE "UnitMonthFiguresMonth" ADD CONSTRAINT "UnitMonthFiguresMonth_basis" CHECK ("basis" IN ('approved', 'submitted'));

-- Closing and reopening a month decide its thresholds and which deleted projects
-- it still counts: every unit of the plan is stale (lib/rollups/unit-month-figures.ts).
CREATE FUNCTION "unit_month_stale_by_reporting_month"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "UnitMonthFiguresStale" ("planId", "unitId")
  SELECT DISTINCT p."planId", pu."unitId"
    FROM (SELECT DISTINCT "planId" FROM new_rows) c
    JOIN "Project" p ON p."planId" = c."planId"
    JOIN "ProjectUnit" pu ON pu."projectId" = p.id;
  RETURN NULL;
END $$;
CREATE TRIGGER "ReportingMonth_unit_month_insert" AFTER INSERT ON "ReportingMonth" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_reporting_month"();
CREATE TRIGGER "ReportingMonth_unit_month_update" AFTER UPDATE ON "ReportingMonth" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_reporting_month"();
