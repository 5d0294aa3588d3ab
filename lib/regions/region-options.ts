import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The places a plan's project can be put in by hand: the city itself (全市), its counties and functional zones. */
export async function regionOptionsForPlan(db: PrismaClient, planCode: string): Promise<{ value: string; label: string }[]> {
  const plan = await db.plan.findUniqueOrThrow({ where: { code: planCode }, include: { region: { include: { children: { orderBy: { code: "asc" } } } } } });
  // The official order: counties by GB/T 2260 code, then the functional zones (whose codes would sort first), 全市 last.
  const counties = plan.region.children.filter((r) => r.kind !== "FUNCTIONAL_ZONE");
  const zones = plan.region.children.filter((r) => r.kind === "FUNCTIONAL_ZONE");
  return [
    ...counties.map((r) => ({ value: r.code, label: r.name })),
    ...zones.map((r) => ({ value: r.code, label: `${r.name}（功能区）` })),
    { value: plan.region.code, label: `全市（${plan.region.name}）` },
  ];
}
