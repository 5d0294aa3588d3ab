// 年度计划投资: the DRC sets each project's figure for a year; a unit may
// propose one for its own projects first, which the DRC sees beside it.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { assertAnyPermission, can, type Actor } from "@/lib/auth/actor";
import { loadReportableProjects, loadPlan } from "./report-access";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import { z } from "@/lib/validation/zod";
import { annualPlanSchema, type AnnualPlanInput } from "./progress-input";

export type AnnualPlanRow = {
  projectId: number;
  seq: number;
  name: string;
  units: string;
  fypState: string;
  fypWan: string | null;
  plannedWan: string | null;
  proposedWan: string | null;
};

export async function listAnnualPlans(db: PrismaClient, planCode: string, year: number): Promise<AnnualPlanRow[]> {
  const plan = await loadPlan(db, planCode);
  const projects = await db.project.findMany({
    where: { planId: plan.id, deletedAt: null },
    orderBy: { seq: "asc" },
    select: {
      id: true,
      seq: true,
      name: true,
      fypState: true,
      fypWan: true,
      units: { orderBy: { position: "asc" }, select: { unit: { select: { name: true } } } },
      annualPlans: { where: { year } },
    },
  });
  return projects.map((p) => ({
    projectId: p.id,
    seq: p.seq,
    name: p.name,
    units: p.units.map((u) => u.unit.name).join("、"),
    fypState: p.fypState,
    fypWan: p.fypWan?.toFixed() ?? null,
    plannedWan: p.annualPlans[0]?.plannedWan?.toFixed() ?? null,
    proposedWan: p.annualPlans[0]?.proposedWan?.toFixed() ?? null,
  }));
}

/** The DRC sets the figures (the plan); a unit's call records them as its proposal on its own projects. */
export async function saveAnnualPlans(tx: Tx, actor: Actor, planCode: string, input: AnnualPlanInput, now: Date) {
  const setting = can(actor, "annual-plan.set");
  assertAnyPermission(actor, "annual-plan.set", "annual-plan.propose");
  const plan = await loadPlan(tx, planCode);
  if (input.year < plan.startYear) throw new AppError("invalid_input", `${input.year} 年早于规划起始年份 ${plan.startYear} 年`);
  const ids = input.entries.map((e) => e.projectId);
  if (setting) {
    const found = await tx.project.count({ where: { id: { in: ids }, planId: plan.id, deletedAt: null } });
    if (found !== new Set(ids).size) throw new AppError("not_found", "部分项目不存在或已被删除");
  } else {
    await loadReportableProjects(tx, actor, plan.id, ids);
  }
  for (const { projectId, wan } of input.entries) {
    const data = setting
      ? { plannedWan: wan, setById: actor.userId, setAt: now }
      : { proposedWan: wan, proposedById: actor.userId, proposedAt: now };
    await tx.annualInvestmentPlan.upsert({
      where: { projectId_year: { projectId, year: input.year } },
      create: { projectId, year: input.year, ...data },
      update: data,
    });
  }
  return { saved: input.entries.length, as: setting ? "plan" : "proposal" };
}

/** The DRC sets 年度计划投资; a unit's figures are stored as its proposal. */
export const saveAnnualPlansMutation = defineMutation({
  name: "annual-plan.save",
  permission: ["annual-plan.set", "annual-plan.propose"],
  schema: z.object({ planCode: z.string().min(1).max(100), plans: annualPlanSchema }),
  run: (tx, actor, input, ctx) => saveAnnualPlans(tx, actor, input.planCode, input.plans, ctx.now),
  audit: (input) => ({ target: { type: "Plan", id: input.planCode } }),
});
