// Browser tab titles: the most specific first, the plan's table last
// (“瑞安市 · 汇总 · 温州市…规划重大项目表”), so that tabs tell themselves apart.
import { prisma } from "@/lib/db/client";
import { readablePlansScope } from "@/lib/auth/scope";
import { currentActor } from "@/lib/auth/session";

export function planTableName(planName: string): string {
  return `${planName}重大项目表`;
}

/** The title of a plan's page; an unknown plan (or one outside the reader's regions) gets the parts alone (the page itself answers 404). */
export async function planPageTitle(code: string, ...parts: (string | null | undefined)[]): Promise<string> {
  const actor = await currentActor();
  const plan = actor ? await prisma().plan.findFirst({ where: { code: decodeURIComponent(code), ...readablePlansScope(actor) }, select: { name: true } }) : null;
  return [...parts.filter((p): p is string => !!p), plan ? planTableName(plan.name) : null].filter(Boolean).join(" · ");
}
