// The grid's live figures and the SQL's, on the same inputs: annual plans and
// reports written to a real PostgreSQL, read back through projectProgressAsOf,
// and recomputed by progressRules from the plan and 本年累计 alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/plans/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { refreshCumulative } from "./cumulative";
import { projectProgressAsOf } from "./progress-figures";
import { progressRules } from "./progress-rules";

let db: TestDatabase;
let planId: number;
let projectIds: number[] = [];
let userId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  const plan = await db.prisma.plan.findUniqueOrThrow({ where: { code: "wenzhou-2021" } });
  planId = plan.id;
  projectIds = (await db.prisma.project.findMany({ where: { planId }, orderBy: { seq: "asc" }, select: { id: true } })).map((p) => p.id);
  userId = (await db.prisma.user.findFirstOrThrow({ where: { login: "drc" } })).id;
}, 120_000);
afterAll(() => db.drop());

// Plans and monthly amounts chosen to sit on and around the thresholds (10 and 30 points behind at June:
// 40% and 20% of the plan done), with awkward fractions, zero and missing plans, and ahead of pace.
const PLANS = ["1200", "1200", "1200", "1200", "3", "7", "0", null, "123456.7891", "1", "999999999.9999", "0.0001", "2400"];
const JUNE_YTD = ["480", "240", "239.9999", "480.0001", "1", "2.3333", "5", "5", "98765.4321", "0", "123", "0.0001", "1305008"];

describe("progressRules against the SQL", () => {
  it("gives the same rate, gap and light for every project as of June and as of each month", async () => {
    const year = 2025;
    await db.prisma.annualInvestmentPlan.createMany({
      data: PLANS.map((wan, i) => ({ projectId: projectIds[i]!, year, plannedWan: wan })),
    });
    // June's 本年累计 split over six months: five equal parts and the rest.
    const reports = JUNE_YTD.flatMap((ytd, i) => {
      const part = (Number(ytd) / 7).toFixed(4);
      return [1, 2, 3, 4, 5, 6].map((month) => ({
        projectId: projectIds[i]!,
        year,
        month,
        revision: 1,
        status: "APPROVED" as const,
        effective: true,
        monthWan: month < 6 ? part : (Number(ytd) - 5 * Number(part)).toFixed(4),
        construction: "UNDER_CONSTRUCTION" as const,
        savedById: userId,
      }));
    });
    await db.prisma.progressReport.createMany({ data: reports });
    await refreshCumulative(db.prisma, projectIds);
    await db.prisma.plan.update({ where: { id: planId }, data: { yellowLagPoints: 10, redLagPoints: 30 } });

    let compared = 0;
    for (const month of [1, 3, 6, 9, 12]) {
      const figures = await projectProgressAsOf(db.prisma, planId, { year, month }, projectIds.slice(0, PLANS.length));
      for (const f of figures.values()) {
        const live = progressRules({ annualPlanWan: f.annualPlanWan, yearToDateWan: f.yearToDateWan, month, yellowLagPoints: 10, redLagPoints: 30 });
        expect({ projectId: f.projectId, month, annualRate: live.annualRate, lagPoints: live.lagPoints, light: live.light }).toEqual({
          projectId: f.projectId,
          month,
          annualRate: f.annualRate,
          lagPoints: f.lagPoints,
          light: f.light,
        });
        compared++;
      }
    }
    expect(compared).toBe(PLANS.length * 5);
  });

  it("puts exactly 10 points behind in yellow and exactly 30 in yellow, just over 30 in red (worked out by hand)", () => {
    const rules = (ytd: string) => progressRules({ annualPlanWan: "1200", yearToDateWan: ytd, month: 6, yellowLagPoints: 10, redLagPoints: 30 });
    expect(rules("480")).toEqual({ annualRate: "0.4", lagPoints: "10", light: "YELLOW" });
    expect(rules("480.0001").light).toBe("GREEN");
    expect(rules("240")).toEqual({ annualRate: "0.2", lagPoints: "30", light: "YELLOW" });
    expect(rules("239.9999").light).toBe("RED");
    // 1,610,000 of 2,000,000 in October: 80.5%, 2.8 points behind 83.33%.
    expect(progressRules({ annualPlanWan: "2000000", yearToDateWan: "1610000", month: 10, yellowLagPoints: 10, redLagPoints: 30 })).toEqual({ annualRate: "0.805", lagPoints: "2.8333", light: "GREEN" });
    expect(progressRules({ annualPlanWan: "0", yearToDateWan: "5", month: 6, yellowLagPoints: 10, redLagPoints: 30 })).toEqual({ annualRate: null, lagPoints: null, light: null });
  });
});
