// Who may report on which project, and whether a month is open: written into
// the queries and checks every progress mutation goes through.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { readableProjectsScope, reportableScope, type ReadScope } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import { compareMonths, currentMonth, monthLabel, type YearMonth } from "./reporting-calendar";
import { holdMonthOpen } from "./month-closing";

type Tx = Prisma.TransactionClient;

export const NOT_YOUR_PROJECT_REPORT = "只能填报本单位作为实施单位的项目";

/** Where a project row's monthly progress is reported: its reporting row (lib/progress/progress-figures.ts, reportingRowSql). */
export type ReportedIn = { projectId: number; planCode: string; planName: string };

/** “该项目（代码 …）的月度进度在《…》中填报”: the refusal of a report on a row that reads another row's reports. */
export function reportedElsewhereMessage(project: { name: string; code: string | null }, where: ReportedIn): string {
  return `《${project.name}》（项目代码 ${project.code ?? "—"}）的月度进度在《${where.planName}》中填报，本规划直接引用，请到该规划填报`;
}

/** For rows reading another row's reports: where they are reported, keyed by the row's id. */
export async function reportedElsewhere(db: Tx | PrismaClient, projectIds: number[]): Promise<Map<number, ReportedIn>> {
  const rows = await db.project.findMany({
    where: { id: { in: projectIds }, reportingProjectId: { not: null } },
    select: { id: true, reportingProjectId: true },
  });
  if (!rows.length) return new Map();
  const targets = await db.project.findMany({
    where: { id: { in: rows.map((r) => r.reportingProjectId!) } },
    select: { id: true, plan: { select: { code: true, name: true } } },
  });
  const planOf = new Map(targets.map((t) => [t.id, t.plan]));
  return new Map(
    rows.flatMap((r) => {
      const plan = planOf.get(r.reportingProjectId!);
      return plan ? [[r.id, { projectId: r.reportingProjectId!, planCode: plan.code, planName: plan.name }] as const] : [];
    }),
  );
}

/**
 * The live projects of the plan with these ids that the actor may report on;
 * 404/403 naming the first that is not. A row whose code a lower plan lists
 * too is reported there, once (its reporting row): writing a report (or
 * proposing an annual plan) on it here is refused, naming that plan.
 */
export async function loadReportableProjects(tx: Tx, actor: Actor, planId: number, projectIds: number[]) {
  const projects = await tx.project.findMany({
    where: { id: { in: projectIds }, planId, deletedAt: null, ...reportableScope(actor) },
    select: { id: true, seq: true, name: true, code: true, reportingProjectId: true },
  });
  const elsewhere = projects.find((p) => p.reportingProjectId !== null);
  if (elsewhere) {
    const where = (await reportedElsewhere(tx, [elsewhere.id])).get(elsewhere.id);
    if (where) throw new AppError("invalid_input", reportedElsewhereMessage(elsewhere, where), { reportedIn: where });
  }
  if (projects.length !== new Set(projectIds).size) {
    const found = new Set(projects.map((p) => p.id));
    const missing = projectIds.find((id) => !found.has(id))!;
    const exists = await tx.project.findFirst({ where: { id: missing, planId, deletedAt: null, ...readableProjectsScope(actor) }, select: { name: true } });
    if (!exists) throw notFound("项目");
    throw forbidden(`${NOT_YOUR_PROJECT_REPORT}：《${exists.name}》不是本单位的项目`);
  }
  return new Map(projects.map((p) => [p.id, p]));
}

/**
 * The plan as the actor sees it: "not found" outside its regions (lib/auth/scope.ts).
 * `manage`, for what acts on the whole plan (closing a month, its settings): refused
 * to an account of a region below the plan's, which reads only its own projects in it.
 */
export async function loadPlan(tx: Tx | PrismaClient, planCode: string, actor: Actor | ReadScope, purpose: "read" | "manage" = "read") {
  return findReadablePlan(tx, planCode, actor, purpose);
}

/**
 * A month can be written to when it has begun, is not before the plan, and
 * the DRC has not closed it; it stays open (closing waits) until the
 * transaction ends.
 */
export async function assertMonthOpen(tx: Tx, plan: { id: number; startYear: number }, ym: YearMonth, now: Date): Promise<void> {
  if (ym.year < plan.startYear) throw new AppError("invalid_input", `${monthLabel(ym)}早于规划起始年份 ${plan.startYear} 年`);
  if (compareMonths(ym, currentMonth(now)) > 0) throw new AppError("invalid_input", `${monthLabel(ym)}尚未开始，不能填报`);
  if (await holdMonthOpen(tx, plan.id, ym)) throw new AppError("conflict", `${monthLabel(ym)}已由发改委关账，不能再修改；如需更正，请联系发改委`);
}
