// A closed month counts exactly the projects its closing recorded: a project
// created, restored or deleted after the closing changes none of its figures —
// rollups by every dimension and their 合计, the headline, domain × county, the
// unit summary, the per-project figures, the month curve and the 通报's lists
// and totals — while the open month after it reads the live projects, and a
// reopened month is live again. Every expected figure is worked out by hand
// from the amounts typed in below.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { bulletinData } from "@/lib/bulletin/bulletin-data";
import { seedDemoData } from "@/lib/plans/demo-data";
import { createProjectMutation } from "@/lib/projects/create-project";
import { deleteProjectMutation, restoreProjectMutation } from "@/lib/projects/delete-project";
import { domainByCounty } from "@/lib/rollups/cross-table";
import { rollup, rollupTotal, ROLLUP_DIMENSIONS } from "@/lib/rollups/rollups";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runAs } from "@/tests/run-as";
import { saveAnnualPlansMutation } from "./annual-plans";
import { monthClosingMutation } from "./month-closing";
import { reviewReportsMutation, saveReportDraftsMutation, submitReportsMutation } from "./monthly-reports";
import { planHeadline, planProgressByMonth } from "./plan-progress";
import { projectProgressAsOf } from "./progress-figures";
import type { YearMonth } from "./reporting-calendar";

const PLAN = "wenzhou-2021";
const NOW = new Date("2025-11-20T10:00:00+08:00");
const LATER = new Date("2025-11-25T10:00:00+08:00");
const OCT = { year: 2025, month: 10 };
const NOV = { year: 2025, month: 11 };
const HOUSING = "市住建局";

let db: TestDatabase;
let drc: Actor;
let zjj: Actor;
let admin: Actor;
let planId: number;
/** Three of 市住建局's projects: A (deleted after the closing), B (deleted before it, restored after), C (kept). */
let A: { id: number; name: string };
let B: { id: number; name: string };
let C: { id: number; name: string };
/** N: created after the closing. */
let N: { id: number; name: string };
/** The plan's live projects when October was closed (B already deleted). */
let liveAtClose: number;

async function latest(projectId: number, month: number) {
  return (await db.prisma.progressReport.findFirst({ where: { projectId, year: 2025, month }, orderBy: { revision: "desc" } }))!;
}

/** zjj reports the month, the DRC approves it. */
async function approved(projectId: number, month: number, monthWan: string) {
  const row = {
    projectId,
    baseReportId: null,
    baseVersion: null,
    monthWan,
    physicalProgress: "按计划推进",
    construction: "UNDER_CONSTRUCTION" as const,
    actualStart: "2021-03-01",
    actualCompletion: null,
  };
  await runAs(db.prisma, zjj, saveReportDraftsMutation, { planCode: PLAN, year: 2025, month, rows: [row], confirmWarnings: true }, NOW);
  const draft = await latest(projectId, month);
  await runAs(db.prisma, zjj, submitReportsMutation, { planCode: PLAN, year: 2025, month, reports: [{ projectId, reportId: draft.id, version: draft.version }] }, NOW);
  const sent = await latest(projectId, month);
  await runAs(db.prisma, drc, reviewReportsMutation, { decision: "APPROVE", comment: "", reports: [{ id: sent.id, version: sent.version }] }, NOW);
}

async function version(projectId: number) {
  return (await db.prisma.project.findUniqueOrThrow({ where: { id: projectId } })).version;
}

/** Everything a month's figures are read through, as one value to compare. */
async function everything(asOf: YearMonth) {
  const byDimension = Object.fromEntries(await Promise.all(ROLLUP_DIMENSIONS.map(async (by) => [by, await rollup(db.prisma, PLAN, by, { asOf })] as const)));
  return {
    total: await rollupTotal(db.prisma, PLAN, { asOf }),
    everyPlan: await rollupTotal(db.prisma, null, { asOf }),
    byDimension,
    unitLive: await rollup(db.prisma, PLAN, "unit", { asOf, live: true }),
    headline: await planHeadline(db.prisma, planId, asOf),
    cross: await domainByCounty(db.prisma, PLAN, asOf),
    perProject: [...(await projectProgressAsOf(db.prisma, planId, asOf)).entries()].sort(([a], [b]) => a - b),
    curve: (await planProgressByMonth(db.prisma, planId, asOf.year)).find((p) => p.month === asOf.month),
  };
}

