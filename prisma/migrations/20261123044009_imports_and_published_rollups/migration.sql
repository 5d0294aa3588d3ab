-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('PREVIEWED', 'APPLIED');

-- CreateTable
CREATE TABLE "AnnexImport" (
    "id" SERIAL NOT NULL,
    "planCode" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "fileBytes" BYTEA NOT NULL,
    "userId" INTEGER,
    "actorName" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'PREVIEWED',
    "summary" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "AnnexImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublishedRollupRow" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "domainName" TEXT,
    "projectCount" INTEGER,
    "totalState" "AmountState" NOT NULL,
    "totalWan" DECIMAL(18,4),
    "fypState" "AmountState" NOT NULL,
    "fypWan" DECIMAL(18,4),

    CONSTRAINT "PublishedRollupRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnnexImport_planCode_createdAt_idx" ON "AnnexImport"("planCode", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PublishedRollupRow_planId_position_key" ON "PublishedRollupRow"("planId", "position");

-- AddForeignKey
ALTER TABLE "PublishedRollupRow" ADD CONSTRAINT "PublishedRollupRow_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (Prisma has no CHECK constraints): as on "Project", an
-- amount's state and value stay together.
ALTER TABLE "PublishedRollupRow"
  ADD CONSTRAINT "PublishedRollupRow_total_state_check" CHECK (("totalState" = 'VALUE') = ("totalWan" IS NOT NULL)),
  ADD CONSTRAINT "PublishedRollupRow_fyp_state_check" CHECK (("fypState" = 'VALUE') = ("fypWan" IS NOT NULL));
