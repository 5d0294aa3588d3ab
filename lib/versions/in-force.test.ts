// The version in force for a month: a plan of three projects (A, B, C) whose
// baseline is approved in January 2024, then a 中期调整 approved on 10 June
// 2024 (Beijing time) that adds D, cancels B and raises C's amounts. May's
// figures and 通报 read version 1 (B counts, D does not, C's old amount in its
// rate); June's read version 2, the live register. Expected figures by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { createUser } from "@/lib/users/create-user";
import { amountOfWan } from "@/lib/money/amount";
import { createPlan, type AnnexRecord } from "@/lib/plans/create-plan";
import { resolveLocation } from "@/lib/regions/resolve-location";
import { ensureRegions, loadRegionsForResolution } from "@/lib/regions/seed-regions";
import { rollup, rollupTotal } from "@/lib/rollups/rollups";
import { projectProgressAsOf } from "@/lib/progress/progress-figures";
import { planHeadline, planProgressByMonth } from "@/lib/progress/plan-progress";
import { saveAnnualPlansMutation } from "@/lib/progress/annual-plans";
import { reviewReportsMutation, saveReportDraftsMutation, submitReportsMutation } from "@/lib/progress/monthly-reports";
import { monthClosingMutation } from "@/lib/progress/month-closing";
import { bulletinData } from "@/lib/bulletin/bulletin-data";
import { bulletinPublication } from "@/lib/bulletin/bulletin-document";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runAs } from "@/tests/run-as";
import { addAdjustmentLineMutation, createAdjustmentMutation, decideAdjustmentMutation, submitAdjustmentMutation } from "./adjustments";
import { createBaseline } from "./plan-versions";
import type { AdjustmentLineInput } from "./adjustment-input";
import { endOfMonth, versionInForce, versionLine } from "./in-force";

const PLAN = "vt";
const MAY = { year: 2024, month: 5 };
const JUNE = { year: 2024, month: 6 };
let db: TestDatabase;
let planId: number;
const actors: Record<string, Actor> = {};
const ids: Record<string, number> = {};

// 万元: total = 十四五 for each.
const PROJECTS = [
  { name: "A", wan: "1000" },
  { name: "B", wan: "500" },
  { name: "C", wan: "200" },
];

beforeAll(async () => {
  db = await createTestDatabase();
  await ensureRegions(db.prisma);
  const regions = await loadRegionsForResolution(db.prisma);
  const records: AnnexRecord[] = PROJECTS.map((p, i) => ({
    seq: i + 1,
    domain: "一、社会事业",
    name: p.name,
    type: "新建",
    periodText: "2021-2025",
    periodStart: 2021,
    periodEnd: 2025,
    locationText: "鹿城区",
    location: resolveLocation("鹿城区", regions, "330300"),
    content: "",
    total: amountOfWan(p.wan),
    fyp: amountOfWan(p.wan),
    unitNames: ["测试单位"],
  }));
  ({ planId } = await db.prisma.$transaction((tx) => createPlan(tx, { code: PLAN, name: "版本测试规划", issuer: "测试", startYear: 2021, endYear: 2025, regionCode: "330300" }, records)));
  await db.prisma.$transaction((tx) => createBaseline(tx, planId, new Date("2024-01-10T02:00:00Z"), "测试"));
  for (const p of await db.prisma.project.findMany({ where: { planId } })) ids[p.name] = p.id;
  for (const [login, role, unitName] of [
    ["drc", "REVIEWER", null],
    ["drc2", "REVIEWER", null],
    ["unit", "EDITOR", "测试单位"],
  ] as const) {
    const user = await db.prisma.$transaction((tx) => createUser(tx, { login, name: login, role, password: "Sturdy-Pine-77", ...(unitName ? { unitName } : {}) }, { mustChangePassword: false }));
    actors[login] = (await loadActor(user.id, db.prisma))!;
  }
}, 120_000);
afterAll(() => db.drop());

async function approvedMonth(ym: { year: number; month: number }, amounts: Record<string, string>, now: Date) {
  const rows = Object.entries(amounts).map(([name, monthWan]) => ({
    projectId: ids[name]!,
    baseReportId: null,
    baseVersion: null,
    monthWan,
    physicalProgress: "施工",
    construction: "UNDER_CONSTRUCTION" as const,
    actualStart: "2022-01-01",
    actualCompletion: null,
  }));
  const saved = await runAs(db.prisma, actors.unit!, saveReportDraftsMutation, { planCode: PLAN, ...ym, rows, confirmWarnings: true }, now);
  await runAs(db.prisma, actors.unit!, submitReportsMutation, { planCode: PLAN, ...ym, reports: saved.reports }, now);
  const reports = await db.prisma.progressReport.findMany({ where: { ...ym, status: "SUBMITTED", project: { planId } } });
  await runAs(db.prisma, actors.drc!, reviewReportsMutation, { decision: "APPROVE", reports: reports.map((r) => ({ id: r.id, version: r.version })) }, now);
}

