-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "planToDateWan" DECIMAL(18,4),
ADD COLUMN     "yearToDateWan" DECIMAL(18,4);

-- Written by hand: "as of a month" reads the newest effective revision of
-- each project up to that month, one index probe per project, with the
-- cumulative figures in the index itself (an index-only scan).
DROP INDEX "ProgressReport_one_effective";
DROP INDEX "ProgressReport_effective_by_month";
CREATE UNIQUE INDEX "ProgressReport_one_effective" ON "ProgressReport" ("projectId", "year", "month")
  INCLUDE ("monthWan", "yearToDateWan", "planToDateWan", "construction") WHERE "effective";
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_cumulative_only_effective"
  CHECK ("effective" OR ("yearToDateWan" IS NULL AND "planToDateWan" IS NULL));
