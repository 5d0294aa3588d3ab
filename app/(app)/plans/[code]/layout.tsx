import type { Metadata } from "next";
import { PlanSectionNav } from "@/components/layout/PlanSectionNav";
import { prisma } from "@/lib/db/client";
import { readablePlansScope } from "@/lib/auth/scope";
import { currentActor } from "@/lib/auth/session";
import { planTableName } from "@/lib/plans/page-title";

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const { code } = await params;
  const actor = await currentActor();
  const plan = actor ? await prisma().plan.findFirst({ where: { code: decodeURIComponent(code), ...readablePlansScope(actor) }, select: { name: true } }) : null;
  const table = plan ? planTableName(plan.name) : "重大项目表";
  return { title: { template: `%s · ${table}`, default: table } };
}

/** Every page of a plan: breadcrumbs and the plan's sections above it. */
export default async function PlanLayout({ children, params }: { children: React.ReactNode; params: Promise<{ code: string }> }) {
  const { code } = await params;
  // Outside the reader's regions the plan is not there (each page answers 404 too).
  const actor = await currentActor();
  const plan = actor ? await prisma().plan.findFirst({ where: { code: decodeURIComponent(code), ...readablePlansScope(actor) }, select: { code: true, name: true } }) : null;
  return (
    <>
      {plan && <PlanSectionNav code={plan.code} name={plan.name} />}
      {children}
    </>
  );
}