async function annualPlans(entries: Record<string, string>, now: Date) {
  await runAs(db.prisma, actors.drc!, saveAnnualPlansMutation, { planCode: PLAN, plans: { year: 2024, entries: Object.entries(entries).map(([name, wan]) => ({ projectId: ids[name]!, wan })) } }, now);
}

const adjustmentVersion = async (id: number) => (await db.prisma.planAdjustment.findUniqueOrThrow({ where: { id } })).version;

describe("the version in force for a month", () => {
  it("ends a month at Beijing midnight", () => {
    // 2024-06-01 00:00 in Beijing is 2024-05-31 16:00 UTC.
    expect(endOfMonth(MAY, "Asia/Shanghai").toISOString()).toBe("2024-05-31T16:00:00.000Z");
    expect(endOfMonth({ year: 2024, month: 12 }, "Asia/Shanghai").toISOString()).toBe("2024-12-31T16:00:00.000Z");
  });

  it("reads May by version 1 and June by version 2 once an adjustment approved on 10 June adds D, cancels B and raises C", async () => {
    // Annual plans 2024 and May's reports, before the adjustment.
    await annualPlans({ A: "600", B: "300", C: "120" }, new Date("2024-05-02T02:00:00Z"));
    await approvedMonth(MAY, { A: "100", B: "50", C: "40" }, new Date("2024-06-05T02:00:00Z"));

    // The adjustment, approved 2024-06-10 10:00 Beijing time by another reviewer.
    const approveAt = new Date("2024-06-10T02:00:00Z");
    const { id } = await runAs(db.prisma, actors.drc!, createAdjustmentMutation, { planCode: PLAN, title: "2024年中期调整" }, approveAt);
    const domainId = (await db.prisma.domain.findFirstOrThrow({ where: { planId } })).id;
    const add = async (line: AdjustmentLineInput) =>
      runAs(db.prisma, actors.drc!, addAdjustmentLineMutation, { adjustmentId: id, version: await adjustmentVersion(id), line }, approveAt);
    await add({ kind: "ADD", reason: "新增项目", project: { domainId, name: "D", type: "新建", period: "2024-2025", locationText: "鹿城区", content: "新建", total: { text: "350", unit: "万元" }, fyp: { text: "350", unit: "万元" }, units: ["测试单位"] } });
    await add({ kind: "CANCEL", projectId: ids.B!, reason: "调出规划" });
    await add({ kind: "AMOUNTS", projectId: ids.C!, reason: "概算调整", total: { text: "400", unit: "万元" }, fyp: { text: "400", unit: "万元" } });
    await runAs(db.prisma, actors.drc!, submitAdjustmentMutation, { adjustmentId: id, version: await adjustmentVersion(id) }, approveAt);
    await runAs(db.prisma, actors.drc2!, decideAdjustmentMutation, { adjustmentId: id, version: await adjustmentVersion(id), decision: "approve" }, approveAt);
    ids.D = (await db.prisma.project.findFirstOrThrow({ where: { planId, name: "D" } })).id;

    // June: D's annual plan, and June's reports of A, C and D.
    await annualPlans({ D: "360" }, new Date("2024-07-01T02:00:00Z"));
    await approvedMonth(JUNE, { A: "20", C: "10", D: "30" }, new Date("2024-07-03T02:00:00Z"));

    expect(await versionInForce(db.prisma, planId, MAY)).toMatchObject({ number: 1, newest: false });
    expect(await versionInForce(db.prisma, planId, JUNE)).toMatchObject({ number: 2, label: "2024年中期调整", newest: true });

    // May, version 1: A, B, C; 总投资 1000 + 500 + 200 = 1700; 年度计划 600 + 300 + 120 = 1020; 1–5月 100 + 50 + 40 = 190.
    const may = await rollupTotal(db.prisma, PLAN, { asOf: MAY });
    expect(may).toMatchObject({ projects: 3, totalWan: "1700", fypWan: "1700" });
    expect(may.progress).toMatchObject({ annualPlanWan: "1020", yearToDateWan: "190", planToDateWan: "190" });
    const mayFigures = await projectProgressAsOf(db.prisma, planId, MAY);
    expect([...mayFigures.keys()].sort((a, b) => a - b)).toEqual([ids.A!, ids.B!, ids.C!].sort((a, b) => a - b));
    // C's 十四五 rate on its old amount: 40 / 200.
    expect(mayFigures.get(ids.C!)!.fypRate).toBe("0.2");
    expect((await rollup(db.prisma, PLAN, "domain", { asOf: MAY }))[0]).toMatchObject({ projects: 3, totalWan: "1700" });

    // June, version 2 (the live register): A, C, D; 1000 + 400 + 350 = 1750; 年度计划 600 + 120 + 360 = 1080;
    // 1–6月 A 120, C 50, D 30 = 200 (B's 50 of May no longer counts: B is not in the plan in June).
    const june = await rollupTotal(db.prisma, PLAN, { asOf: JUNE });
    expect(june).toMatchObject({ projects: 3, totalWan: "1750", fypWan: "1750" });
    expect(june.progress).toMatchObject({ annualPlanWan: "1080", yearToDateWan: "200" });
    const juneFigures = await projectProgressAsOf(db.prisma, planId, JUNE);
    expect([...juneFigures.keys()].sort((a, b) => a - b)).toEqual([ids.A!, ids.C!, ids.D!].sort((a, b) => a - b));
    // C on its new amount: 50 / 400.
    expect(juneFigures.get(ids.C!)!.fypRate).toBe("0.125");

    // The dashboard's headline says the same.
    expect(await planHeadline(db.prisma, planId, MAY)).toMatchObject({ projects: 3, totalWan: "1700", yearToDateWan: "190" });
    expect(await planHeadline(db.prisma, planId, JUNE)).toMatchObject({ projects: 3, totalWan: "1750", yearToDateWan: "200" });
    // The dashboard's curve, month by month: May over A, B, C (190; pace 1020 × 5/12 = 425), June over A, C, D
    // (100 + 20 + 40 + 10 + 30 = 200, B's 50 left out; pace 1080 × 6/12 = 540).
    const curve = await planProgressByMonth(db.prisma, planId, 2024);
    expect(curve.find((p) => p.month === 5)).toMatchObject({ completedWan: "190", cumulativeWan: "190", planPaceWan: "425" });
    expect(curve.find((p) => p.month === 6)).toMatchObject({ completedWan: "60", cumulativeWan: "200", planPaceWan: "540" });
  });

  it("gives each month's 通报 its version's projects and says which version it used", async () => {
    const now = new Date("2024-07-20T02:00:00Z");
    const may = await bulletinData(db.prisma, actors.drc!, PLAN, MAY, "approved", now);
    expect(may.version).toMatchObject({ number: 1 });
    expect(may.headline).toMatchObject({ projects: 3, totalWan: "1700", yearToDateWan: "190" });
    expect(may.projects.map((p) => p.row.name).sort()).toEqual(["A", "B", "C"]);
    expect(bulletinPublication(may).parts[0]!.subtitle).toBe("（2024年1–5月；口径：已审核；按第1版（原规划（基线）））");
    const june = await bulletinData(db.prisma, actors.drc!, PLAN, JUNE, "approved", now);
    expect(june.headline).toMatchObject({ projects: 3, totalWan: "1750", yearToDateWan: "200" });
    expect(june.projects.map((p) => p.row.name).sort()).toEqual(["A", "C", "D"]);
    expect(versionLine(june.version)).toBe("按第2版（2024年中期调整）及其后的修改");
  });

  it("closing May records version 1's projects, and May keeps its figures", async () => {
    await runAs(db.prisma, actors.drc!, monthClosingMutation, { action: "close", planCode: PLAN, ...MAY, version: null }, new Date("2024-07-20T02:00:00Z"));
    const recorded = await db.prisma.reportingMonthProject.findMany({ where: { month: { planId, ...MAY } } });
    expect(recorded.map((r) => r.projectId).sort((a, b) => a - b)).toEqual([ids.A!, ids.B!, ids.C!].sort((a, b) => a - b));
    const may = await rollupTotal(db.prisma, PLAN, { asOf: MAY });
    expect(may).toMatchObject({ projects: 3, totalWan: "1700" });
    expect(may.progress).toMatchObject({ yearToDateWan: "190" });
  });
});
