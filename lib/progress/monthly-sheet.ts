// A month's reports as a table: one row per project the reader looks at, with
// the newest revision (what the unit is working on), the figures that count,
// and what the unit carries over from last month when it starts a new one.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { assertPermission, can, type Actor } from "@/lib/auth/actor";
import { projectProgressAsOf, type ProjectProgress } from "./progress-figures";
import { readableProjectsScope, reportableScope } from "@/lib/auth/scope";
import { loadPlan, reportedElsewhere, type ReportedIn } from "./report-access";
import { type ReportState } from "./progress-input";
import { deadlineDate, type YearMonth } from "./reporting-calendar";

export type SheetRevision = {
  id: number;
  revision: number;
  version: number;
  status: Exclude<ReportState, "NONE">;
  monthWan: string;
  physicalProgress: string;
  construction: string;
  actualStart: string | null;
  actualCompletion: string | null;
  savedAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  reviewerName: string | null;
};

export type SheetRow = {
  projectId: number;
  seq: number;
  name: string;
  domain: string;
  units: string;
  state: ReportState;
  latest: SheetRevision | null;
  /** The revision approved or submitted before a correction in progress, if any. */
  previousReported: { revision: number; monthWan: string; status: string } | null;
  /** 截至上月本年累计 (effective), so the grid can show 1–N月累计 as it is typed. */
  yearToDateBeforeWan: string;
  /** Carried over from the newest effective report before this month. */
  carry: { physicalProgress: string; construction: string; actualStart: string | null; actualCompletion: string | null } | null;
  figures: ProjectProgress | null;
  proposedAnnualWan: string | null;
  openIssues: number;
  canReport: boolean;
  /**
   * The project is reported in another plan's list (a lower level's, same 项目代码): its
   * state and figures here are that report's, written there, never here.
   */
  reportedIn: ReportedIn | null;
  /** Said 竣工 in an earlier month: it no longer reports (as in the DRC's reporting status). */
  finished: boolean;
};

