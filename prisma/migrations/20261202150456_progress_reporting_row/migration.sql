-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "reportingProjectId" INTEGER;

-- CreateIndex
CREATE INDEX "Project_code_idx" ON "Project"("code");

-- CreateIndex
CREATE INDEX "Project_reportingProjectId_idx" ON "Project"("reportingProjectId");

-- One project listed in plans of several levels (rows sharing a 项目代码)
-- reports its monthly progress once: on the row of the deepest plan listing
-- the code (the plan's region furthest down the region tree; ties: the oldest
-- row). Every other live row of the code points at it and reads its reports
-- (lib/progress/progress-figures.ts). Kept here, over the transition tables,
-- so that every writer — a form, an import, an adjustment, the command line,
-- a bulk load — keeps it without knowing it.
CREATE FUNCTION "project_reporting_rows"(codes text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH RECURSIVE depth AS (
    SELECT id, 0 AS d FROM "Region" WHERE "parentId" IS NULL
    UNION ALL
    SELECT r.id, depth.d + 1 FROM "Region" r JOIN depth ON r."parentId" = depth.id
  ), chosen AS (
    SELECT DISTINCT ON (p.code) p.code, p.id
      FROM "Project" p JOIN "Plan" pl ON pl.id = p."planId" LEFT JOIN depth ON depth.id = pl."regionId"
     WHERE p.code = ANY(codes) AND p."deletedAt" IS NULL
     ORDER BY p.code, depth.d DESC NULLS LAST, p."createdAt", p.id
  )
  UPDATE "Project" t SET "reportingProjectId" = n.rid
    FROM (SELECT p.id, CASE WHEN p."deletedAt" IS NULL AND c.id <> p.id THEN c.id END AS rid
            FROM "Project" p LEFT JOIN chosen c ON c.code = p.code
           WHERE p.code = ANY(codes)) n
   WHERE t.id = n.id AND t."reportingProjectId" IS DISTINCT FROM n.rid;
END $$;

CREATE FUNCTION "project_reporting_row_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE codes text[] := ARRAY(SELECT DISTINCT code FROM new_rows WHERE code IS NOT NULL);
BEGIN
  IF cardinality(codes) > 0 THEN PERFORM "project_reporting_rows"(codes); END IF;
  RETURN NULL;
END $$;

-- Only a change of code, of being live or of plan moves a reporting row; the
-- function's own UPDATE changes none of them, so it does not recurse.
CREATE FUNCTION "project_reporting_row_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE codes text[] := ARRAY(
  SELECT DISTINCT x.code
    FROM new_rows n JOIN old_rows o ON o.id = n.id, LATERAL (VALUES (n.code), (o.code)) x(code)
   WHERE x.code IS NOT NULL
     AND (n.code, n."deletedAt" IS NULL, n."planId") IS DISTINCT FROM (o.code, o."deletedAt" IS NULL, o."planId"));
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE code IS NULL AND "reportingProjectId" IS NOT NULL) THEN
    UPDATE "Project" t SET "reportingProjectId" = NULL FROM new_rows n WHERE t.id = n.id AND n.code IS NULL AND t."reportingProjectId" IS NOT NULL;
  END IF;
  IF cardinality(codes) > 0 THEN PERFORM "project_reporting_rows"(codes); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Project_reporting_row_insert" AFTER INSERT ON "Project" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "project_reporting_row_insert"();
CREATE TRIGGER "Project_reporting_row_update" AFTER UPDATE ON "Project" REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "project_reporting_row_update"();

-- The rows that exist already.
SELECT "project_reporting_rows"(ARRAY(SELECT DISTINCT code FROM "Project" WHERE code IS NOT NULL));

-- A report (or an annual plan) of a reporting row changes the figures of the
-- rows reading it too: their units are stale in their plans as well.
CREATE OR REPLACE FUNCTION "unit_month_stale_by_project_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "UnitMonthFiguresStale" ("planId", "unitId")
    SELECT DISTINCT p."planId", pu."unitId"
      FROM (SELECT DISTINCT "projectId" FROM new_rows) c
      JOIN LATERAL (SELECT r.id, r."planId" FROM "Project" r WHERE r.id = c."projectId"
                    UNION ALL
                    SELECT r.id, r."planId" FROM "Project" r WHERE r."reportingProjectId" = c."projectId") p ON TRUE
      JOIN "ProjectUnit" pu ON pu."projectId" = p.id;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "UnitMonthFiguresStale" ("planId", "unitId")
    SELECT DISTINCT p."planId", pu."unitId"
      FROM (SELECT DISTINCT "projectId" FROM old_rows) c
      JOIN LATERAL (SELECT r.id, r."planId" FROM "Project" r WHERE r.id = c."projectId"
                    UNION ALL
                    SELECT r.id, r."planId" FROM "Project" r WHERE r."reportingProjectId" = c."projectId") p ON TRUE
      JOIN "ProjectUnit" pu ON pu."projectId" = p.id;
  END IF;
  RETURN NULL;
END $$;

-- A new version of a plan changes which version months before its approval
-- read (lib/versions/in-force.ts): every unit of the plan is stale.
CREATE FUNCTION "unit_month_stale_by_plan_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "UnitMonthFiguresStale" ("planId", "unitId")
  SELECT DISTINCT p."planId", pu."unitId"
    FROM (SELECT DISTINCT "planId" FROM new_rows) v
    JOIN "Project" p ON p."planId" = v."planId"
    JOIN "ProjectUnit" pu ON pu."projectId" = p.id;
  RETURN NULL;
END $$;
CREATE TRIGGER "PlanVersion_unit_month_insert" AFTER INSERT ON "PlanVersion" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "unit_month_stale_by_plan_version"();
