// One project in the lists of several levels reports its monthly progress
// once: on the row of the deepest plan listing its 项目代码 (the county's),
// and the city's and the province's rows read that report in every figure.
// The hierarchy (tests/levels-hierarchy.ts): 瑞安医院 (code …000001) is listed
// by 浙江省 (zj), 温州市 (wz) and 瑞安市 (ra); 乐清医院 (…000003) by wz and 乐清市
// (yq). Every expected figure is worked out by hand from the amounts typed here.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { createUser } from "@/lib/users/create-user";
import { rollup, rollupTotal } from "@/lib/rollups/rollups";
import { domainByCounty } from "@/lib/rollups/cross-table";
import { projectProgressAsOf } from "@/lib/progress/progress-figures";
import { monthlySheet } from "@/lib/progress/monthly-sheet";
import { reportingStatus } from "@/lib/progress/reporting-months";
import { reviewerTodo } from "@/lib/progress/todo";
import { projectProgressHistory } from "@/lib/progress/project-progress";
import { reviewReportsMutation, submitReportsMutation, saveReportDraftsMutation } from "@/lib/progress/monthly-reports";
import { listAnnualPlans, saveAnnualPlansMutation } from "@/lib/progress/annual-plans";
import { monthClosingMutation } from "@/lib/progress/month-closing";
import { bulletinData } from "@/lib/bulletin/bulletin-data";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { buildHierarchy } from "@/tests/levels-hierarchy";
import { runAs } from "@/tests/run-as";

let signedIn: number | null = null;
let db: TestDatabase;
vi.mock("@/lib/auth/session", () => ({
  currentUserId: async () => signedIn,
  currentActor: async () => (signedIn === null ? null : loadActor(signedIn, db.prisma)),
}));

const ids: Record<string, number> = {};
const actors: Record<string, Actor> = {};
const APRIL = { year: 2025, month: 4 };
const MARCH = { year: 2025, month: 3 };
// Reports of April are written in May (the routes read the clock: ANNEX_TODAY).
const NOW = new Date("2025-05-10T02:00:00Z");

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.ANNEX_TODAY = "2025-05-10";
  (globalThis as { annexPrisma?: unknown }).annexPrisma = db.prisma;
  await buildHierarchy(db.prisma);
  for (const p of await db.prisma.project.findMany({ include: { plan: true } })) ids[`${p.plan.code}:${p.name}`] = p.id;
  const accounts: [string, "REVIEWER" | "EDITOR", string | null][] = [
    ["drc", "REVIEWER", null],
    ["drc2", "REVIEWER", null],
    ["unit", "EDITOR", "测试单位"],
  ];
  for (const [login, role, unitName] of accounts) {
    const user = await db.prisma.$transaction((tx) => createUser(tx, { login, name: login, role, password: "Sturdy-Pine-77", ...(unitName ? { unitName } : {}) }, { mustChangePassword: false }));
    actors[login] = (await loadActor(user.id, db.prisma))!;
  }
});
afterAll(async () => {
  delete process.env.ANNEX_TODAY;
  await db.drop();
});

