// Browser tab titles: the most specific first, the plan's table last
// (“瑞安市 · 汇总 · 温州市…规划重大项目表”), so that tabs tell themselves apart.
import { prisma } from "@/lib/db/client";
import { readablePlansScope, readableProjectsScope } from "@/lib/auth/scope";
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

/** A project page's title; the name only for someone who may read the project (lib/auth/scope.ts). */
export async function projectPageTitle(id: number): Promise<string> {
  const actor = await currentActor();
  const project =
    actor && Number.isSafeInteger(id) && id > 0
      ? await prisma().project.findFirst({ where: { id, ...readableProjectsScope(actor) }, select: { name: true, plan: { select: { name: true } } } })
      : null;
  return project ? `${project.name} · ${planTableName(project.plan.name)}` : "项目不存在 · 重大项目管理";
}
