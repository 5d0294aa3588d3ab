// Browser tab titles: the most specific first, the plan's table last
// (“瑞安市 · 汇总 · 温州市…规划重大项目表”), so that tabs tell themselves apart.
import { prisma } from "@/lib/db/client";

export function planTableName(planName: string): string {
  return `${planName}重大项目表`;
}

/** The title of a plan's page; an unknown plan gets the parts alone (the page itself answers 404). */
export async function planPageTitle(code: string, ...parts: (string | null | undefined)[]): Promise<string> {
  const plan = await prisma().plan.findUnique({ where: { code: decodeURIComponent(code) }, select: { name: true } });
  return [...parts.filter((p): p is string => !!p), plan ? planTableName(plan.name) : null].filter(Boolean).join(" · ");
}
