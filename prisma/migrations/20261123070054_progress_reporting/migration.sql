-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED');

-- CreateEnum
CREATE TYPE "ConstructionStatus" AS ENUM ('PREPARATION', 'UNDER_CONSTRUCTION', 'COMPLETED', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "IssueState" AS ENUM ('OPEN', 'IN_PROGRESS', 'RESOLVED');

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "redLagPoints" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "reportDeadlineDay" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "yellowLagPoints" INTEGER NOT NULL DEFAULT 10;

-- CreateTable
CREATE TABLE "AnnualInvestmentPlan" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "plannedWan" DECIMAL(18,4),
    "setById" INTEGER,
    "setAt" TIMESTAMP(3),
    "proposedWan" DECIMAL(18,4),
    "proposedById" INTEGER,
    "proposedAt" TIMESTAMP(3),

    CONSTRAINT "AnnualInvestmentPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportingMonth" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "lockedAt" TIMESTAMP(3) NOT NULL,
    "lockedById" INTEGER NOT NULL,

    CONSTRAINT "ReportingMonth_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" "ReportStatus" NOT NULL,
    "effective" BOOLEAN NOT NULL DEFAULT false,
    "monthWan" DECIMAL(18,4) NOT NULL,
    "physicalProgress" TEXT NOT NULL DEFAULT '',
    "construction" "ConstructionStatus" NOT NULL,
    "actualStart" DATE,
    "actualCompletion" DATE,
    "savedById" INTEGER NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedById" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoordinationIssue" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "responsible" TEXT NOT NULL DEFAULT '',
    "dueDate" DATE,
    "state" "IssueState" NOT NULL DEFAULT 'OPEN',
    "resolution" TEXT NOT NULL DEFAULT '',
    "raisedById" INTEGER NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "CoordinationIssue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnnualInvestmentPlan_year_idx" ON "AnnualInvestmentPlan"("year");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualInvestmentPlan_projectId_year_key" ON "AnnualInvestmentPlan"("projectId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingMonth_planId_year_month_key" ON "ReportingMonth"("planId", "year", "month");

-- CreateIndex
CREATE INDEX "ProgressReport_projectId_year_month_idx" ON "ProgressReport"("projectId", "year", "month");

-- CreateIndex
CREATE INDEX "ProgressReport_year_month_status_idx" ON "ProgressReport"("year", "month", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_projectId_year_month_revision_key" ON "ProgressReport"("projectId", "year", "month", "revision");

-- CreateIndex
CREATE INDEX "CoordinationIssue_projectId_state_idx" ON "CoordinationIssue"("projectId", "state");

-- CreateIndex
CREATE INDEX "CoordinationIssue_state_dueDate_idx" ON "CoordinationIssue"("state", "dueDate");

-- AddForeignKey
ALTER TABLE "AnnualInvestmentPlan" ADD CONSTRAINT "AnnualInvestmentPlan_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualInvestmentPlan" ADD CONSTRAINT "AnnualInvestmentPlan_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualInvestmentPlan" ADD CONSTRAINT "AnnualInvestmentPlan_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingMonth" ADD CONSTRAINT "ReportingMonth_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingMonth" ADD CONSTRAINT "ReportingMonth_lockedById_fkey" FOREIGN KEY ("lockedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_savedById_fkey" FOREIGN KEY ("savedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationIssue" ADD CONSTRAINT "CoordinationIssue_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationIssue" ADD CONSTRAINT "CoordinationIssue_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationIssue" ADD CONSTRAINT "CoordinationIssue_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Written by hand: the rules the schema language cannot say.
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_reportDeadlineDay_range" CHECK ("reportDeadlineDay" BETWEEN 1 AND 28);
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_lag_thresholds" CHECK ("yellowLagPoints" >= 0 AND "redLagPoints" >= "yellowLagPoints" AND "redLagPoints" <= 100);
ALTER TABLE "ReportingMonth" ADD CONSTRAINT "ReportingMonth_month_range" CHECK ("month" BETWEEN 1 AND 12);
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_month_range" CHECK ("month" BETWEEN 1 AND 12);
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_monthWan_not_negative" CHECK ("monthWan" >= 0);
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_revision_positive" CHECK ("revision" >= 1);
-- Only a submitted or approved revision counts, and at most one per project and month.
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_effective_is_reported" CHECK (NOT "effective" OR "status" IN ('SUBMITTED', 'APPROVED'));
CREATE UNIQUE INDEX "ProgressReport_one_effective" ON "ProgressReport" ("projectId", "year", "month") WHERE "effective";
-- The figures' queries read only effective revisions, by month.
CREATE INDEX "ProgressReport_effective_by_month" ON "ProgressReport" ("year", "month", "projectId") INCLUDE ("monthWan", "construction") WHERE "effective";
ALTER TABLE "AnnualInvestmentPlan" ADD CONSTRAINT "AnnualInvestmentPlan_amounts_not_negative" CHECK (("plannedWan" IS NULL OR "plannedWan" >= 0) AND ("proposedWan" IS NULL OR "proposedWan" >= 0));
