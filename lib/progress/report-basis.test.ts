// Whose figures (口径): 已审核 counts approved reports only, 含已提交未审核
// counts submitted ones too — per project, in the rollups (live and from the
// unit summary) and in the plan's headline. And a closed month stays as it was
// closed: its lights keep the thresholds it was closed with, and a project
// deleted afterwards still counts in it. Every expected figure is worked out
// here by hand from the amounts the test types in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { seedDemoData } from "@/lib/plans/demo-data";
import { deleteProjectMutation } from "@/lib/projects/delete-project";
import { rollup, rollupTotal } from "@/lib/rollups/rollups";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runAs } from "@/tests/run-as";
import { saveAnnualPlansMutation } from "./annual-plans";
import { monthClosingMutation } from "./month-closing";
import { reviewReportsMutation, saveReportDraftsMutation, submitReportsMutation } from "./monthly-reports";
import { planHeadline } from "./plan-progress";
import { projectProgressAsOf } from "./progress-figures";
import { projectProgressHistory } from "./project-progress";
import { basisLine, basisOf, basisParamSchema, type ReportBasis } from "./report-basis";
import { updateProgressSettingsMutation } from "./reporting-months";

const PLAN = "wenzhou-2021";
// Inside the plan's last year: October 2025 is the month units report on.
const NOW = new Date("2025-11-20T10:00:00+08:00");
const LATER = new Date("2025-11-25T10:00:00+08:00");
const OCT = { year: 2025, month: 10 };
const NOV = { year: 2025, month: 11 };

let db: TestDatabase;
let drc: Actor;
let zjj: Actor;
let admin: Actor;
let planId: number;
/** Two of 市住建局's projects (it may report on them): P and Q. */
let P: number;
let Q: number;

async function latest(projectId: number, month: number) {
  return (await db.prisma.progressReport.findFirst({ where: { projectId, year: 2025, month }, orderBy: { revision: "desc" } }))!;
}

async function report(projectId: number, month: number, monthWan: string) {
  const last = await db.prisma.progressReport.findFirst({ where: { projectId, year: 2025, month }, orderBy: { revision: "desc" } });
  const row = {
    projectId,
    baseReportId: last?.id ?? null,
    baseVersion: last?.version ?? null,
    monthWan,
    physicalProgress: "按计划推进",
    construction: "UNDER_CONSTRUCTION" as const,
    actualStart: "2021-03-01",
    actualCompletion: null,
  };
  await runAs(db.prisma, zjj, saveReportDraftsMutation, { planCode: PLAN, year: 2025, month, rows: [row], confirmWarnings: true }, NOW);
  const draft = await latest(projectId, month);
  await runAs(db.prisma, zjj, submitReportsMutation, { planCode: PLAN, year: 2025, month, reports: [{ projectId, reportId: draft.id, version: draft.version }] }, NOW);
}

async function review(projectId: number, month: number, decision: "APPROVE" | "RETURN") {
  const r = await latest(projectId, month);
  await runAs(db.prisma, drc, reviewReportsMutation, { decision, comment: decision === "RETURN" ? "数字有误" : "", reports: [{ id: r.id, version: r.version }] }, NOW);
}

async function figures(projectId: number, asOf: { year: number; month: number }, basis: ReportBasis) {
  const f = (await projectProgressAsOf(db.prisma, planId, asOf, [projectId], { basis })).get(projectId)!;
  return { monthWan: f.monthWan, ytd: f.yearToDateWan, ptd: f.planToDateWan, light: f.light };
}

/** 市住建局's row in the rollup by unit, from the summary and summed anew: both must agree. */
async function housingYtd(asOf: { year: number; month: number }, basis: ReportBasis) {
  const fromSummary = (await rollup(db.prisma, PLAN, "unit", { asOf, basis })).find((r) => r.key === "市住建局")!.progress!.yearToDateWan;
  const live = (await rollup(db.prisma, PLAN, "unit", { asOf, basis, live: true })).find((r) => r.key === "市住建局")!.progress!.yearToDateWan;
  expect(fromSummary).toBe(live);
  return fromSummary;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  const user = async (login: string) => (await loadActor((await db.prisma.user.findUniqueOrThrow({ where: { login } })).id, db.prisma))!;
  drc = await user("drc");
  zjj = await user("zjj");
  admin = await user("admin");
  planId = (await db.prisma.plan.findUniqueOrThrow({ where: { code: PLAN } })).id;
  const own = await db.prisma.project.findMany({
    where: { planId, units: { some: { unit: { name: "市住建局" } } } },
    orderBy: { seq: "asc" },
    select: { id: true },
  });
  [P, Q] = [own[0]!.id, own[1]!.id];
  await runAs(db.prisma, drc, saveAnnualPlansMutation, { planCode: PLAN, plans: { year: 2025, entries: [P, Q].map((projectId) => ({ projectId, wan: "1000" })) } }, NOW);
});
afterAll(() => db.drop());

