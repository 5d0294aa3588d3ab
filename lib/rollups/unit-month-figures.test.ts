// The summary behind the rollup by unit says what the live rollup says, after
// every kind of change it depends on, for every month asked, one plan and
// every plan — and a change committed while a refresh runs is not lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/plans/demo-data";
import { refreshCumulative } from "@/lib/progress/cumulative";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { rollup } from "./rollups";
import { freshUnitMonthFigures } from "./unit-month-figures";

const MONTHS = [
  { year: 2021, month: 1 },
  { year: 2022, month: 12 },
  { year: 2024, month: 6 },
  { year: 2025, month: 3 },
  { year: 2025, month: 6 },
  { year: 2025, month: 12 },
];

let db: TestDatabase;
let userId: number;
let projectIds: number[];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  const prisma = db.prisma;
  userId = (await prisma.user.findFirstOrThrow({ where: { role: "REVIEWER" } })).id;
  projectIds = (await prisma.project.findMany({ where: { plan: { code: "wenzhou-2021" } }, orderBy: { seq: "asc" }, select: { id: true } })).map((p) => p.id);
  // Reports for most projects, some months missing (so that "as of" reaches back), annual plans for some.
  await prisma.$executeRaw`
    INSERT INTO "ProgressReport" ("projectId", year, month, revision, status, effective, "monthWan", construction, "savedById")
    SELECT p.id, y, m, 1, 'APPROVED', true, ((p.id * 7 + y * 3 + m) % 50) + 0.5,
           CASE WHEN (p.id + m) % 5 = 0 THEN 'PREPARATION' ELSE 'UNDER_CONSTRUCTION' END::"ConstructionStatus", ${userId}
      FROM unnest(${projectIds}::int[]) p(id), generate_series(2021, 2025) y, generate_series(1, 12) m
     WHERE p.id % 4 <> 0 AND (p.id + m) % 3 <> 0`;
  await prisma.$executeRaw`
    INSERT INTO "AnnualInvestmentPlan" ("projectId", year, "plannedWan")
    SELECT p.id, y, ((p.id * 13 + y) % 400) + 100
      FROM unnest(${projectIds}::int[]) p(id), generate_series(2021, 2025) y
     WHERE p.id % 3 <> 0`;
  await refreshCumulative(prisma, null);
});
afterAll(() => db.drop());

async function expectSummaryEqualsLive(what: string) {
  for (const basis of ["approved", "submitted"] as const) {
    for (const plan of ["wenzhou-2021", null]) {
      for (const asOf of MONTHS) {
        const [fromSummary, live] = [await rollup(db.prisma, plan, "unit", { asOf, basis }), await rollup(db.prisma, plan, "unit", { asOf, basis, live: true })];
        expect(fromSummary, `${what}: ${basis} ${plan ?? "全部规划"} ${asOf.year}-${asOf.month}`).toEqual(live);
      }
    }
  }
  expect(await db.prisma.unitMonthFiguresStale.count()).toBe(0);
}

describe("the rollup by unit from its summary", () => {
  it("equals the live rollup after reports, annual plans and project edits", async () => {
    const prisma = db.prisma;
    await expectSummaryEqualsLive("seeded");
    const live = await rollup(prisma, "wenzhou-2021", "unit", { asOf: { year: 2025, month: 6 }, live: true });
    expect(live.some((r) => r.progress!.red + r.progress!.yellow > 0)).toBe(true);

    // A new revision becomes the effective one; a report withdrawn.
    const [a, b, c, d] = projectIds.filter((id) => id % 4 !== 0);
    await prisma.progressReport.updateMany({ where: { projectId: a, year: 2025, month: 5 }, data: { effective: false } });
    await prisma.progressReport.create({ data: { projectId: a!, year: 2025, month: 5, revision: 2, status: "APPROVED", effective: true, monthWan: "987.6543", construction: "COMPLETED", savedById: userId } });
    await prisma.progressReport.deleteMany({ where: { projectId: b, year: 2025, month: { gte: 4 } } });
    await refreshCumulative(prisma, [a!, b!]);
    await expectSummaryEqualsLive("reports");

    await prisma.annualInvestmentPlan.updateMany({ where: { projectId: c, year: 2025 }, data: { plannedWan: "0" } });
    await prisma.annualInvestmentPlan.upsert({ where: { projectId_year_fromMonth: { projectId: d!, year: 2025, fromMonth: 1 } }, update: { plannedWan: "77.7" }, create: { projectId: d!, year: 2025, plannedWan: "77.7" } });
    await expectSummaryEqualsLive("annual plans");

    await prisma.project.update({ where: { id: c }, data: { totalState: "PENDING", totalWan: null, fypWan: "1.2345", periodStart: 2025 } });
    await prisma.project.update({ where: { id: d }, data: { deletedAt: new Date() } });
    await expectSummaryEqualsLive("project edits and a deletion");
    await prisma.project.update({ where: { id: d }, data: { deletedAt: null } });
    await expectSummaryEqualsLive("a restored project");
  });

  it("follows a project's units and a plan's thresholds", async () => {
    const prisma = db.prisma;
    const [a, b] = projectIds;
    const unit = await prisma.unit.create({ data: { name: "汇总测试新单位", aliases: [] } });
    const old = await prisma.projectUnit.findFirstOrThrow({ where: { projectId: a } });
    await prisma.projectUnit.delete({ where: { projectId_unitId: { projectId: a!, unitId: old.unitId } } });
    await prisma.projectUnit.create({ data: { projectId: a!, unitId: unit.id, position: 9, publishedName: unit.name } });
    await prisma.projectUnit.create({ data: { projectId: b!, unitId: unit.id, position: 9, publishedName: unit.name } });
    await expectSummaryEqualsLive("units");
    expect((await rollup(prisma, "wenzhou-2021", "unit", { asOf: { year: 2025, month: 6 } })).find((r) => r.key === unit.name)?.projects).toBe(2);

    await prisma.plan.update({ where: { code: "wenzhou-2021" }, data: { yellowLagPoints: 1, redLagPoints: 60 } });
    await expectSummaryEqualsLive("thresholds");
  });

  it("keeps a change committed while a refresh runs", async () => {
    const prisma = db.prisma;
    const id = projectIds.find((p) => p % 4 === 0)!; // a project without reports
    await prisma.$transaction(async (tx) => {
      await tx.progressReport.create({ data: { projectId: id, year: 2025, month: 6, revision: 1, status: "APPROVED", effective: true, monthWan: "4321", yearToDateWan: "4321", planToDateWan: "4321", approvedEffective: true, approvedYearToDateWan: "4321", approvedPlanToDateWan: "4321", construction: "UNDER_CONSTRUCTION", savedById: userId } });
      // Another connection refreshes meanwhile: it can not see this change, nor its stale mark.
      const plan = await prisma.plan.findUniqueOrThrow({ where: { code: "wenzhou-2021" } });
      await freshUnitMonthFigures(prisma, [plan.id], { year: 2025, month: 6 }, "approved");
    });
    await expectSummaryEqualsLive("a change during a refresh");
  });
});
