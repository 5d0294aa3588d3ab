import type { PrismaClient } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";

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

export async function listPlans(db: PrismaClient): Promise<PlanSummary[]> {
  const plans = await db.plan.findMany({
    orderBy: { createdAt: "asc" },
    include: { region: true, _count: { select: { projects: { where: { deletedAt: null } } } } },
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

export async function getPlanWithDomains(db: PrismaClient, code: string) {
  const plan = await db.plan.findUnique({
    where: { code },
    include: { region: true, domains: { orderBy: { position: "asc" } } },
  });
  if (!plan) throw notFound(`规划“${code}”`);
  return plan;
}