async function call(login: string, handler: (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>, url: string, params: Record<string, string>, body: unknown) {
  signedIn = actors[login]!.userId;
  const request = new NextRequest(new URL(url, "http://localhost"), {
    method: "POST",
    headers: { origin: "http://localhost", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) as Promise<never> });
  return { status: response.status, body: await response.json() };
}

const row = (projectId: number, monthWan: string) => ({
  projectId,
  baseReportId: null,
  baseVersion: null,
  monthWan,
  physicalProgress: "主体施工",
  construction: "UNDER_CONSTRUCTION" as const,
  actualStart: "2021-03-01",
  actualCompletion: null,
});

/** Saves, submits and approves one month of one row (as the unit, then a DRC reviewer). */
async function reportApproved(planCode: string, projectId: number, ym: { year: number; month: number }, monthWan: string) {
  const saved = await runAs(db.prisma, actors.unit!, saveReportDraftsMutation, { planCode, ...ym, rows: [row(projectId, monthWan)] }, NOW);
  await runAs(db.prisma, actors.unit!, submitReportsMutation, { planCode, ...ym, reports: saved.reports }, NOW);
  const report = await db.prisma.progressReport.findFirstOrThrow({ where: { projectId, ...ym }, orderBy: { revision: "desc" } });
  await runAs(db.prisma, actors.drc!, reviewReportsMutation, { decision: "APPROVE", reports: [{ id: report.id, version: report.version }] }, NOW);
}

describe("monthly progress of a project listed at several levels", () => {
  it("is reported on the deepest plan's row: the others point at it (kept by the database)", async () => {
    const reporting = async (key: string) => (await db.prisma.project.findUniqueOrThrow({ where: { id: ids[key]! } })).reportingProjectId;
    expect(await reporting("ra:瑞安医院（县）")).toBeNull();
    expect(await reporting("wz:瑞安医院")).toBe(ids["ra:瑞安医院（县）"]);
    expect(await reporting("zj:省瑞安医院")).toBe(ids["ra:瑞安医院（县）"]);
    expect(await reporting("yq:乐清医院（县）")).toBeNull();
    expect(await reporting("wz:乐清医院")).toBe(ids["yq:乐清医院（县）"]);
    // A code of one row only, and rows without a code, report themselves.
    expect(await reporting("ra:瑞安公园")).toBeNull();
    expect(await reporting("wz:瑞安学校")).toBeNull();
  });

  it("refuses a report on the city's copy over the route, naming the county's plan, and writes nothing", async () => {
    const reports = await import("@/app/api/plans/[code]/progress/reports/route");
    const before = await db.prisma.progressReport.count();
    const refused = await call("drc", reports.POST, "/api/plans/wz/progress/reports", { code: "wz" }, { year: 2025, month: 3, rows: [row(ids["wz:瑞安医院"]!, "50")] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe("《瑞安医院》（项目代码 2021-330381-84-01-000001）的月度进度在《瑞安市测试规划》中填报，本规划直接引用，请到该规划填报");
    expect(refused.body.error.details.reportedIn).toEqual({ projectId: ids["ra:瑞安医院（县）"], planCode: "ra", planName: "瑞安市测试规划" });
    // The unit too, and the province's copy.
    const unit = await call("unit", reports.POST, "/api/plans/zj/progress/reports", { code: "zj" }, { year: 2025, month: 3, rows: [row(ids["zj:省瑞安医院"]!, "50")] });
    expect(unit.status).toBe(400);
    expect(unit.body.error.message).toContain("在《瑞安市测试规划》中填报");
    // A unit's proposal of an annual plan on the copy: the same.
    await expect(runAs(db.prisma, actors.unit!, saveAnnualPlansMutation, { planCode: "wz", plans: { year: 2025, entries: [{ projectId: ids["wz:瑞安医院"]!, wan: "900" }] } }, NOW)).rejects.toThrow(AppError);
    expect(await db.prisma.progressReport.count()).toBe(before);
    // On the county's own row the same request is accepted.
    const ok = await call("unit", reports.POST, "/api/plans/ra/progress/reports", { code: "ra" }, { year: 2025, month: 3, rows: [row(ids["ra:瑞安医院（县）"]!, "120")] });
    expect(ok.status).toBe(200);
    expect(await db.prisma.progressReport.count()).toBe(before + 1);
    await db.prisma.progressReport.deleteMany({ where: { projectId: ids["ra:瑞安医院（县）"] } });
  });

  it("entered once in the county, counts with the same amounts in the county's, the city's and the province's figures", async () => {
    // 瑞安医院: March 120, April 80 (本年累计 200, 十四五累计 200); 乐清医院 (in 乐清市): April 30; 瑞安学校 (the city's own): April 10.
    await reportApproved("ra", ids["ra:瑞安医院（县）"]!, MARCH, "120");
    await reportApproved("ra", ids["ra:瑞安医院（县）"]!, APRIL, "80");
    await reportApproved("yq", ids["yq:乐清医院（县）"]!, APRIL, "30");
    await reportApproved("wz", ids["wz:瑞安学校"]!, APRIL, "10");
    // Annual plan 2025: the county sets 1000 on its row; the city none on its copy (it reads the county's).
    await runAs(db.prisma, actors.drc!, saveAnnualPlansMutation, { planCode: "ra", plans: { year: 2025, entries: [{ projectId: ids["ra:瑞安医院（县）"]!, wan: "1000" }] } }, NOW);

    const county = (await projectProgressAsOf(db.prisma, (await plan("ra")).id, APRIL)).get(ids["ra:瑞安医院（县）"]!)!;
    const city = (await projectProgressAsOf(db.prisma, (await plan("wz")).id, APRIL)).get(ids["wz:瑞安医院"]!)!;
    const province = (await projectProgressAsOf(db.prisma, (await plan("zj")).id, APRIL)).get(ids["zj:省瑞安医院"]!)!;
    for (const f of [county, city, province]) {
      expect(f.monthWan).toBe("80");
      expect(f.yearToDateWan).toBe("200");
      expect(f.planToDateWan).toBe("200");
      expect(f.annualPlanWan).toBe("1000");
      // 200 / 1000
      expect(f.annualRate).toBe("0.2");
      // 十四五投资 1000: 200 / 1000
      expect(f.fypRate).toBe("0.2");
      expect(f.construction).toBe("UNDER_CONSTRUCTION");
    }

    // The rollups (合计): the county 200 (+ 瑞安公园 nothing); the city 200 + 30 + 10 = 240; the province 200.
    expect((await rollupTotal(db.prisma, "ra", { asOf: APRIL })).progress!.yearToDateWan).toBe("200");
    expect((await rollupTotal(db.prisma, "wz", { asOf: APRIL })).progress!.yearToDateWan).toBe("240");
    expect((await rollupTotal(db.prisma, "zj", { asOf: APRIL })).progress!.yearToDateWan).toBe("200");
    // By county in the city's plan: 瑞安市 = 瑞安医院 200 + 瑞安学校 10; 乐清市 30.
    const byCounty = Object.fromEntries((await rollup(db.prisma, "wz", "county", { asOf: APRIL })).map((r) => [r.key, r.progress!.yearToDateWan]));
    expect(byCounty["瑞安市"]).toBe("210");
    expect(byCounty["乐清市"]).toBe("30");
    // By unit (read from the summary): the one unit, 240.
    expect((await rollup(db.prisma, "wz", "unit", { asOf: APRIL })).map((r) => [r.key, r.progress!.yearToDateWan])).toEqual([["测试单位", "240"]]);
    // Domain × county.
    expect((await domainByCounty(db.prisma, "wz", APRIL)).find((c) => c.county === "瑞安市")!.yearToDateWan).toBe("210");

    // “含下级规划” of the city: each code once — 200 + 10 + 30, never 200 twice or 30 twice; 8 rows, 6 projects.
    const all = await rollupTotal(db.prisma, "wz", { asOf: APRIL, levels: "all" });
    expect(all.projects).toBe(6);
    expect(all.progress!.yearToDateWan).toBe("240");
    // The province with everything below: 瑞安医院 200 + 乐清医院 30 + 瑞安学校 10.
    expect((await rollupTotal(db.prisma, "zj", { asOf: APRIL, levels: "all" })).progress!.yearToDateWan).toBe("240");

    // The 通报 of the city: headline 240, the copy listed with the county's figures.
    const bulletin = await bulletinData(db.prisma, actors.drc!, "wz", APRIL, "approved", NOW);
    expect(bulletin.headline.yearToDateWan).toBe("240");
    expect(bulletin.projects.find((p) => p.row.id === ids["wz:瑞安医院"])!.figures.yearToDateWan).toBe("200");
    expect(bulletin.byCounty.find((r) => r.key === "瑞安市")!.progress!.yearToDateWan).toBe("210");

    // The project page's curve of the city's copy: the county's months.
    const history = await projectProgressHistory(db.prisma, actors.drc!, ids["wz:瑞安医院"]!);
    expect(history.months.filter((m) => m.year === 2025 && m.month <= 4).map((m) => m.yearToDateWan)).toEqual(["0", "0", "120", "200"]);
    expect(history.revisions).toHaveLength(2);
  });

  it("has one annual plan, set in the county: the city's DRC setting one on its copy is refused, and the copy reads the county's", async () => {
    const refused = runAs(db.prisma, actors.drc!, saveAnnualPlansMutation, { planCode: "wz", plans: { year: 2025, entries: [{ projectId: ids["wz:瑞安医院"]!, wan: "800" }] } }, NOW);
    await expect(refused).rejects.toThrow("《瑞安医院》（项目代码 2021-330381-84-01-000001）的月度进度和年度计划在《瑞安市测试规划》中填报");
    expect(await db.prisma.annualInvestmentPlan.count({ where: { projectId: ids["wz:瑞安医院"]! } })).toBe(0);
    const city = (await projectProgressAsOf(db.prisma, (await plan("wz")).id, APRIL)).get(ids["wz:瑞安医院"]!)!;
    expect(city.annualPlanWan).toBe("1000");
    // The city's annual-plan page shows the county's figure on the copy, with where it is set.
    const rows = await listAnnualPlans(db.prisma, "wz", 2025);
    expect(rows.find((r) => r.projectId === ids["wz:瑞安医院"])).toMatchObject({ plannedWan: "1000", reportedIn: { planCode: "ra" } });
    // The city's own project keeps its own.
    expect(rows.find((r) => r.projectId === ids["wz:瑞安学校"])).toMatchObject({ plannedWan: null, reportedIn: null });
  });

  it("the city's sheet, reporting status and to-do show the copy once, with where it is reported; the review is the county's", async () => {
    const sheet = await monthlySheet(db.prisma, actors.drc!, "wz", APRIL);
    const copy = sheet.rows.find((r) => r.projectId === ids["wz:瑞安医院"])!;
    expect(copy.reportedIn).toEqual({ projectId: ids["ra:瑞安医院（县）"], planCode: "ra", planName: "瑞安市测试规划" });
    expect(copy.canReport).toBe(false);
    expect(copy.state).toBe("APPROVED");
    expect(copy.latest!.monthWan).toBe("80");
    expect(copy.yearToDateBeforeWan).toBe("120");
    expect(sheet.rows.find((r) => r.projectId === ids["wz:瑞安学校"])!.reportedIn).toBeNull();
    expect(sheet.rows.filter((r) => r.name === "瑞安医院")).toHaveLength(1);

    const status = await reportingStatus(db.prisma, actors.drc!, "wz", APRIL, NOW);
    expect(status.projects.find((p) => p.projectId === ids["wz:瑞安医院"])!.state).toBe("APPROVED");

    // May: the county submits; it awaits review in the county's to-do, not in the city's.
    const MAY = { year: 2025, month: 5 };
    const JUNE_NOW = new Date("2025-06-02T02:00:00Z");
    const saved = await runAs(db.prisma, actors.unit!, saveReportDraftsMutation, { planCode: "ra", ...MAY, rows: [row(ids["ra:瑞安医院（县）"]!, "5")] }, JUNE_NOW);
    await runAs(db.prisma, actors.unit!, submitReportsMutation, { planCode: "ra", ...MAY, reports: saved.reports }, JUNE_NOW);
    expect((await reviewerTodo(db.prisma, actors.drc!, "ra", JUNE_NOW)).awaitingReviewTotal).toBe(1);
    expect((await reviewerTodo(db.prisma, actors.drc!, "wz", JUNE_NOW)).awaitingReviewTotal).toBe(0);
    // The city's sheet shows the county's submission on the copy, not reviewable there.
    const may = (await monthlySheet(db.prisma, actors.drc!, "wz", MAY)).rows.find((r) => r.projectId === ids["wz:瑞安医院"])!;
    expect(may.state).toBe("SUBMITTED");
    expect(may.canReport).toBe(false);
  });

  it("a closed month of the city keeps its rows, which read the county's reports; the unreported list reads them too", async () => {
    const CLOSE_NOW = new Date("2025-06-03T02:00:00Z");
    await runAs(db.prisma, actors.drc!, monthClosingMutation, { action: "close", planCode: "wz", ...APRIL, version: null }, CLOSE_NOW);
    const recorded = await db.prisma.reportingMonthProject.findMany({ where: { month: { plan: { code: "wz" }, ...APRIL } }, select: { projectId: true } });
    // The city's four rows, the copies included (not the county's rows).
    expect(recorded.map((r) => r.projectId).sort((a, b) => a - b)).toEqual([ids["wz:瑞安医院"]!, ids["wz:瑞安学校"]!, ids["wz:乐清医院"]!, ids["wz:全市工程"]!].sort((a, b) => a - b));
    // 240 as before: 瑞安医院 200 and 乐清医院 30 read from the counties' rows, 瑞安学校 10.
    expect((await rollupTotal(db.prisma, "wz", { asOf: APRIL })).progress!.yearToDateWan).toBe("240");
    // At the closing only 全市工程 had no report: the copies read the counties' reports.
    const event = await db.prisma.reportingMonthEvent.findFirstOrThrow({ where: { reportingMonth: { plan: { code: "wz" }, ...APRIL } } });
    expect((event.unreported as { projects: { name: string }[] }).projects.map((p) => p.name)).toEqual(["全市工程"]);
  });

  it("moves the report to the next deepest row when the county's row is deleted, and back when it is restored", async () => {
    const countyRow = ids["ra:瑞安医院（县）"]!;
    await db.prisma.project.update({ where: { id: countyRow }, data: { deletedAt: new Date("2026-06-01T00:00:00Z") } });
    const reporting = async (key: string) => (await db.prisma.project.findUniqueOrThrow({ where: { id: ids[key]! } })).reportingProjectId;
    expect(await reporting("wz:瑞安医院")).toBeNull();
    expect(await reporting("zj:省瑞安医院")).toBe(ids["wz:瑞安医院"]);
    expect(await reporting("ra:瑞安医院（县）")).toBeNull();
    await db.prisma.project.update({ where: { id: countyRow }, data: { deletedAt: null } });
    expect(await reporting("wz:瑞安医院")).toBe(countyRow);
    expect(await reporting("zj:省瑞安医院")).toBe(countyRow);
    // A code taken off the copy: it reports itself.
    await db.prisma.project.update({ where: { id: ids["wz:乐清医院"]! }, data: { code: null } });
    expect(await reporting("wz:乐清医院")).toBeNull();
  });
});

async function plan(code: string) {
  return db.prisma.plan.findUniqueOrThrow({ where: { code } });
}