export type MonthlySheet = {
  plan: { code: string; name: string; startYear: number; endYear: number; reportDeadlineDay: number; yellowLagPoints: number; redLagPoints: number };
  /** The thresholds of this month's lights (the plan's, or those a closed month was closed with). */
  thresholds: { yellowLagPoints: number; redLagPoints: number };
  month: YearMonth;
  deadline: string;
  locked: { at: string; by: string } | null;
  rows: SheetRow[];
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function monthlySheet(
  // A transaction too: the 填报模板's import reads the month in the transaction that saves it.
  db: PrismaClient | Prisma.TransactionClient,
  actor: Actor,
  planCode: string,
  ym: YearMonth,
  filter: { mine?: boolean; unitId?: number } = {},
): Promise<MonthlySheet> {
  assertPermission(actor, "progress.read");
  const plan = await loadPlan(db, planCode, actor);
  const where: Prisma.ProjectWhereInput = { planId: plan.id, deletedAt: null, ...readableProjectsScope(actor) };
  if (filter.mine) Object.assign(where, reportableScope(actor));
  if (filter.unitId) where.AND = [{ units: { some: { unitId: filter.unitId } } }];
  const [projects, reportable, lock] = await Promise.all([
    db.project.findMany({
      where,
      orderBy: { seq: "asc" },
      select: {
        id: true,
        seq: true,
        name: true,
        domain: { select: { name: true } },
        units: { orderBy: { position: "asc" }, select: { unitId: true, unit: { select: { name: true } } } },
        annualPlans: { where: { year: ym.year }, select: { proposedWan: true } },
        _count: { select: { coordination: { where: { state: { not: "RESOLVED" } } } } },
      },
    }),
    db.project.findMany({ where: { planId: plan.id, deletedAt: null, ...reportableScope(actor) }, select: { id: true } }),
    db.reportingMonth.findUnique({ where: { planId_year_month: { planId: plan.id, ...ym } }, include: { lockedBy: true } }),
  ]);
  // A row whose code a lower plan lists too reads that plan's row's reports (reported once, there).
  const elsewhere = await reportedElsewhere(db, projects.map((p) => p.id));
  const reportingId = (id: number) => elsewhere.get(id)?.projectId ?? id;
  const ids = [...new Set(projects.map((p) => reportingId(p.id)))];
  const [revisions, earlier, before, figures] = await Promise.all([
    db.progressReport.findMany({
      where: { projectId: { in: ids }, ...ym },
      orderBy: { revision: "desc" },
      include: { reviewedBy: { select: { name: true } } },
    }),
    // The newest effective report before the month, to carry status and dates over.
    db.progressReport.findMany({
      where: { projectId: { in: ids }, effective: true, OR: [{ year: { lt: ym.year } }, { year: ym.year, month: { lt: ym.month } }] },
      orderBy: [{ year: "desc" }, { month: "desc" }],
      distinct: ["projectId"],
    }),
    db.progressReport.groupBy({
      by: ["projectId"],
      where: { projectId: { in: ids }, effective: true, year: ym.year, month: { lt: ym.month } },
      _sum: { monthWan: true },
    }),
    // The unit's own input (its submissions included), not the official 已审核 figures.
    projectProgressAsOf(db, plan.id, ym, projects.map((p) => p.id), { basis: "submitted" }),
  ]);
  const reportableIds = new Set(reportable.map((p) => p.id));
  const byProject = new Map<number, typeof revisions>();
  for (const r of revisions) byProject.set(r.projectId, [...(byProject.get(r.projectId) ?? []), r]);
  const earlierBy = new Map(earlier.map((r) => [r.projectId, r]));
  const beforeBy = new Map(before.map((b) => [b.projectId, b._sum.monthWan?.toFixed() ?? "0"]));
  const canWrite = lock?.state !== "CLOSED" && (can(actor, "progress.report.any") || can(actor, "progress.report.own"));

  const rows = projects.map((p): SheetRow => {
    const reportedIn = elsewhere.get(p.id) ?? null;
    const revs = byProject.get(reportingId(p.id)) ?? [];
    const latest = revs[0] ?? null;
    const reported = revs.find((r) => r !== latest && (r.status === "APPROVED" || r.status === "SUBMITTED")) ?? null;
    const carried = earlierBy.get(reportingId(p.id));
    return {
      projectId: p.id,
      seq: p.seq,
      name: p.name,
      domain: p.domain.name,
      units: p.units.map((u) => u.unit.name).join("、"),
      state: latest?.status ?? "NONE",
      latest: latest && {
        id: latest.id,
        revision: latest.revision,
        version: latest.version,
        status: latest.status,
        monthWan: latest.monthWan.toFixed(),
        physicalProgress: latest.physicalProgress,
        construction: latest.construction,
        actualStart: day(latest.actualStart),
        actualCompletion: day(latest.actualCompletion),
        savedAt: latest.savedAt.toISOString(),
        submittedAt: latest.submittedAt?.toISOString() ?? null,
        reviewedAt: latest.reviewedAt?.toISOString() ?? null,
        reviewComment: latest.reviewComment,
        reviewerName: latest.reviewedBy?.name ?? null,
      },
      previousReported: reported && { revision: reported.revision, monthWan: reported.monthWan.toFixed(), status: reported.status },
      yearToDateBeforeWan: beforeBy.get(reportingId(p.id)) ?? "0",
      carry: carried
        ? {
            physicalProgress: carried.physicalProgress,
            construction: carried.construction,
            actualStart: day(carried.actualStart),
            actualCompletion: day(carried.actualCompletion),
          }
        : null,
      figures: figures.get(p.id) ?? null,
      proposedAnnualWan: p.annualPlans[0]?.proposedWan?.toFixed() ?? null,
      openIssues: p._count.coordination,
      canReport: canWrite && reportableIds.has(p.id) && !reportedIn,
      reportedIn,
      finished: carried?.construction === "COMPLETED" && !latest,
    };
  });
  return {
    plan: {
      code: plan.code,
      name: plan.name,
      startYear: plan.startYear,
      endYear: plan.endYear,
      reportDeadlineDay: plan.reportDeadlineDay,
      yellowLagPoints: plan.yellowLagPoints,
      redLagPoints: plan.redLagPoints,
    },
    month: ym,
    // The month's lights: a closed month keeps the thresholds it was closed with.
    thresholds: {
      yellowLagPoints: (lock?.state === "CLOSED" ? lock.yellowLagPoints : null) ?? plan.yellowLagPoints,
      redLagPoints: (lock?.state === "CLOSED" ? lock.redLagPoints : null) ?? plan.redLagPoints,
    },
    deadline: deadlineDate(ym, plan.reportDeadlineDay),
    locked: lock?.state === "CLOSED" ? { at: lock.lockedAt.toISOString(), by: lock.lockedBy.name } : null,
    rows,
  };
}
