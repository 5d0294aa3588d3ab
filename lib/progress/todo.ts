// What a person has to do today, for the home page: the DRC's reviews,
// change requests, late units, coordination issues coming due and projects
// newly in the red; a unit's returned reports and the issues it must act on.
// Every item carries what the page needs to link to the filtered view.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { assertPermission, can, type Actor } from "@/lib/auth/actor";
import { readableProjectsScope, readableProjectsSql, readScope, reportableScope } from "@/lib/auth/scope";
import { loadPlan } from "./report-access";
import { projectProgressAsOf } from "./progress-figures";
import { byChineseName, reportingStatus } from "./reporting-months";
import { addMonths, deadlineDate, reportingMonth, type YearMonth } from "./reporting-calendar";

/** Coordination issues due within this many days count as due now. */
export const ISSUE_DUE_SOON_DAYS = 7;

export type TodoIssue = { id: number; projectId: number; projectSeq: number; projectName: string; description: string; responsible: string; dueDate: string | null; overdue: boolean };

export type ReviewerTodo = {
  planCode: string;
  month: YearMonth;
  deadline: string;
  deadlinePassed: boolean;
  /** Reports submitted and not yet reviewed, per month and unit (a report of a project with two units counts for each). */
  awaitingReview: { year: number; month: number; unitId: number; unitName: string; reports: number }[];
  awaitingReviewTotal: number;
  changeRequests: number;
  /** Of those, units' proposed splits by county. */
  countySplitProposals: number;
  /** The reporting month's units with projects late (after the deadline) or, before it, not yet submitted. */
  lateUnits: { unitId: number; unitName: string; projects: number }[];
  issues: TodoIssue[];
  /** Red as of the reporting month and not red the month before. */
  newRed: { projectId: number; seq: number; name: string }[];
};

export async function reviewerTodo(db: PrismaClient, actor: Actor, planCode: string, now: Date): Promise<ReviewerTodo> {
  assertPermission(actor, "progress.review");
  const plan = await loadPlan(db, planCode, actor);
  const month = reportingMonth(now);
  const [awaiting, changeRequests, status, issues, asOf, before] = await Promise.all([
    db.$queryRaw<{ year: number; month: number; unitId: number; unitName: string; reports: number }[]>`
      SELECT r.year, r.month, u.id AS "unitId", u.name AS "unitName", count(*)::int AS reports
        FROM "ProgressReport" r
        JOIN "Project" p ON p.id = r."projectId"
        JOIN "ProjectUnit" pu ON pu."projectId" = p.id
        JOIN "Unit" u ON u.id = pu."unitId"
       WHERE p."planId" = ${plan.id} AND ${readableProjectsSql(actor)} AND p."deletedAt" IS NULL AND r.status = 'SUBMITTED'
         -- A project listed by a lower plan too is reported and reviewed there: counted once, in that plan.
         AND p."reportingProjectId" IS NULL
       GROUP BY 1, 2, 3, 4
       ORDER BY 1 DESC, 2 DESC, 5 DESC, 4`,
    db.changeRequest.findMany({ where: { status: "OPEN", project: { planId: plan.id, deletedAt: null, ...readableProjectsScope(actor) } }, select: { proposed: true } }),
    reportingStatus(db, actor, planCode, month, now),
    dueIssues(db, { planId: plan.id, scope: readableProjectsScope(actor) }, now),
    // What the reviewer has to look at: the reports as submitted (含已提交未审核; the card links the grid on that basis).
    projectProgressAsOf(db, plan.id, month, undefined, { basis: "submitted", scope: readScope(actor) }),
    projectProgressAsOf(db, plan.id, addMonths(month, -1), undefined, { basis: "submitted", scope: readScope(actor) }),
  ]);
  const awaitingTotal = await db.progressReport.count({ where: { status: "SUBMITTED", project: { planId: plan.id, deletedAt: null, reportingProjectId: null, ...readableProjectsScope(actor) } } });
  const lateUnits = status.units
    .map((u) => ({ unitId: u.unitId, unitName: u.unitName, projects: status.deadlinePassed ? u.late : u.notSubmitted }))
    .filter((u) => u.projects > 0)
    .sort((a, b) => b.projects - a.projects || byChineseName(a.unitName, b.unitName));
  const redIds = [...asOf.values()].filter((f) => f.light === "RED" && before.get(f.projectId)?.light !== "RED").map((f) => f.projectId);
  const red = await db.project.findMany({ where: { id: { in: redIds }, deletedAt: null, ...readableProjectsScope(actor) }, select: { id: true, seq: true, name: true }, orderBy: { seq: "asc" } });
  return {
    planCode: plan.code,
    month,
    deadline: deadlineDate(month, plan.reportDeadlineDay),
    deadlinePassed: status.deadlinePassed,
    awaitingReview: awaiting.map((a) => ({ ...a, reports: Number(a.reports) })),
    awaitingReviewTotal: awaitingTotal,
    changeRequests: changeRequests.length,
    countySplitProposals: changeRequests.filter((r) => r.proposed !== null && typeof r.proposed === "object" && "countyShares" in r.proposed).length,
    lateUnits,
    issues,
    newRed: red.map((p) => ({ projectId: p.id, seq: p.seq, name: p.name })),
  };
}