async function bulletin(asOf: YearMonth) {
  const data = await bulletinData(db.prisma, drc, PLAN, asOf, "approved", LATER);
  const lagging = data.projects.filter((p) => p.figures.light === "RED" || p.figures.light === "YELLOW").map((p) => p.row.name);
  return { data, lagging, red: data.projects.filter((p) => p.figures.light === "RED").length };
}

const housing = async (asOf: YearMonth) => {
  const summary = (await rollup(db.prisma, PLAN, "unit", { asOf })).find((r) => r.key === HOUSING)!;
  const live = (await rollup(db.prisma, PLAN, "unit", { asOf, live: true })).find((r) => r.key === HOUSING)!;
  expect(summary).toEqual(live);
  return summary;
};

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  const user = async (login: string) => (await loadActor((await db.prisma.user.findUniqueOrThrow({ where: { login } })).id, db.prisma))!;
  drc = await user("drc");
  zjj = await user("zjj");
  admin = await user("admin");
  planId = (await db.prisma.plan.findUniqueOrThrow({ where: { code: PLAN } })).id;
  const own = await db.prisma.project.findMany({
    where: { planId, units: { some: { unit: { name: HOUSING } } } },
    orderBy: { seq: "asc" },
    select: { id: true, name: true },
  });
  [A, B, C] = [own[0]!, own[1]!, own[2]!];
  // 年度计划 2025: A 1000, B 2000, C 400 (万元). Approved: A September 300 and October 200, B September 100, C October 350.
  await runAs(db.prisma, drc, saveAnnualPlansMutation, { planCode: PLAN, plans: { year: 2025, entries: [[A, "1000"], [B, "2000"], [C, "400"]].map(([p, wan]) => ({ projectId: (p as typeof A).id, wan: wan as string })) } }, NOW);
  await approved(A.id, 9, "300");
  await approved(A.id, 10, "200");
  await approved(B.id, 9, "100");
  await approved(C.id, 10, "350");
  // B deleted before October is closed.
  await runAs(db.prisma, admin, deleteProjectMutation, { projectId: B.id, version: await version(B.id) }, NOW);
});
afterAll(() => db.drop());