describe("the basis parameter", () => {
  it("is 已审核 when absent, takes the 通报's earlier name, and refuses anything else in Chinese", () => {
    expect(basisParamSchema.parse(undefined)).toBe("approved");
    expect(basisParamSchema.parse(null)).toBe("approved");
    expect(basisParamSchema.parse("submitted")).toBe("submitted");
    expect(basisParamSchema.parse("reviewed")).toBe("approved");
    expect(basisParamSchema.safeParse("all").error?.issues[0]?.message).toBe("数据口径只能是 approved（已审核）或 submitted（含已提交未审核）");
    expect(basisOf("all")).toBe("approved");
    expect([basisLine("approved"), basisLine("submitted")]).toEqual(["口径：已审核", "口径：含已提交未审核"]);
  });
});

describe("the basis of the figures", () => {
  it("已审核 counts approved months only; 含已提交 counts the submitted month too", async () => {
    // P: January 100, June 200, September 300, each approved; October 400 submitted only.
    for (const [month, wan] of [[1, "100"], [6, "200"], [9, "300"]] as const) {
      await report(P, month, wan);
      await review(P, month, "APPROVE");
    }
    await report(P, 10, "400");

    expect(await figures(P, OCT, "approved")).toMatchObject({ monthWan: null, ytd: "600", ptd: "600" });
    expect(await figures(P, OCT, "submitted")).toMatchObject({ monthWan: "400", ytd: "1000", ptd: "1000" });
    // As of November, which nobody reported: the months before, on each basis.
    expect(await figures(P, NOV, "approved")).toMatchObject({ monthWan: null, ytd: "600" });
    expect(await figures(P, NOV, "submitted")).toMatchObject({ monthWan: null, ytd: "1000" });
    // The unit's rollup and the plan's headline: P is the only project with reports.
    expect(await housingYtd(OCT, "approved")).toBe("600");
    expect(await housingYtd(OCT, "submitted")).toBe("1000");
    expect((await planHeadline(db.prisma, planId, OCT, { basis: "approved" })).yearToDateWan).toBe("600");
    expect((await planHeadline(db.prisma, planId, OCT, { basis: "submitted" })).yearToDateWan).toBe("1000");
    // The default is 已审核.
    expect((await planHeadline(db.prisma, planId, OCT)).yearToDateWan).toBe("600");
    expect((await rollupTotal(db.prisma, PLAN, { asOf: OCT })).progress!.yearToDateWan).toBe("600");
    // The project's curve: October's 1–10月 is 600 on 已审核 (the default), 1000 with the submitted 400.
    const curveOct = async (basis?: ReportBasis) =>
      (await projectProgressHistory(db.prisma, drc, P, basis ? { basis } : {})).months.find((m) => m.year === 2025 && m.month === 10)!;
    expect(await curveOct()).toMatchObject({ monthWan: null, yearToDateWan: "600" });
    expect(await curveOct("submitted")).toMatchObject({ monthWan: "400", yearToDateWan: "1000" });

    // October approved: both say the same.
    await review(P, 10, "APPROVE");
    for (const basis of ["approved", "submitted"] as const) {
      expect(await figures(P, OCT, basis)).toMatchObject({ monthWan: "400", ytd: "1000", ptd: "1000" });
      expect(await housingYtd(OCT, basis)).toBe("1000");
    }

    // A correction of approved October (450) submitted: counted under 含已提交 only, until reviewed.
    await report(P, 10, "450");
    expect(await figures(P, OCT, "approved")).toMatchObject({ monthWan: "400", ytd: "1000" });
    expect(await figures(P, OCT, "submitted")).toMatchObject({ monthWan: "450", ytd: "1050" });
    await review(P, 10, "RETURN");
    // Returned: the approved revision counts again on both.
    expect(await figures(P, OCT, "submitted")).toMatchObject({ monthWan: "400", ytd: "1000" });
  });

  it("the database refuses an unapproved or a second counting revision under 已审核, and cumulative figures on one that does not count", async () => {
    const userId = zjj.userId;
    const base = { projectId: Q, year: 2025, month: 3, construction: "UNDER_CONSTRUCTION" as const, savedById: userId, monthWan: "1" };
    await expect(db.prisma.progressReport.create({ data: { ...base, revision: 1, status: "SUBMITTED", approvedEffective: true } })).rejects.toThrow(/check constraint|violates/i);
    await expect(db.prisma.progressReport.create({ data: { ...base, revision: 1, status: "APPROVED", approvedYearToDateWan: "1" } })).rejects.toThrow(/check constraint|violates/i);
    await db.prisma.progressReport.create({ data: { ...base, revision: 1, status: "APPROVED", approvedEffective: true } });
    await expect(db.prisma.progressReport.create({ data: { ...base, revision: 2, status: "APPROVED", approvedEffective: true } })).rejects.toThrow(/unique|duplicate/i);
    await db.prisma.progressReport.deleteMany({ where: { projectId: Q, year: 2025, month: 3 } });
  });

  it("a returned month counts on neither basis", async () => {
    // Q: September 50 approved, October 70 submitted, then returned.
    await report(Q, 9, "50");
    await review(Q, 9, "APPROVE");
    await report(Q, 10, "70");
    expect(await figures(Q, OCT, "approved")).toMatchObject({ monthWan: null, ytd: "50" });
    expect(await figures(Q, OCT, "submitted")).toMatchObject({ monthWan: "70", ytd: "120" });
    await review(Q, 10, "RETURN");
    for (const basis of ["approved", "submitted"] as const) expect(await figures(Q, OCT, basis)).toMatchObject({ monthWan: null, ytd: "50", ptd: "50" });
    // P 1000 + Q 50.
    expect(await housingYtd(OCT, "approved")).toBe("1050");
    expect(await housingYtd(OCT, "submitted")).toBe("1050");
  });
});