export type UnitTodo = {
  /** Reports the DRC returned, of any month still open, newest month first. */
  returned: { projectId: number; seq: number; name: string; year: number; month: number; comment: string | null }[];
  issues: TodoIssue[];
};

/** A unit's: the reports returned to it and the open coordination issues on its projects (overdue and due first). */
export async function unitTodo(db: PrismaClient, actor: Actor, planCode: string, now: Date): Promise<UnitTodo> {
  assertPermission(actor, "progress.read");
  const plan = await loadPlan(db, planCode, actor);
  const scope = can(actor, "progress.report.own") ? reportableScope(actor) : { id: -1 };
  const returned = await db.progressReport.findMany({
    where: { status: "RETURNED", project: { planId: plan.id, deletedAt: null, ...scope } },
    orderBy: [{ year: "desc" }, { month: "desc" }, { project: { seq: "asc" } }],
    select: { year: true, month: true, revision: true, reviewComment: true, projectId: true, project: { select: { seq: true, name: true } } },
  });
  // Only the newest revision counts: a returned report already corrected has a later one.
  const newest = await db.progressReport.groupBy({
    by: ["projectId", "year", "month"],
    where: { projectId: { in: returned.map((r) => r.projectId) } },
    _max: { revision: true },
  });
  const latestRevision = new Map(newest.map((n) => [`${n.projectId}:${n.year}:${n.month}`, n._max.revision]));
  return {
    returned: returned
      .filter((r) => latestRevision.get(`${r.projectId}:${r.year}:${r.month}`) === r.revision)
      .map((r) => ({ projectId: r.projectId, seq: r.project.seq, name: r.project.name, year: r.year, month: r.month, comment: r.reviewComment })),
    issues: await dueIssues(db, { planId: plan.id, scope }, now, { all: true }),
  };
}

/** Open issues due within the week or overdue (all open ones with `all`), overdue first. */
async function dueIssues(db: PrismaClient, where: { planId: number; scope?: object }, now: Date, { all = false } = {}): Promise<TodoIssue[]> {
  // Due dates are Beijing calendar days.
  const today = new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + ISSUE_DUE_SOON_DAYS * 86_400_000);
  const issues = await db.coordinationIssue.findMany({
    where: {
      state: { not: "RESOLVED" },
      project: { planId: where.planId, deletedAt: null, ...(where.scope ?? {}) },
      ...(all ? {} : { dueDate: { lte: soon } }),
    },
    orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    include: { project: { select: { seq: true, name: true } } },
  });
  return issues.map((i) => {
    const due = i.dueDate?.toISOString().slice(0, 10) ?? null;
    return {
      id: i.id,
      projectId: i.projectId,
      projectSeq: i.project.seq,
      projectName: i.project.name,
      description: i.description,
      responsible: i.responsible,
      dueDate: due,
      overdue: due !== null && due < today,
    };
  });
}
