-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RegionKind" AS ENUM ('PREFECTURE', 'DISTRICT', 'COUNTY', 'COUNTY_CITY', 'FUNCTIONAL_ZONE');

-- CreateEnum
CREATE TYPE "LocationResolution" AS ENUM ('COUNTY', 'WHOLE_CITY', 'FUNCTIONAL_ZONE', 'UNDECIDED', 'UNRESOLVED');

-- CreateEnum
CREATE TYPE "AmountState" AS ENUM ('VALUE', 'PENDING', 'NOT_APPLICABLE');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'REVIEWER', 'EDITOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('GOVERNMENT', 'DEPARTMENT', 'ENTERPRISE', 'INSTITUTION', 'COLLECTIVE', 'OTHER');

-- CreateTable
CREATE TABLE "Region" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "RegionKind" NOT NULL,
    "parentId" INTEGER,
    "aliases" TEXT[],

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "startYear" INTEGER NOT NULL,
    "endYear" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Domain" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Domain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[],
    "kind" "UnitKind" NOT NULL DEFAULT 'OTHER',
    "regionId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "domainId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT,
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
    "version" INTEGER NOT NULL DEFAULT 1,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectUnit" (
    "projectId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    "publishedName" TEXT NOT NULL,
    "contactPerson" TEXT,
    "contactPhone" TEXT,

    CONSTRAINT "ProjectUnit_pkey" PRIMARY KEY ("projectId","unitId")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "login" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "unitId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Region_code_key" ON "Region"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Region_name_key" ON "Region"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_code_key" ON "Plan"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Domain_planId_name_key" ON "Domain"("planId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Domain_planId_position_key" ON "Domain"("planId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "Project_planId_deletedAt_seq_idx" ON "Project"("planId", "deletedAt", "seq");

-- CreateIndex
CREATE INDEX "Project_planId_domainId_idx" ON "Project"("planId", "domainId");

-- CreateIndex
CREATE INDEX "Project_planId_regionId_idx" ON "Project"("planId", "regionId");

-- CreateIndex
CREATE INDEX "Project_planId_type_idx" ON "Project"("planId", "type");

-- CreateIndex
CREATE INDEX "ProjectUnit_unitId_idx" ON "ProjectUnit"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "User_login_key" ON "User"("login");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Domain" ADD CONSTRAINT "Domain_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectUnit" ADD CONSTRAINT "ProjectUnit_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectUnit" ADD CONSTRAINT "ProjectUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Written by hand: Prisma's schema language has no CHECK constraints (and
-- ignores them when diffing, so they survive later migrations). They hold an
-- amount's state and value together: a number is never NULL, 待定 / 不适用
-- never carry a number, and no amount or period is nonsense.
ALTER TABLE "Project"
  ADD CONSTRAINT "Project_total_state_check" CHECK (("totalState" = 'VALUE') = ("totalWan" IS NOT NULL)),
  ADD CONSTRAINT "Project_fyp_state_check" CHECK (("fypState" = 'VALUE') = ("fypWan" IS NOT NULL)),
  ADD CONSTRAINT "Project_total_nonnegative" CHECK ("totalWan" IS NULL OR "totalWan" >= 0),
  ADD CONSTRAINT "Project_fyp_nonnegative" CHECK ("fypWan" IS NULL OR "fypWan" >= 0),
  ADD CONSTRAINT "Project_period_order" CHECK ("periodStart" IS NULL OR "periodEnd" IS NULL OR "periodStart" <= "periodEnd");
