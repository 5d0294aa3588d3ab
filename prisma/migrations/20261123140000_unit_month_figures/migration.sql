-- CreateTable
CREATE TABLE "UnitMonthFigures" (
    "planId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "projects" INTEGER NOT NULL,
    "totalWan" DECIMAL(30,4),
    "fypWan" DECIMAL(30,4),
    "totalPending" INTEGER NOT NULL,
    "totalNotApplicable" INTEGER NOT NULL,
    "fypPending" INTEGER NOT NULL,
    "fypNotApplicable" INTEGER NOT NULL,
    "plannedProjects" INTEGER NOT NULL,
    "yearToDateWan" DECIMAL(30,4),
    "planToDateWan" DECIMAL(30,4),
    "yearToDatePlannedWan" DECIMAL(30,4),
    "annualPlannedWan" DECIMAL(30,4),
    "red" INTEGER NOT NULL,
    "yellow" INTEGER NOT NULL,
    "notStarted" INTEGER NOT NULL,

    CONSTRAINT "UnitMonthFigures_pkey" PRIMARY KEY ("planId","year","month","unitId")
);

-- CreateTable
CREATE TABLE "UnitMonthFiguresMonth" (
    "planId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,

    CONSTRAINT "UnitMonthFiguresMonth_pkey" PRIMARY KEY ("planId","year","month")
);

-- CreateTable
CREATE TABLE "UnitMonthFiguresStale" (
    "id" BIGSERIAL NOT NULL,
    "planId" INTEGER,
    "unitId" INTEGER NOT NULL,

    CONSTRAINT "UnitMonthFiguresStale_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitMonthFigures_planId_unitId_idx" ON "UnitMonthFigures"("planId", "unitId");

-- AddForeignKey
ALTER TABLE "UnitMonthFiguresMonth" ADD CONSTRAINT "UnitMonthFiguresMonth_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- Written by hand from here (the datamodel cannot say it): the triggers that
-- mark a (plan, unit) stale in the same transaction as any change to what its
-- figures sum — a report (a revision, its review, its cumulative figures), an
-- annual plan, a project's own columns, its units, a plan's years or
-- thresholds. Statement-level, over the transition tables, so that a bulk
-- write (an import, the benchmark's load) costs one INSERT … SELECT and not
-- one per row. lib/rollups/unit-month-figures.ts refreshes what is stale
-- before a rollup by unit reads the figures.

-- ProgressReport, AnnualInvestmentPlan: the units of each changed row's project.
CREATE FUNCTION "unit_month_stale_by_project_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "UnitMonthFiguresStale" ("planId", "unitId")
    SELECT DISTINCT p."planId", pu."unitId"
      FROM (SELECT DISTINCT "projectId" FROM new_rows) c
      JOIN "Project" p ON p.id = c."projectId"
      JOIN "ProjectUnit" pu ON pu."projectId" = p.id;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "UnitMonthFiguresStale" ("planId", "unitId")
    SELECT DISTINCT p."planId", pu."unitId"
      FROM (SELECT DISTINCT "projectId" FROM old_rows) c
      JOIN "Project" p ON p.id = c."projectId"
      JOIN "ProjectUnit" pu ON pu."projectId" = p.id;
  END IF;
  RETURN NULL;
END $$;

-- Project: its units, in its plan before and after.
CREATE FUNCTION "unit_month_stale_by_project"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "UnitMonthFiguresStale" ("planId", "unitId")
  SELECT DISTINCT c."planId", pu."unitId"
    FROM (SELECT id, "planId" FROM new_rows UNION SELECT id, "planId" FROM old_rows) c
    JOIN "ProjectUnit" pu ON pu."projectId" = c.id;
  RETURN NULL;
END $$;

-- ProjectUnit: the unit, in its project's plan; in every plan when the project
-- is gone (deleted in the same statement, whose cascade removed the row).
CREATE FUNCTION "unit_month_stale_by_project_unit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "UnitMonthFiguresStale" ("planId", "unitId")
    SELECT DISTINCT p."planId", c."unitId" FROM new_rows c LEFT JOIN "Project" p ON p.id = c."projectId";
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "UnitMonthFiguresStale" ("planId", "unitId")
    SELECT DISTINCT p."planId", c."unitId" FROM old_rows c LEFT JOIN "Project" p ON p.id = c."projectId";
  END IF;
  RETURN NULL;
END $$;

-- Plan: every unit of the plan, when its years or its thresholds change.
CREATE FUNCTION "unit_month_stale_by_plan"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "UnitMonthFiguresStale" ("planId", "unitId")
  SELECT DISTINCT n.id, pu."unitId"
    FROM new_rows n
    JOIN old_rows o ON o.id = n.id
    JOIN "Project" p ON p."planId" = n.id
    JOIN "ProjectUnit" pu ON pu."projectId" = p.id
   WHERE (n."startYear", n."endYear", n."yellowLagPoints", n."redLagPoints")
         IS DISTINCT FROM (o."startYear", o."endYear", o."yellowLagPoints", o."redLagPoints");
  RETURN NULL;
END $$;

-- A trigger with transition tables fires on one event only: three per table.
CREATE TRIGGER "ProgressReport_unit_month_insert" AFTER INSERT ON "ProgressReport" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_project_id"();
CREATE TRIGGER "ProgressReport_unit_month_update" AFTER UPDATE ON "ProgressReport" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_project_id"();
CREATE TRIGGER "ProgressReport_unit_month_delete" AFTER DELETE ON "ProgressReport" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_project_id"();
CREATE TRIGGER "AnnualInvestmentPlan_unit_month_insert" AFTER INSERT ON "AnnualInvestmentPlan" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_project_id"();
CREATE TRIGGER "AnnualInvestmentPlan_unit_month_update" AFTER UPDATE ON "AnnualInvestmentPlan" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_project_id"();
CREATE TRIGGER "AnnualInvestmentPlan_unit_month_delete" AFTER DELETE ON "AnnualInvestmentPlan" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_project_id"();
CREATE TRIGGER "Project_unit_month_update" AFTER UPDATE ON "Project" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_project"();
CREATE TRIGGER "ProjectUnit_unit_month_insert" AFTER INSERT ON "ProjectUnit" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_project_unit"();
CREATE TRIGGER "ProjectUnit_unit_month_update" AFTER UPDATE ON "ProjectUnit" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_project_unit"();
CREATE TRIGGER "ProjectUnit_unit_month_delete" AFTER DELETE ON "ProjectUnit" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_project_unit"();
CREATE TRIGGER "Plan_unit_month_update" AFTER UPDATE ON "Plan" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_plan"();