describe("a closed month stays as it was closed", () => {
  it("keeps its lights when the thresholds change, and a project deleted afterwards", async () => {
    // Q as of October: plan 1000, 50 done: 10/12 − 5% = 78.3 points behind → red at the default 30.
    // As of November: 11/12 − 5% = 86.7 points behind.
    expect((await figures(Q, OCT, "approved")).light).toBe("RED");
    await runAs(db.prisma, drc, monthClosingMutation, { action: "close", planCode: PLAN, ...OCT, version: null, reason: "" }, NOW);
    const before = await rollupTotal(db.prisma, PLAN, { asOf: OCT });

    // New thresholds (yellow from 50, red beyond 90): the open November reads them, closed October does not.
    await runAs(db.prisma, drc, updateProgressSettingsMutation, { planCode: PLAN, settings: { reportDeadlineDay: 5, yellowLagPoints: 50, redLagPoints: 90 } }, LATER);
    expect((await figures(Q, OCT, "approved")).light).toBe("RED");
    expect((await figures(Q, NOV, "approved")).light).toBe("YELLOW");
    const lights = async (asOf: typeof OCT) => (await rollup(db.prisma, PLAN, "unit", { asOf })).find((r) => r.key === "市住建局")!.progress!;
    expect((await lights(OCT)).red).toBeGreaterThanOrEqual(1);
    expect((await lights(NOV)).yellow).toBeGreaterThanOrEqual(1);

    // P deleted after October was closed: October still counts it (1000 of 1050), November does not.
    const p = await db.prisma.project.findUniqueOrThrow({ where: { id: P } });
    await runAs(db.prisma, admin, deleteProjectMutation, { projectId: P, version: p.version }, LATER);
    const after = await rollupTotal(db.prisma, PLAN, { asOf: OCT });
    expect(after.projects).toBe(before.projects);
    expect(after.progress).toEqual(before.progress);
    expect(after.progress!.yearToDateWan).toBe("1050");
    expect(await housingYtd(OCT, "approved")).toBe("1050");
    expect((await planHeadline(db.prisma, planId, OCT)).yearToDateWan).toBe("1050");
    expect((await rollupTotal(db.prisma, PLAN, { asOf: NOV })).projects).toBe(before.projects - 1);
    expect((await rollupTotal(db.prisma, PLAN, { asOf: NOV })).progress!.yearToDateWan).toBe("50");

    // Reopened, October is an open month again: the plan's thresholds and live projects.
    const month = await db.prisma.reportingMonth.findFirstOrThrow({ where: { planId, ...OCT } });
    await runAs(db.prisma, drc, monthClosingMutation, { action: "reopen", planCode: PLAN, ...OCT, version: month.version, reason: "更正" }, LATER);
    expect((await figures(Q, OCT, "approved")).light).toBe("YELLOW");
    expect((await rollupTotal(db.prisma, PLAN, { asOf: OCT })).progress!.yearToDateWan).toBe("50");
  });
});
