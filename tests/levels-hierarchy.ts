// A small province → city → county hierarchy of its own, for the tests of
// levels and regional accounts: 浙江省 330000 → 温州市 330300 → 瑞安市 330381
// and 乐清市 330382, each with a plan, and projects listed at several levels
// under one 项目代码. The figures the tests expect are worked out by hand from
// this table (万元).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { amountOfWan } from "@/lib/money/amount";
import { createPlan, type AnnexRecord } from "@/lib/plans/create-plan";
import { resolveLocation } from "@/lib/regions/resolve-location";
import { ensureRegions, loadRegionsForResolution } from "@/lib/regions/seed-regions";

type P = { name: string; location: string; total: string; code?: string };

export const HIERARCHY: { code: string; name: string; regionCode: string; projects: P[] }[] = [
  { code: "zj", name: "浙江省测试规划", regionCode: "330000", projects: [{ name: "省瑞安医院", location: "瑞安市", total: "1000", code: "2021-330381-84-01-000001" }] },
  {
    code: "wz",
    name: "温州市测试规划",
    regionCode: "330300",
    projects: [
      { name: "瑞安医院", location: "瑞安市", total: "1000", code: "2021-330381-84-01-000001" },
      { name: "瑞安学校", location: "瑞安", total: "200" },
      { name: "乐清医院", location: "乐清市", total: "300", code: "2021-330382-84-01-000003" },
      { name: "全市工程", location: "全市", total: "50" },
    ],
  },
  {
    code: "ra",
    name: "瑞安市测试规划",
    regionCode: "330381",
    projects: [
      { name: "瑞安医院（县）", location: "瑞安市", total: "1000", code: "2021-330381-84-01-000001" },
      { name: "瑞安公园", location: "瑞安市", total: "70", code: "2021-330381-78-01-000004" },
    ],
  },
  {
    code: "yq",
    name: "乐清市测试规划",
    regionCode: "330382",
    projects: [
      { name: "乐清医院（县）", location: "乐清市", total: "300", code: "2021-330382-84-01-000003" },
      { name: "乐清码头", location: "乐清市", total: "900" },
    ],
  },
];

export async function buildHierarchy(db: PrismaClient): Promise<void> {
  await ensureRegions(db);
  const regions = await loadRegionsForResolution(db);
  for (const plan of HIERARCHY) {
    const records: AnnexRecord[] = plan.projects.map((p, i) => ({
      seq: i + 1,
      domain: "一、社会事业",
      name: p.name,
      type: "新建",
      periodText: "2021-2025",
      periodStart: 2021,
      periodEnd: 2025,
      locationText: p.location,
      location: resolveLocation(p.location, regions, plan.regionCode),
      content: "",
      total: amountOfWan(p.total),
      fyp: amountOfWan(p.total),
      unitNames: ["测试单位"],
    }));
    await db.$transaction((tx) => createPlan(tx, { code: plan.code, name: plan.name, issuer: "测试", startYear: 2021, endYear: 2025, regionCode: plan.regionCode }, records));
    for (const p of plan.projects) if (p.code) await db.project.updateMany({ where: { plan: { code: plan.code }, name: p.name }, data: { code: p.code } });
  }
}
