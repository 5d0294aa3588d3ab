// 年度计划投资: the DRC sets each project's figure for a year; a unit may
// propose one for its own projects first, which the DRC sees beside it.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { assertAnyPermission, can, type Actor } from "@/lib/auth/actor";
import { readableProjectsScope, type ReadScope } from "@/lib/auth/scope";
import { loadReportableProjects, loadPlan, reportedElsewhere, reportedElsewhereMessage, type ReportedIn } from "./report-access";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import { lastClosedMonthOfYear } from "./month-closing";
import { z } from "@/lib/validation/zod";
import { annualPlanSchema, type AnnualPlanInput } from "./progress-input";

export type AnnualPlanRow = {
  projectId: number;
  seq: number;
  name: string;
  units: string;
  fypState: string;
  fypWan: string | null;
  /** The plan as it stands now (its newest revision). */
  plannedWan: string | null;
  /** The month the newest revision counts from (1: the whole year). */
  fromMonth: number;
  proposedWan: string | null;
  /**
   * A project a lower plan lists too (same 项目代码) has one annual plan, set where it is
   * reported: the figures here are that row's, read-only in this plan.
   */
  reportedIn: ReportedIn | null;
};

export async function listAnnualPlans(db: PrismaClient, planCode: string, year: number, scope: ReadScope = null): Promise<AnnualPlanRow[]> {
  const plan = await loadPlan(db, planCode, scope);
  const projects = await db.project.findMany({
    where: { planId: plan.id, deletedAt: null, ...readableProjectsScope(scope) },
    orderBy: { seq: "asc" },
    select: {
      id: true,
      seq: true,
      name: true,
      fypState: true,
      fypWan: true,
      units: { orderBy: { position: "asc" }, select: { unit: { select: { name: true } } } },
      annualPlans: { where: { year }, orderBy: { fromMonth: "asc" } },
    },
  });
  const elsewhere = await reportedElsewhere(db, projects.map((p) => p.id));
  const theirs = new Map<number, typeof projects[number]["annualPlans"]>();
  if (elsewhere.size) {
    const plans = await db.annualInvestmentPlan.findMany({ where: { projectId: { in: [...elsewhere.values()].map((e) => e.projectId) }, year }, orderBy: { fromMonth: "asc" } });
    for (const a of plans) theirs.set(a.projectId, [...(theirs.get(a.projectId) ?? []), a]);
  }
  return projects.map((p) => {
    const reportedIn = elsewhere.get(p.id) ?? null;
    const annualPlans = reportedIn ? (theirs.get(reportedIn.projectId) ?? []) : p.annualPlans;
    return {
    projectId: p.id,
    seq: p.seq,
    name: p.name,
    units: p.units.map((u) => u.unit.name).join("、"),
    fypState: p.fypState,
    fypWan: p.fypWan?.toFixed() ?? null,
    plannedWan: annualPlans.at(-1)?.plannedWan?.toFixed() ?? null,
    fromMonth: annualPlans.at(-1)?.fromMonth ?? 1,
    proposedWan: annualPlans.find((a) => a.fromMonth === 1)?.proposedWan?.toFixed() ?? null,
    reportedIn,
    };
  });
}

/**
 * The DRC sets the figures (the plan); a unit's call records them as its
 * proposal on its own projects. Once months of the year are closed, the DRC's
 * figure is a new revision from the month after the last closed one: the
 * closed months keep the plan they were closed with.
 */
export async function saveAnnualPlans(tx: Tx, actor: Actor, planCode: string, input: AnnualPlanInput, now: Date) {
  const setting = can(actor, "annual-plan.set");
  assertAnyPermission(actor, "annual-plan.set", "annual-plan.propose");
  const plan = await loadPlan(tx, planCode, actor);
  if (input.year < plan.startYear) throw new AppError("invalid_input", `${input.year} 年早于规划起始年份 ${plan.startYear} 年`);
  const ids = input.entries.map((e) => e.projectId);
  if (setting) {
    const found = await tx.project.findMany({ where: { id: { in: ids }, planId: plan.id, deletedAt: null, ...readableProjectsScope(actor) }, select: { id: true, name: true, code: true } });
    if (found.length !== new Set(ids).size) throw new AppError("not_found", "部分项目不存在或已被删除");
    // One annual plan a project, set in the plan where it is reported (the figures of every plan listing it read it).
    const elsewhere = await reportedElsewhere(tx, ids);
    const copy = found.find((p) => elsewhere.has(p.id));
    if (copy) throw new AppError("invalid_input", reportedElsewhereMessage(copy, elsewhere.get(copy.id)!).replace("的月度进度在", "的月度进度和年度计划在"), { reportedIn: elsewhere.get(copy.id) });
  } else {
    await loadReportableProjects(tx, actor, plan.id, ids);
  }
  const lastClosed = setting ? await lastClosedMonthOfYear(tx, plan.id, input.year) : 0;
  if (lastClosed === 12) throw new AppError("conflict", `${input.year} 年 12 个月均已关账，年度计划不能再修改；如需更正，请先重新开放 12 月`);
  const fromMonth = lastClosed + 1;
  for (const { projectId, wan } of input.entries) {
    const data = setting
      ? { plannedWan: wan, setById: actor.userId, setAt: now }
      : { proposedWan: wan, proposedById: actor.userId, proposedAt: now };
    const at = setting ? fromMonth : 1;
    // A plan set from month F replaces any revision from a later (open) month.
    if (setting) await tx.annualInvestmentPlan.deleteMany({ where: { projectId, year: input.year, fromMonth: { gt: at } } });
    await tx.annualInvestmentPlan.upsert({
      where: { projectId_year_fromMonth: { projectId, year: input.year, fromMonth: at } },
      create: { projectId, year: input.year, fromMonth: at, ...data },
      update: data,
    });
  }
  return { saved: input.entries.length, as: setting ? "plan" : "proposal", fromMonth };
}

/** The DRC sets 年度计划投资; a unit's figures are stored as its proposal. */
export const saveAnnualPlansMutation = defineMutation({
  name: "annual-plan.save",
  permission: ["annual-plan.set", "annual-plan.propose"],
  schema: z.object({ planCode: z.string().min(1).max(100), plans: annualPlanSchema }),
  run: (tx, actor, input, ctx) => saveAnnualPlans(tx, actor, input.planCode, input.plans, ctx.now),
  audit: (input) => ({ target: { type: "Plan", id: input.planCode } }),
});