describe("a closed month counts the projects its closing recorded", () => {
  it("stays exactly as closed when a project is created, one deleted before the closing restored, and another deleted", async () => {
    await runAs(db.prisma, drc, monthClosingMutation, { action: "close", planCode: PLAN, ...OCT, version: null, reason: "" }, NOW);
    liveAtClose = await db.prisma.project.count({ where: { planId, deletedAt: null } });
    const month = await db.prisma.reportingMonth.findFirstOrThrow({ where: { planId, ...OCT } });
    expect(await db.prisma.reportingMonthProject.count({ where: { monthId: month.id } })).toBe(liveAtClose);

    const atClose = await everything(OCT);
    const bulletinAtClose = await bulletin(OCT);
    // By hand: A and C count (B deleted): plans 1000 + 400, done 500 + 350.
    // A: 500/1000 = 50%, 83.33 − 50 = 33.3 points behind → red (beyond 30); C: 87.5% → green.
    expect(atClose.total.projects).toBe(liveAtClose);
    expect(atClose.total.progress).toMatchObject({ annualPlanWan: "1400", plannedProjects: 2, yearToDateWan: "850", planToDateWan: "850", annualRate: "0.607143", lagPoints: "22.619", red: 1, yellow: 0, green: 1 });
    // Every plan (the one of this database) by its own reading of the annual plans (read once, not probed): the same.
    expect(atClose.everyPlan.progress).toMatchObject({ annualPlanWan: "1400", plannedProjects: 2, yearToDateWan: "850", planToDateWan: "850", red: 1, yellow: 0, green: 1 });
    expect(atClose.headline).toMatchObject({ projects: liveAtClose, annualPlanWan: "1400", yearToDateWan: "850", annualRate: "0.607143", red: 1, yellow: 0, green: 1 });
    expect(atClose.headline.behind.map((b) => b.name)).toEqual([A.name]);
    expect(atClose.perProject.map(([id]) => id)).toContain(A.id);
    expect(atClose.perProject.map(([id]) => id)).not.toContain(B.id);
    // October's curve: completed in October A 200 + C 350, 1–10月 A 500 + C 350; the even pace 1400 × 10/12.
    expect(atClose.curve).toMatchObject({ completedWan: "550", cumulativeWan: "850", planPaceWan: "1166.6667" });
    expect((await housing(OCT)).progress).toMatchObject({ annualPlanWan: "1400", yearToDateWan: "850", red: 1, green: 1 });
    expect(bulletinAtClose.lagging).toEqual([A.name]);

    // After the closing: N created with an annual plan, B restored, A deleted.
    const domain = await db.prisma.domain.findFirstOrThrow({ where: { planId, name: "教育" } });
    const created = await runAs(
      db.prisma,
      drc,
      createProjectMutation,
      {
        planCode: PLAN,
        project: {
          domainId: domain.id,
          name: "温州市关账后新增安置房",
          type: "新建",
          period: "2024-2026",
          locationText: "鹿城区",
          content: "新建安置房 10 万平方米。",
          total: { text: "50000", unit: "万元" },
          fyp: { text: "30000", unit: "万元" },
          units: [HOUSING],
        },
      },
      LATER,
    );
    N = { id: created.id, name: created.name };
    // October closed: N's plan is a revision from November.
    const saved = await runAs(db.prisma, drc, saveAnnualPlansMutation, { planCode: PLAN, plans: { year: 2025, entries: [{ projectId: N.id, wan: "3000" }] } }, LATER);
    expect(saved.fromMonth).toBe(11);
    await runAs(db.prisma, admin, restoreProjectMutation, { projectId: B.id }, LATER);
    await runAs(db.prisma, admin, deleteProjectMutation, { projectId: A.id, version: await version(A.id) }, LATER);

    // October: exactly as at the closing, in every reading.
    const after = await everything(OCT);
    expect(after).toEqual(atClose);
    expect(after.perProject.map(([id]) => id)).not.toContain(N.id);
    const bulletinAfter = await bulletin(OCT);
    expect(bulletinAfter.data.headline).toEqual(bulletinAtClose.data.headline);
    expect(bulletinAfter.data.byDomain).toEqual(bulletinAtClose.data.byDomain);
    expect(bulletinAfter.data.unitRanking).toEqual(bulletinAtClose.data.unitRanking);
    // Lists and totals agree: A, deleted since, is still October's one red project, listed by name.
    expect(bulletinAfter.lagging).toEqual([A.name]);
    expect(bulletinAfter.red).toBe(bulletinAfter.data.headline.red);
    expect(bulletinAfter.data.projects).toHaveLength(bulletinAfter.data.headline.projects);
    expect(bulletinAfter.data.projects.map((p) => p.row.id)).toEqual(bulletinAtClose.data.projects.map((p) => p.row.id));

    // November (open): the live projects — B and N in, A out.
    // Plans B 2000 + C 400 + N 3000 = 5400; done B 100 + C 350 = 450 (nobody reported November).
    // B 5% and N 0% are red (91.67 points behind pace is beyond 30); C 87.5% is 4.2 points behind → green.
    const nov = await rollupTotal(db.prisma, PLAN, { asOf: NOV });
    expect(nov.projects).toBe(liveAtClose + 1);
    expect(nov.progress).toMatchObject({ annualPlanWan: "5400", plannedProjects: 3, yearToDateWan: "450", annualRate: "0.083333", red: 2, yellow: 0, green: 1 });
    expect((await rollupTotal(db.prisma, null, { asOf: NOV })).progress).toMatchObject({ annualPlanWan: "5400", plannedProjects: 3, yearToDateWan: "450", red: 2, yellow: 0, green: 1 });
    expect((await planHeadline(db.prisma, planId, NOV)).yearToDateWan).toBe("450");
    expect((await housing(NOV)).progress).toMatchObject({ annualPlanWan: "5400", yearToDateWan: "450", red: 2, green: 1 });
    expect((await bulletin(NOV)).lagging.sort()).toEqual([B.name, N.name].sort());
    // The whole year's curve, month by month: September and November–December open (the live B, C and N;
    // N's plan in force from November), October as closed (A and C).
    // September: done B 100; plans B 2000 + C 400 → pace 2400 × 9/12. October: as closed, 550, 850, 1400 × 10/12.
    // November: nothing done, 1–11月 B 100 + C 350; plans 5400 → 5400 × 11/12. December: 5400.
    const curve = await planProgressByMonth(db.prisma, planId, 2025);
    expect(curve.map((p) => p.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(curve.slice(8)).toEqual([
      { month: 9, completedWan: "100", cumulativeWan: "100", planPaceWan: "1800" },
      { month: 10, completedWan: "550", cumulativeWan: "850", planPaceWan: "1166.6667" },
      { month: 11, completedWan: "0", cumulativeWan: "450", planPaceWan: "4950" },
      { month: 12, completedWan: "0", cumulativeWan: "450", planPaceWan: "5400" },
    ]);

    // Reopened, October is live again: C and B (N's plan starts in November). Plans 400 + 2000, done 350 + 100.
    const closed = await db.prisma.reportingMonth.findFirstOrThrow({ where: { planId, ...OCT } });
    await runAs(db.prisma, drc, monthClosingMutation, { action: "reopen", planCode: PLAN, ...OCT, version: closed.version, reason: "更正" }, LATER);
    expect(await db.prisma.reportingMonthProject.count({ where: { monthId: closed.id } })).toBe(0);
    const reopened = await rollupTotal(db.prisma, PLAN, { asOf: OCT });
    expect(reopened.projects).toBe(liveAtClose + 1);
    expect(reopened.progress).toMatchObject({ annualPlanWan: "2400", plannedProjects: 2, yearToDateWan: "450", annualRate: "0.1875", red: 1, green: 1 });
    expect((await housing(OCT)).progress).toMatchObject({ annualPlanWan: "2400", yearToDateWan: "450" });
    // Every plan: N's plan, a revision from November, is not yet in force in October.
    expect((await rollupTotal(db.prisma, null, { asOf: OCT })).progress).toMatchObject({ annualPlanWan: "2400", plannedProjects: 2, yearToDateWan: "450", red: 1, green: 1 });
    expect((await bulletin(OCT)).lagging).toEqual([B.name]);
    // The history keeps both events.
    expect((await db.prisma.reportingMonthEvent.findMany({ where: { reportingMonthId: closed.id }, orderBy: { id: "asc" } })).map((e) => e.action)).toEqual(["CLOSE", "REOPEN"]);

    // Closed again: the set is the live projects of this closing.
    const open = await db.prisma.reportingMonth.findFirstOrThrow({ where: { planId, ...OCT } });
    await runAs(db.prisma, drc, monthClosingMutation, { action: "close", planCode: PLAN, ...OCT, version: open.version, reason: "" }, LATER);
    const recorded = (await db.prisma.reportingMonthProject.findMany({ where: { monthId: closed.id }, select: { projectId: true } })).map((r) => r.projectId);
    expect(recorded).toHaveLength(liveAtClose + 1);
    expect(recorded).toEqual(expect.arrayContaining([B.id, C.id, N.id]));
    expect(recorded).not.toContain(A.id);
  });
});
