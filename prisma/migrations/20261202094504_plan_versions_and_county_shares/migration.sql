-- CreateEnum
CREATE TYPE "AdjustmentState" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED');

-- CreateEnum
CREATE TYPE "AdjustmentLineKind" AS ENUM ('ADD', 'CANCEL', 'AMOUNTS', 'PERIOD_CONTENT');

-- CreateTable
CREATE TABLE "PlanVersion" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL,
    "approvedBy" TEXT NOT NULL,
    "adjustmentId" INTEGER,

    CONSTRAINT "PlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanVersionProject" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,
    "domainId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "periodText" TEXT NOT NULL,
    "periodStart" INTEGER,
    "periodEnd" INTEGER,
    "locationText" TEXT NOT NULL,
    "regionId" INTEGER,
    "locationResolution" "LocationResolution" NOT NULL,
    "locationRule" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "totalState" "AmountState" NOT NULL,
    "totalWan" DECIMAL(18,4),
    "fypState" "AmountState" NOT NULL,
    "fypWan" DECIMAL(18,4),
    "unitIds" INTEGER[],
    "unitNames" TEXT[],

    CONSTRAINT "PlanVersionProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanAdjustment" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "state" "AdjustmentState" NOT NULL DEFAULT 'DRAFT',
    "preparedById" INTEGER NOT NULL,
    "preparedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "decidedById" INTEGER,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PlanAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanAdjustmentLine" (
    "id" SERIAL NOT NULL,
    "adjustmentId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "AdjustmentLineKind" NOT NULL,
    "projectId" INTEGER,
    "reason" TEXT NOT NULL,
    "proposed" JSONB NOT NULL,
    "changeRequestId" INTEGER,

    CONSTRAINT "PlanAdjustmentLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectCountyShare" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "totalWan" DECIMAL(18,4) NOT NULL,
    "fypWan" DECIMAL(18,4) NOT NULL,

    CONSTRAINT "ProjectCountyShare_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_adjustmentId_key" ON "PlanVersion"("adjustmentId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_planId_number_key" ON "PlanVersion"("planId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersionProject_versionId_projectId_key" ON "PlanVersionProject"("versionId", "projectId");

-- CreateIndex
CREATE INDEX "PlanAdjustmentLine_adjustmentId_position_idx" ON "PlanAdjustmentLine"("adjustmentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectCountyShare_projectId_regionId_key" ON "ProjectCountyShare"("projectId", "regionId");

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_adjustmentId_fkey" FOREIGN KEY ("adjustmentId") REFERENCES "PlanAdjustment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersionProject" ADD CONSTRAINT "PlanVersionProject_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PlanVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersionProject" ADD CONSTRAINT "PlanVersionProject_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanAdjustment" ADD CONSTRAINT "PlanAdjustment_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanAdjustmentLine" ADD CONSTRAINT "PlanAdjustmentLine_adjustmentId_fkey" FOREIGN KEY ("adjustmentId") REFERENCES "PlanAdjustment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectCountyShare" ADD CONSTRAINT "ProjectCountyShare_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectCountyShare" ADD CONSTRAINT "ProjectCountyShare_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Shares never exceed nor go below zero (the application checks the sum against the project).
ALTER TABLE "ProjectCountyShare" ADD CONSTRAINT "ProjectCountyShare_amounts_check" CHECK ("totalWan" >= 0 AND "fypWan" >= 0);

-- Backfill: every plan that exists gets its current rows as version 1 (the
-- baseline), dated when the plan was created, so that later edits are changes
-- against it.
INSERT INTO "PlanVersion" ("planId", number, label, "approvedAt", "approvedBy")
SELECT p.id, 1, '原规划（基线）', p."createdAt", '迁移时以当时的项目表补建'
  FROM "Plan" p
 WHERE NOT EXISTS (SELECT 1 FROM "PlanVersion" v WHERE v."planId" = p.id);

INSERT INTO "PlanVersionProject" ("versionId", "projectId", "domainId", seq, name, type, "periodText", "periodStart", "periodEnd",
                                  "locationText", "regionId", "locationResolution", "locationRule", content,
                                  "totalState", "totalWan", "fypState", "fypWan", "unitIds", "unitNames")
SELECT v.id, pr.id, pr."domainId", pr.seq, pr.name, pr.type, pr."periodText", pr."periodStart", pr."periodEnd",
       pr."locationText", pr."regionId", pr."locationResolution", pr."locationRule", pr.content,
       pr."totalState", pr."totalWan", pr."fypState", pr."fypWan",
       COALESCE((SELECT array_agg(pu."unitId" ORDER BY pu.position) FROM "ProjectUnit" pu WHERE pu."projectId" = pr.id), '{}'),
       COALESCE((SELECT array_agg(pu."publishedName" ORDER BY pu.position) FROM "ProjectUnit" pu WHERE pu."projectId" = pr.id), '{}')
  FROM "PlanVersion" v
  JOIN "Project" pr ON pr."planId" = v."planId" AND pr."deletedAt" IS NULL
 WHERE v.number = 1
   AND NOT EXISTS (SELECT 1 FROM "PlanVersionProject" x WHERE x."versionId" = v.id);

-- Written by hand: a version is frozen. Its rows are only ever inserted (the
-- approval of an adjustment writes the next version's rows once); UPDATE is
-- refused to anyone, DELETE too except as the cascade of deleting the plan.
CREATE FUNCTION "PlanVersion_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '规划的版本已冻结，不可修改或删除' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "PlanVersionProject_frozen"
  BEFORE UPDATE OR DELETE ON "PlanVersionProject"
  FOR EACH ROW EXECUTE FUNCTION "PlanVersion_frozen"();

CREATE TRIGGER "PlanVersion_frozen"
  BEFORE UPDATE OF "planId", number, "approvedAt", "approvedBy", "adjustmentId", label OR DELETE ON "PlanVersion"
  FOR EACH ROW EXECUTE FUNCTION "PlanVersion_frozen"();
