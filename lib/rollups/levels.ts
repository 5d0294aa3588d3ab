// Plans come in levels (province 330000 → city 330300 → county 330381): a
// county's project is reported up into the city's list, the biggest into the
// province's. A rollup “含下级规划” takes a plan's own projects and those of
// the plans of the regions below it, and counts each project once, keyed by
// its 项目代码 (lib/projects/project-code.ts): of the rows sharing a code the
// one of the highest plan counts (the plan's own row first), the others are
// merged into it; a project without a code counts as itself.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { readableProjectsSql, readablePlansScope, type ReadScope } from "@/lib/auth/scope";

export const LEVELS = ["own", "all"] as const;
export type Levels = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Levels, string> = { own: "本级规划", all: "含下级规划" };

/** The plans a rollup “含下级” reads: the plan, then the plans of the regions below it, higher levels first. */
export type PlanLevels = { planId: number | null; topRegionId: number | null; regionOrder: number[]; planIds: number[] };

/** The region tree below the plan's region (all of it for every plan together), in breadth-first order: higher levels first. */
export async function planLevels(db: Pick<PrismaClient, "region" | "plan">, plan: { id: number; regionId: number } | null): Promise<PlanLevels> {
  const regions = await db.region.findMany({ select: { id: true, parentId: true } });
  const children = new Map<number | null, number[]>();
  for (const r of regions) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const order: number[] = [];
  const queue = plan ? [plan.regionId] : [...(children.get(null) ?? [])];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  const below = plan ? order.filter((id) => id !== plan.regionId) : order;
  // The plans read: the plan itself and every plan of a region below (levelProjectsSql's own test).
  const plans = await db.plan.findMany({ where: { OR: [...(plan ? [{ id: plan.id }] : []), { regionId: { in: below } }] }, select: { id: true } });
  return { planId: plan?.id ?? null, topRegionId: plan?.regionId ?? null, regionOrder: order, planIds: plans.map((p) => p.id) };
}

/**
 * The ids of the projects a rollup “含下级” counts, one per project: the
 * plan's own live projects and those of the plans of the regions strictly
 * below it (every plan, without a plan), each code once — the row of the
 * plan itself, else of the highest level, else the first plan — among the
 * rows the reader reads (so that a county's own row counts for it where the
 * city's row of the same code is not one it reads).
 */
export function levelProjectsSql(levels: PlanLevels, scope: ReadScope = null): Prisma.Sql {
  const { planId, topRegionId, regionOrder } = levels;
  const below = topRegionId === null ? regionOrder : regionOrder.filter((id) => id !== topRegionId);
  const plans = planId === null ? Prisma.sql`lpl."regionId" = ANY(${below}::int[])` : Prisma.sql`(lpl.id = ${planId} OR lpl."regionId" = ANY(${below}::int[]))`;
  return Prisma.sql`
    SELECT DISTINCT ON (COALESCE(lp.code, '#' || lp.id)) lp.id
      FROM "Project" lp JOIN "Plan" lpl ON lpl.id = lp."planId"
     WHERE lp."deletedAt" IS NULL AND ${plans} AND ${readableProjectsSql(scope, "lp")}
     ORDER BY COALESCE(lp.code, '#' || lp.id), (lpl.id = ${planId ?? -1}) DESC, array_position(${regionOrder}::int[], lpl."regionId"), lpl.id, lp.id`;
}

/**
 * The county a row counts under “含下级”: a project of a plan below (a
 * county's) that its location does not put in a county or zone (its 全市, 未定)
 * counts in that plan's region; everything else as the plan's own rollup says.
 */
export function levelCountySql(levels: PlanLevels, label: Prisma.Sql): { key: Prisma.Sql; ord: Prisma.Sql; join: Prisma.Sql } {
  const lower = Prisma.sql`(pl."regionId" <> ${levels.topRegionId ?? -1} AND p."locationResolution" NOT IN ('COUNTY', 'FUNCTIONAL_ZONE'))`;
  return {
    key: Prisma.sql`CASE WHEN ${lower} THEN plr.name ELSE ${label} END`,
    ord: Prisma.sql`min(CASE WHEN ${lower} THEN '0' || plr.code WHEN p."locationResolution" = 'COUNTY' THEN '0' || r.code WHEN p."locationResolution" = 'FUNCTIONAL_ZONE' THEN '1' || r.code WHEN p."locationResolution" = 'WHOLE_CITY' THEN '2' WHEN p."locationResolution" = 'UNDECIDED' THEN '3' ELSE '4' END)`,
    join: Prisma.sql`LEFT JOIN "Region" r ON r.id = p."regionId" LEFT JOIN "Region" plr ON plr.id = pl."regionId"`,
  };
}

export type LevelSummary = {
  /** The plans read, the plan itself first, each with how many of its live projects the reader sees. */
  plans: { code: string; name: string; regionName: string; projects: number }[];
  /** Rows read, projects counted, and rows merged into another plan's row of the same code. */
  rows: number;
  projects: number;
  merged: number;
};

/** What a rollup “含下级” reads and how many rows it merged, for the page and the command line to say. */
export async function levelSummary(db: PrismaClient, levels: PlanLevels, scope: ReadScope = null): Promise<LevelSummary> {
  const { planId, topRegionId, regionOrder } = levels;
  const below = topRegionId === null ? regionOrder : regionOrder.filter((id) => id !== topRegionId);
  const plans = await db.plan.findMany({
    where: { AND: [{ OR: [...(planId === null ? [] : [{ id: planId }]), { regionId: { in: below } }] }, readablePlansScope(scope)] },
    select: { id: true, code: true, name: true, regionId: true, region: { select: { name: true } } },
  });
  plans.sort((a, b) => Number(b.id === planId) - Number(a.id === planId) || regionOrder.indexOf(a.regionId) - regionOrder.indexOf(b.regionId) || a.id - b.id);
  const ids = plans.map((p) => p.id);
  const readable = readableProjectsSql(scope);
  const counts = await db.$queryRaw<{ planId: number; n: number }[]>`
    SELECT p."planId", count(*)::int AS n FROM "Project" p
     WHERE p."planId" = ANY(${ids}::int[]) AND p."deletedAt" IS NULL AND ${readable} GROUP BY 1`;
  const [counted] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Project" p WHERE p.id IN (${levelProjectsSql(levels, scope)})`;
  const byPlan = new Map(counts.map((c) => [c.planId, Number(c.n)]));
  const rows = [...byPlan.values()].reduce((a, b) => a + b, 0);
  const projects = Number(counted!.n);
  return {
    plans: plans.map((p) => ({ code: p.code, name: p.name, regionName: p.region.name, projects: byPlan.get(p.id) ?? 0 })),
    rows,
    projects,
    merged: rows - projects,
  };
}
