import type { Metadata } from "next";
import { PlanSectionNav } from "@/components/layout/PlanSectionNav";
import { prisma } from "@/lib/db/client";
import { planTableName } from "@/lib/plans/page-title";

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const { code } = await params;
  const plan = await prisma().plan.findUnique({ where: { code: decodeURIComponent(code) }, select: { name: true } });
  const table = plan ? planTableName(plan.name) : "重大项目表";
  return { title: { template: `%s · ${table}`, default: table } };
}

/** Every page of a plan: breadcrumbs and the plan's sections above it. */
export default async function PlanLayout({ children, params }: { children: React.ReactNode; params: Promise<{ code: string }> }) {
  const { code } = await params;
  const plan = await prisma().plan.findUnique({ where: { code: decodeURIComponent(code) }, select: { code: true, name: true } });
  return (
    <>
      {plan && <PlanSectionNav code={plan.code} name={plan.name} />}
      {children}
    </>
  );
}
