import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { forbidden, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { readablePlansScope, readableProjectsScope, readsWholePlan, type ReadScope } from "@/lib/auth/scope";

export type PlanSummary = {
  id: number;
  code: string;
  name: string;
  issuer: string;
  startYear: number;
  endYear: number;
  regionName: string;
  projectCount: number;
};

/** The plans the scope sees (lib/auth/scope.ts), each with the number of its live projects the scope reads. */
export async function listPlans(db: PrismaClient, scope: ReadScope = null): Promise<PlanSummary[]> {
  const plans = await db.plan.findMany({
    where: readablePlansScope(scope),
    orderBy: { createdAt: "asc" },
    include: { region: true, _count: { select: { projects: { where: { deletedAt: null, ...readableProjectsScope(scope) } } } } },
  });
  return plans.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    issuer: p.issuer,
    startYear: p.startYear,
    endYear: p.endYear,
    regionName: p.region.name,
    projectCount: p._count.projects,
  }));
}

/**
 * A plan by its code, when the scope sees it; "not found" (404) otherwise, as for
 * a plan that does not exist. `manage`, for what acts on the whole plan (a new
 * project, closing a month, its settings): refused to an account of a region
 * below the plan's, which reads only its own projects in it.
 */
export async function findReadablePlan(db: Prisma.TransactionClient, code: string, scope: Actor | ReadScope, purpose: "read" | "manage" = "read") {
  const plan = await db.plan.findFirst({ where: { code, ...readablePlansScope(scope) } });
  if (!plan) throw notFound(`规划“${code}”`);
  if (purpose === "manage" && !readsWholePlan(scope, plan.regionId)) throw forbidden("这是上级规划：只有其本级或上级发改委可以办理");
  return plan;
}

export async function getPlanWithDomains(db: PrismaClient, code: string, scope: ReadScope = null) {
  const plan = await db.plan.findFirst({
    where: { code, ...readablePlansScope(scope) },
    include: { region: true, domains: { orderBy: { position: "asc" } } },
  });
  if (!plan) throw notFound(`规划“${code}”`);
  return plan;
}
