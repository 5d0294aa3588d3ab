-- CreateEnum
CREATE TYPE "MonthState" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "MonthAction" AS ENUM ('CLOSE', 'REOPEN');

-- DropIndex
DROP INDEX "AnnualInvestmentPlan_projectId_year_key";

-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "AnnexImport" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "AnnualInvestmentPlan" ADD COLUMN     "fromMonth" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ReportingMonth" ADD COLUMN     "state" "MonthState" NOT NULL DEFAULT 'CLOSED',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ReportingMonthEvent" (
    "id" SERIAL NOT NULL,
    "reportingMonthId" INTEGER NOT NULL,
    "action" "MonthAction" NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "unreported" JSONB,
    "byId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportingMonthEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportingMonthEvent_reportingMonthId_at_idx" ON "ReportingMonthEvent"("reportingMonthId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualInvestmentPlan_projectId_year_fromMonth_key" ON "AnnualInvestmentPlan"("projectId", "year", "fromMonth");

-- AddForeignKey
ALTER TABLE "ReportingMonthEvent" ADD CONSTRAINT "ReportingMonthEvent_reportingMonthId_fkey" FOREIGN KEY ("reportingMonthId") REFERENCES "ReportingMonth"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingMonthEvent" ADD CONSTRAINT "ReportingMonthEvent_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A month's plan revision starts in a month of the year.
ALTER TABLE "AnnualInvestmentPlan" ADD CONSTRAINT "AnnualInvestmentPlan_fromMonth_range" CHECK ("fromMonth" BETWEEN 1 AND 12);

-- Months closed before there was a history: their closing is its first event.
INSERT INTO "ReportingMonthEvent" ("reportingMonthId", "action", "reason", "byId", "at")
SELECT id, 'CLOSE', '', "lockedById", "lockedAt" FROM "ReportingMonth";
