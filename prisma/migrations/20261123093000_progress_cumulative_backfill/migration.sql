-- Written by hand, data only: the cumulative figures of effective revisions
-- saved before 20261123072603_progress_cumulative added their columns. That
-- migration left them NULL, and "as of a month" read such a project as having
-- completed nothing. The same computation as lib/progress/cumulative.ts.
UPDATE "ProgressReport" t
   SET "yearToDateWan" = c.ytd, "planToDateWan" = c.ptd
  FROM (
    SELECT r.id,
           sum(r."monthWan") OVER (PARTITION BY r."projectId", r.year ORDER BY r.month) AS ytd,
           sum(CASE WHEN r.year BETWEEN pl."startYear" AND pl."endYear" THEN r."monthWan" ELSE 0 END)
             OVER (PARTITION BY r."projectId" ORDER BY r.year, r.month) AS ptd
      FROM "ProgressReport" r
      JOIN "Project" p ON p.id = r."projectId"
      JOIN "Plan" pl ON pl.id = p."planId"
     WHERE r.effective
  ) c
 WHERE t.id = c.id AND (t."yearToDateWan" IS DISTINCT FROM c.ytd OR t."planToDateWan" IS DISTINCT FROM c.ptd);
