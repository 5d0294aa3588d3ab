import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The places a plan's project can be put in by hand: the city itself (全市), its counties and functional zones. */
export async function regionOptionsForPlan(db: PrismaClient, planCode: string): Promise<{ value: string; label: string }[]> {
  const plan = await db.plan.findUniqueOrThrow({ where: { code: planCode }, include: { region: { include: { children: { orderBy: { code: "asc" } } } } } });
  return [
    { value: plan.region.code, label: `全市（${plan.region.name}）` },
    ...plan.region.children.map((r) => ({ value: r.code, label: r.kind === "FUNCTIONAL_ZONE" ? `${r.name}（功能区）` : r.name })),
  ];
}
