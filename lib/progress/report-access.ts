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

/** The live projects of the plan with these ids that the actor may report on; 404/403 naming the first that is not. */
export async function loadReportableProjects(tx: Tx, actor: Actor, planId: number, projectIds: number[]) {
  const projects = await tx.project.findMany({
    where: { id: { in: projectIds }, planId, deletedAt: null, ...reportableScope(actor) },
    select: { id: true, seq: true, name: true },
  });
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
