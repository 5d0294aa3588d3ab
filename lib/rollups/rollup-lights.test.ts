// The traffic lights of a rollup at their edges: exactly 10 points behind
// 序时进度 is yellow, a ten-thousandth of a 万元 less behind is green, exactly
// 30 is still yellow and a ten-thousandth more is red — whether the month's
// own report carries the figures or an earlier one does, for one plan and for
// every plan together (each under its own thresholds). Expected counts are
// worked out here by hand, not by the application.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshCumulative } from "@/lib/progress/cumulative";
import { projectProgressAsOf } from "@/lib/progress/progress-figures";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { rollup } from "./rollups";

const JUNE = { year: 2025, month: 6 }; // 序时进度 50 %
const UNIT = "边界测试单位";

// Annual plan 1200 万元 each (none for 无计划); 本年累计 as of June from a June report, or from May's only.
// 序时进度 − rate, in points: 480 → exactly 10 behind; 240 → exactly 30; 540 → exactly 5; 360 → exactly 20.
const PROJECTS = [
  { plan: "edge-1", name: "恰好落后10个百分点", ytd: "480", month: 6, light: "YELLOW" },
  { plan: "edge-1", name: "差一点落后10个百分点", ytd: "480.0001", month: 6, light: "GREEN" },
  { plan: "edge-1", name: "恰好落后30个百分点", ytd: "240", month: 6, light: "YELLOW" },
  { plan: "edge-1", name: "落后略多于30个百分点", ytd: "239.9999", month: 6, light: "RED" },
  { plan: "edge-1", name: "五月报送、恰好落后10个百分点", ytd: "480", month: 5, light: "YELLOW" },
  { plan: "edge-1", name: "五月报送、落后略多于30个百分点", ytd: "239.9999", month: 5, light: "RED" },
  { plan: "edge-1", name: "无计划", ytd: "100", month: 6, light: null },
  // Thresholds 5 and 20 in this plan.
  { plan: "edge-2", name: "恰好落后5个百分点", ytd: "540", month: 6, light: "YELLOW" },
  { plan: "edge-2", name: "恰好落后20个百分点", ytd: "360", month: 5, light: "YELLOW" },
  { plan: "edge-2", name: "落后略多于20个百分点", ytd: "359.9999", month: 6, light: "RED" },
] as const;

let db: TestDatabase;
const projectIds = new Map<string, number>();

beforeAll(async () => {
  db = await createTestDatabase();
  const prisma = db.prisma;
  const city = await prisma.region.findUniqueOrThrow({ where: { code: "330300" } });
  const user = await prisma.user.create({ data: { login: "edge", name: "边界", passwordHash: "x", role: "REVIEWER" } });
  const unit = await prisma.unit.create({ data: { name: UNIT, aliases: [] } });
  for (const [code, yellow, red] of [["edge-1", 10, 30], ["edge-2", 5, 20]] as const) {
    const plan = await prisma.plan.create({
      data: { code, name: code, issuer: "测试", startYear: 2021, endYear: 2025, regionId: city.id, yellowLagPoints: yellow, redLagPoints: red },
    });
    const domain = await prisma.domain.create({ data: { planId: plan.id, name: "教育", position: 1 } });
    for (const [i, p] of PROJECTS.filter((p) => p.plan === code).entries()) {
      const project = await prisma.project.create({
        data: {
          planId: plan.id,
          domainId: domain.id,
          seq: i + 1,
          name: p.name,
          type: "新建",
          periodText: "2021-2025",
          periodStart: 2021,
          periodEnd: 2025,
          locationText: "全市",
          locationResolution: "WHOLE_CITY",
          locationRule: "全市",
          content: "",
          totalState: "VALUE",
          totalWan: "5000",
          fypState: "VALUE",
          fypWan: "5000",
          units: { create: { unitId: unit.id, position: 1, isLead: true, publishedName: UNIT } },
        },
      });
      projectIds.set(p.name, project.id);
      if (p.light !== null) await prisma.annualInvestmentPlan.create({ data: { projectId: project.id, year: 2025, plannedWan: "1200" } });
      await prisma.progressReport.create({
        data: { projectId: project.id, year: 2025, month: p.month, revision: 1, status: "APPROVED", effective: true, monthWan: p.ytd, construction: "UNDER_CONSTRUCTION", savedById: user.id },
      });
    }
  }
  await refreshCumulative(prisma, null);
});
afterAll(() => db.drop());

const count = (plan: string | null, light: string) => PROJECTS.filter((p) => (plan === null || p.plan === plan) && p.light === light).length;

describe("a rollup's traffic lights at the thresholds", () => {
  for (const by of ["unit", "domain"] as const) {
    it(`one plan, by ${by}`, async () => {
      const [row] = await rollup(db.prisma, "edge-1", by, { asOf: JUNE });
      expect([row!.progress!.red, row!.progress!.yellow, row!.progress!.green]).toEqual([count("edge-1", "RED"), count("edge-1", "YELLOW"), count("edge-1", "GREEN")]);
      expect(row!.progress!.plannedProjects).toBe(6);
    });
  }

  it("every plan together, each under its own thresholds", async () => {
    const rows = await rollup(db.prisma, null, "unit", { asOf: JUNE });
    expect(rows.map((r) => r.key)).toEqual([UNIT]);
    const { red, yellow, green, plannedProjects } = rows[0]!.progress!;
    expect([red, yellow, green]).toEqual([count(null, "RED"), count(null, "YELLOW"), count(null, "GREEN")]);
    expect([red, yellow, green]).toEqual([3, 5, 1]);
    expect(plannedProjects).toBe(9);
  });

  it("agrees with the light each project shows in the grid", async () => {
    for (const code of ["edge-1", "edge-2"]) {
      const plan = await db.prisma.plan.findUniqueOrThrow({ where: { code } });
      const figures = await projectProgressAsOf(db.prisma, plan.id, JUNE);
      for (const p of PROJECTS.filter((p) => p.plan === code)) expect([p.name, figures.get(projectIds.get(p.name)!)!.light]).toEqual([p.name, p.light]);
    }
  });
});
