-- CreateTable
CREATE TABLE "ReportingMonthProject" (
    "monthId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,

    CONSTRAINT "ReportingMonthProject_pkey" PRIMARY KEY ("monthId","projectId")
);

-- CreateIndex
CREATE INDEX "ReportingMonthProject_projectId_idx" ON "ReportingMonthProject"("projectId");

-- AddForeignKey
ALTER TABLE "ReportingMonthProject" ADD CONSTRAINT "ReportingMonthProject_monthId_fkey" FOREIGN KEY ("monthId") REFERENCES "ReportingMonth"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingMonthProject" ADD CONSTRAINT "ReportingMonthProject_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand from here.
-- The months closed already count what they counted until now (the projects
-- not deleted, or deleted after the closing): nothing older was recorded.
INSERT INTO "ReportingMonthProject" ("monthId", "projectId")
SELECT m.id, p.id
  FROM "ReportingMonth" m
  JOIN "Project" p ON p."planId" = m."planId"
 WHERE m.state = 'CLOSED' AND (p."deletedAt" IS NULL OR p."deletedAt" > m."lockedAt");

-- The unit summary is a cache: computed again, on the recorded sets, when next asked for.
DELETE FROM "UnitMonthFigures";
DELETE FROM "UnitMonthFiguresMonth";
