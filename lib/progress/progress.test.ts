// Monthly progress reporting on a real PostgreSQL seeded with the Wenzhou
// annex: who may report, the draft → submit → return/approve workflow with
// revisions, closed months, the late list, and the derived figures. Every
// expected figure is worked out here by hand, from the numbers the test
// types in, never by calling the code that computes them.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { seedDemoData } from "@/lib/plans/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runAs } from "@/tests/run-as";
import { saveAnnualPlansMutation, listAnnualPlans } from "./annual-plans";
import { listIssues, raiseIssueMutation, updateIssueMutation } from "./coordination-issues";
import { reviewReportsMutation, saveReportDraftsMutation, submitReportsMutation } from "./monthly-reports";
import { monthlySheet } from "./monthly-sheet";
import { projectProgressAsOf } from "./progress-figures";
import { saveReportsSchema, type ReportRowInput } from "./progress-input";
import { projectProgressHistory } from "./project-progress";
import { lateReporters, reportingStatus, updateProgressSettingsMutation } from "./reporting-months";
import { monthClosing, monthClosingMutation } from "./month-closing";

const PLAN = "wenzhou-2021";
// The workflow's figures as the unit and the reviewer see them, submitted reports counted (含已提交未审核);
// what 已审核 counts is tested in report-basis.test.ts.
const SUBMITTED = { basis: "submitted" } as const;
const NOW = new Date("2026-11-23T10:00:00+08:00");
const source: { seq: number; units: string[] }[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));

let db: TestDatabase;
const LOGINS = ["admin", "drc", "zjj", "jyj", "viewer"] as const;
const actors = {} as Record<(typeof LOGINS)[number], Actor>;
let planId: number;
/** 序号 → project id. */
const ids = new Map<number, number>();
/** The 序号 of 市住建局's projects, from the source file. */
const housingSeqs = source.filter((r) => r.units.includes("市住建局")).map((r) => r.seq);

async function errorOf(promise: Promise<unknown>): Promise<{ status: number; message: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message, details: error.details };
    throw error;
  }
  return { status: 200, message: "" };
}

async function latest(projectId: number, year: number, month: number) {
  return db.prisma.progressReport.findFirst({ where: { projectId, year, month }, orderBy: { revision: "desc" } });
}

/** A row based on what is stored now, as the grid would send it. */
async function row(seq: number, year: number, month: number, fields: Partial<ReportRowInput>): Promise<ReportRowInput> {
  const projectId = ids.get(seq)!;
  const last = await latest(projectId, year, month);
  return {
    projectId,
    baseReportId: last?.id ?? null,
    baseVersion: last?.version ?? null,
    physicalProgress: "按计划推进",
    construction: "UNDER_CONSTRUCTION",
    actualStart: "2021-03-01",
    actualCompletion: null,
    ...fields,
  };
}

async function save(actor: Actor, year: number, month: number, rows: ReportRowInput[], confirmWarnings?: boolean) {
  return runAs(db.prisma, actor, saveReportDraftsMutation, { planCode: PLAN, year, month, rows, confirmWarnings }, NOW);
}

/** The drafts' ids and versions as stored now: what the grid sends when it submits. */
async function seen(year: number, month: number, seqs: number[]) {
  return Promise.all(
    seqs.map(async (s) => {
      const r = (await latest(ids.get(s)!, year, month))!;
      return { projectId: ids.get(s)!, reportId: r.id, version: r.version };
    }),
  );
}

async function submit(actor: Actor, year: number, month: number, seqs: number[], now = NOW) {
  return runAs(db.prisma, actor, submitReportsMutation, { planCode: PLAN, year, month, reports: await seen(year, month, seqs) }, now);
}

async function review(actor: Actor, seq: number, year: number, month: number, decision: "APPROVE" | "RETURN", comment = "") {
  const r = (await latest(ids.get(seq)!, year, month))!;
  return runAs(db.prisma, actor, reviewReportsMutation, { decision, comment, reports: [{ id: r.id, version: r.version }] }, NOW);
}

async function setPlan(seq: number, year: number, wan: string) {
  await runAs(db.prisma, actors.drc, saveAnnualPlansMutation, { planCode: PLAN, plans: { year, entries: [{ projectId: ids.get(seq)!, wan }] } }, NOW);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  for (const login of LOGINS) {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { login } });
    actors[login] = (await loadActor(user.id, db.prisma))!;
  }
  planId = (await db.prisma.plan.findUniqueOrThrow({ where: { code: PLAN } })).id;
  for (const p of await db.prisma.project.findMany({ where: { planId } })) ids.set(p.seq, p.id);
});
afterAll(() => db.drop());

describe("who may report on which project", () => {
  const cases: { who: keyof typeof actors; seq: number; status: number; message?: RegExp }[] = [
    { who: "zjj", seq: 1, status: 200 },
    { who: "jyj", seq: 1, status: 403, message: /只能填报本单位作为实施单位的项目/ },
    { who: "viewer", seq: 1, status: 403 },
    { who: "drc", seq: 2, status: 200 },
    { who: "admin", seq: 3, status: 200 },
  ];
  for (const c of cases) {
    it(`${c.who} on 序号 ${c.seq}: ${c.status}`, async () => {
      const result = await errorOf(save(actors[c.who], 2026, 1, [await row(c.seq, 2026, 1, { monthWan: "100" })]));
      expect(result.status).toBe(c.status);
      if (c.message) expect(result.message).toMatch(c.message);
    });
  }

  it("refuses a month that has not begun, one before the plan, and amounts that are not numbers", async () => {
    expect((await errorOf(save(actors.zjj, 2026, 12, [await row(1, 2026, 12, { monthWan: "1" })]))).message).toMatch(/尚未开始/);
    expect((await errorOf(save(actors.zjj, 2020, 12, [await row(1, 2020, 12, { monthWan: "1" })]))).message).toMatch(/早于规划起始年份/);
    const parsed = saveReportsSchema.safeParse({ planCode: PLAN, year: 2026, month: 1, rows: [await row(1, 2026, 1, { monthWan: "-5" })] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe("金额不能为负数");
    const completedWithoutDate = saveReportsSchema.safeParse({
      planCode: PLAN,
      year: 2026,
      month: 1,
      rows: [await row(1, 2026, 1, { monthWan: "5", construction: "COMPLETED" })],
    });
    expect(completedWithoutDate.error!.issues[0]!.message).toBe("状态为竣工时请填写实际竣工日期");
  });
});

describe("the workflow: draft, submit, return with a comment, correct, approve", () => {
  // 市住建局's fourth project in the source file, untouched by the cases above.
  const seq = housingSeqs[3]!;

  it("counts a report only once it is submitted, and keeps every revision", async () => {
    await setPlan(seq, 2026, "1200");
    await save(actors.zjj, 2026, 1, [await row(seq, 2026, 1, { monthWan: "100" })]);
    let figures = (await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 1 }, [ids.get(seq)!], SUBMITTED)).get(ids.get(seq)!)!;
    expect(figures.yearToDateWan).toBe("0"); // a draft does not count

    await submit(actors.zjj, 2026, 1, [seq]);
    figures = (await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 1 }, [ids.get(seq)!], SUBMITTED)).get(ids.get(seq)!)!;
    expect(figures.monthWan).toBe("100");

    // Submitted: the unit cannot change it until the DRC returns it.
    const whileSubmitted = await errorOf(save(actors.zjj, 2026, 1, [await row(seq, 2026, 1, { monthWan: "90" })]));
    expect(whileSubmitted).toMatchObject({ status: 409, message: expect.stringMatching(/等待审核/) });

    expect((await errorOf(review(actors.drc, seq, 2026, 1, "RETURN"))).message).toMatch(/退回时请填写退回意见/);
    expect((await errorOf(review(actors.zjj, seq, 2026, 1, "APPROVE"))).status).toBe(403);
    await review(actors.drc, seq, 2026, 1, "RETURN", "1月数据与统计局口径不符");

    const sheet = await monthlySheet(db.prisma, actors.zjj, PLAN, { year: 2026, month: 1 }, { mine: true });
    const mine = sheet.rows.find((r) => r.seq === seq)!;
    expect(mine.state).toBe("RETURNED");
    expect(mine.latest!.reviewComment).toBe("1月数据与统计局口径不符");
    figures = (await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 1 }, [ids.get(seq)!], SUBMITTED)).get(ids.get(seq)!)!;
    expect(figures.monthWan).toBeNull(); // a returned report no longer counts

    // The unit corrects it (a new revision) and resubmits; the DRC approves.
    await save(actors.zjj, 2026, 1, [await row(seq, 2026, 1, { monthWan: "80" })]);
    await submit(actors.zjj, 2026, 1, [seq]);
    await review(actors.drc, seq, 2026, 1, "APPROVE");
    const revisions = await db.prisma.progressReport.findMany({ where: { projectId: ids.get(seq)!, year: 2026, month: 1 }, orderBy: { revision: "asc" } });
    expect(revisions.map((r) => [r.revision, r.status, r.monthWan.toFixed(), r.effective])).toEqual([
      [1, "RETURNED", "100", false],
      [2, "APPROVED", "80", true],
    ]);
  });

  it("keeps the approved figure counting while a correction is drafted, and both in the history", async () => {
    await save(actors.zjj, 2026, 1, [await row(seq, 2026, 1, { monthWan: "85" })]);
    let figures = (await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 1 }, [ids.get(seq)!], SUBMITTED)).get(ids.get(seq)!)!;
    expect(figures.monthWan).toBe("80");
    await submit(actors.zjj, 2026, 1, [seq]);
    figures = (await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 1 }, [ids.get(seq)!], SUBMITTED)).get(ids.get(seq)!)!;
    expect(figures.monthWan).toBe("85");
    // Returned: the approved revision counts again.
    await review(actors.drc, seq, 2026, 1, "RETURN", "更正无依据");
    figures = (await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 1 }, [ids.get(seq)!], SUBMITTED)).get(ids.get(seq)!)!;
    expect(figures.monthWan).toBe("80");
    const history = await projectProgressHistory(db.prisma, actors.viewer, ids.get(seq)!);
    expect(history.revisions.filter((r) => r.month === 1).map((r) => `${r.revision}:${r.status}:${r.monthWan}`)).toEqual([
      "3:RETURNED:85",
      "2:APPROVED:80",
      "1:RETURNED:100",
    ]);
  });

  it("lets exactly one of ten simultaneous first saves through, the others told to reload, nothing duplicated", async () => {
    const rows = await Promise.all(Array.from({ length: 10 }, (_, i) => row(seq, 2026, 3, { monthWan: String(i + 1) })));
    const results = await Promise.all(rows.map((r) => errorOf(save(actors.zjj, 2026, 3, [r]))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await db.prisma.progressReport.count({ where: { projectId: ids.get(seq)!, year: 2026, month: 3 } })).toBe(1);
  });

  it("refuses a save based on a revision someone else has changed since", async () => {
    const stale = await row(seq, 2026, 2, { monthWan: "10" });
    await save(actors.drc, 2026, 2, [await row(seq, 2026, 2, { monthWan: "20" })]);
    const result = await errorOf(save(actors.zjj, 2026, 2, [stale]));
    expect(result.status).toBe(409);
    expect(result.message).toMatch(/已被他人修改.*未保存/);
    expect((await latest(ids.get(seq)!, 2026, 2))!.monthWan.toFixed()).toBe("20");
  });
});

describe("figures derived from the months", () => {
  // 市住建局's second project: its 十四五 investment is a number (the fourth's is ——).
  const seq = housingSeqs[1]!;

  it("takes 1–N月累计 as typed, derives the month, and refuses a cumulative figure that goes down", async () => {
    await setPlan(seq, 2026, "1200");
    // Months 1–5: 1月 100 typed as a month, then cumulative 250, 300, 300, 480.
    await save(actors.zjj, 2026, 1, [await row(seq, 2026, 1, { monthWan: "100" })]);
    await submit(actors.zjj, 2026, 1, [seq]);
    for (const [month, ytd] of [[2, "250"], [3, "300"], [4, "300"], [5, "480"]] as const) {
      await save(actors.zjj, 2026, month, [await row(seq, 2026, month, { yearToDateWan: ytd })]);
      await submit(actors.zjj, 2026, month, [seq]);
    }
    const months = await db.prisma.progressReport.findMany({ where: { projectId: ids.get(seq)!, year: 2026 }, orderBy: { month: "asc" } });
    expect(months.map((m) => m.monthWan.toFixed())).toEqual(["100", "150", "50", "0", "180"]);

    const down = await errorOf(save(actors.zjj, 2026, 6, [await row(seq, 2026, 6, { yearToDateWan: "479.5" })]));
    expect(down.status).toBe(400);
    expect(down.message).toContain("本年累计完成 479.5 万元小于截至上月的累计 480 万元");
  });

  it("warns when completion runs ahead of the annual plan, and saves once confirmed", async () => {
    const ahead = await errorOf(save(actors.zjj, 2026, 6, [await row(seq, 2026, 6, { monthWan: "800" })]));
    expect(ahead.status).toBe(422);
    expect((ahead.details as { warnings: string[] }).warnings[0]!).toContain("本年累计完成 1280 万元，超过年度计划 1200 万元");
    expect(await latest(ids.get(seq)!, 2026, 6)).toBeNull();
    await save(actors.zjj, 2026, 6, [await row(seq, 2026, 6, { monthWan: "800" })], true);
    expect((await latest(ids.get(seq)!, 2026, 6))!.status).toBe("DRAFT");
  });

  it("computes rates, the gap to 序时进度 and the traffic light exactly at the thresholds", async () => {
    // As of May (序时进度 5/12): 480 of 1200 = 40%, 1.6667 points behind → green.
    const may = (await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 5 }, undefined, SUBMITTED)).get(ids.get(seq)!)!;
    expect(may.yearToDateWan).toBe("480");
    expect(may.annualRate).toBe("0.4");
    expect(may.lagPoints).toBe("1.6667");
    expect(may.light).toBe("GREEN");
    // As of June with the June draft unsubmitted: still 480 → exactly 10 points behind (6/12 − 0.4) → yellow.
    const june = (await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 6 }, undefined, SUBMITTED)).get(ids.get(seq)!)!;
    expect(june.lagPoints).toBe("10");
    expect(june.light).toBe("YELLOW");
    // October: 10/12 − 0.4 = 43.33 points → red; with a threshold of 50 → yellow.
    expect((await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 10 }, undefined, SUBMITTED)).get(ids.get(seq)!)!.light).toBe("RED");
    await runAs(db.prisma, actors.drc, updateProgressSettingsMutation, { planCode: PLAN, settings: { reportDeadlineDay: 5, yellowLagPoints: 10, redLagPoints: 50 } }, NOW);
    expect((await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 10 }, undefined, SUBMITTED)).get(ids.get(seq)!)!.light).toBe("YELLOW");
    await runAs(db.prisma, actors.drc, updateProgressSettingsMutation, { planCode: PLAN, settings: { reportDeadlineDay: 5, yellowLagPoints: 10, redLagPoints: 30 } }, NOW);
    // A project with no annual plan has no light, and a rate against 十四五 only.
    const noPlan = (await projectProgressAsOf(db.prisma, planId, { year: 2027, month: 1 }, undefined, SUBMITTED)).get(ids.get(seq)!)!;
    expect(noPlan.light).toBeNull();
    expect(noPlan.annualRate).toBeNull();
  });

  it("sums 十四五累计 over the plan's years only, against the 十四五 investment", async () => {
    const fyp = (await db.prisma.project.findUniqueOrThrow({ where: { id: ids.get(seq)! } })).fypWan!;
    // A 2025 month inside the plan, reported by the DRC.
    await save(actors.drc, 2025, 12, [await row(seq, 2025, 12, { monthWan: "1000" })]);
    await submit(actors.drc, 2025, 12, [seq]);
    const may = (await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 5 }, undefined, SUBMITTED)).get(ids.get(seq)!)!;
    // 2026 is after 2021–2025: only the 1000 of 2025 counts for 十四五.
    expect(may.planToDateWan).toBe("1000");
    expect(Number(may.fypRate)).toBeCloseTo(1000 / Number(fyp.toString()), 6);
  });

  it("flags a project that has not started when its period says it should have", async () => {
    const other = housingSeqs.find((s) => s > seq)!;
    await save(actors.zjj, 2026, 3, [await row(other, 2026, 3, { monthWan: "0", construction: "PREPARATION", actualStart: null })]);
    await submit(actors.zjj, 2026, 3, [other]);
    const figures = (await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 3 }, undefined, SUBMITTED)).get(ids.get(other)!)!;
    expect(figures.notStarted).toBe(true);
    expect((await projectProgressAsOf(db.prisma, planId, { year: 2026, month: 3 }, undefined, SUBMITTED)).get(ids.get(seq)!)!.notStarted).toBe(false);
  });

  it("gives the project's curve by month with the plan's even pace", async () => {
    const history = await projectProgressHistory(db.prisma, actors.viewer, ids.get(seq)!, SUBMITTED);
    const y2026 = history.months.filter((m) => m.year === 2026);
    expect(y2026.slice(0, 6).map((m) => m.yearToDateWan)).toEqual(["100", "250", "300", "300", "480", "480"]);
    expect(y2026[5]!.planPaceWan).toBe("600");
    expect(history.years.find((y) => y.year === 2026)).toEqual({ year: 2026, plannedWan: "1200", completedWan: "480" });
  });
});

describe("the DRC's month: proposals, late reporters, closing", () => {
  it("records a unit's annual figure as a proposal and the DRC's as the plan", async () => {
    const seq = 56; // 市住建局's alone, in the source file
    expect(source.find((r) => r.seq === seq)!.units).toEqual(["市住建局"]);
    await runAs(db.prisma, actors.zjj, saveAnnualPlansMutation, { planCode: PLAN, plans: { year: 2027, entries: [{ projectId: ids.get(seq)!, wan: "5,000" }] } }, NOW);
    let rows = await listAnnualPlans(db.prisma, PLAN, 2027);
    expect(rows.find((r) => r.seq === seq)).toMatchObject({ proposedWan: "5000", plannedWan: null });
    await setPlan(seq, 2027, "4500");
    rows = await listAnnualPlans(db.prisma, PLAN, 2027);
    expect(rows.find((r) => r.seq === seq)).toMatchObject({ proposedWan: "5000", plannedWan: "4500" });
    const foreign = await errorOf(
      runAs(db.prisma, actors.jyj, saveAnnualPlansMutation, { planCode: PLAN, plans: { year: 2027, entries: [{ projectId: ids.get(seq)!, wan: "1" }] } }, NOW),
    );
    expect(foreign.status).toBe(403);
  });

  it("lists who is late after the deadline, per project and per unit", async () => {
    // August 2026: 市住建局 submits two of its projects on 9-03 (on time), one on 9-08 (late).
    const [a, b, c] = housingSeqs as [number, number, number];
    const onTime = new Date("2026-09-03T09:00:00+08:00");
    const late = new Date("2026-09-08T09:00:00+08:00");
    for (const s of [a, b]) {
      await runAs(db.prisma, actors.zjj, saveReportDraftsMutation, { planCode: PLAN, year: 2026, month: 8, rows: [await row(s, 2026, 8, { monthWan: "1" })] }, onTime);
      await submit(actors.zjj, 2026, 8, [s], onTime);
    }
    await runAs(db.prisma, actors.zjj, saveReportDraftsMutation, { planCode: PLAN, year: 2026, month: 8, rows: [await row(c, 2026, 8, { monthWan: "1" })] }, late);
    await submit(actors.zjj, 2026, 8, [c], late);

    // Before the deadline (9-05 23:59 Beijing) nobody is late yet.
    const before = await reportingStatus(db.prisma, actors.drc, PLAN, { year: 2026, month: 8 }, new Date("2026-09-05T23:59:00+08:00"));
    expect(before.deadline).toBe("2026-09-05");
    expect(before.deadlinePassed).toBe(false);

    const status = await reportingStatus(db.prisma, actors.drc, PLAN, { year: 2026, month: 8 }, NOW);
    expect(status.projects).toHaveLength(source.length);
    const lateSeqs = status.projects.filter((p) => p.late).map((p) => p.seq);
    // Late: everything but a and b — c submitted after the deadline, the rest never.
    expect(lateSeqs).toEqual(source.map((r) => r.seq).filter((s) => s !== a && s !== b).sort((x, y) => x - y));
    expect(status.projects.find((p) => p.seq === c)!.punctuality).toBe("LATE");
    const housing = status.units.find((u) => u.unitName === "市住建局")!;
    expect(housing).toMatchObject({
      required: housingSeqs.length,
      submittedOnTime: 2,
      submittedLate: 1,
      notSubmitted: housingSeqs.length - 3,
      awaitingReview: 3,
    });
    const education = status.units.find((u) => u.unitName === "市教育局")!;
    expect(education.required).toBe(source.filter((r) => r.units.includes("市教育局")).length);
    expect(education.late).toBe(education.required);
  });

  it("the dashboard's late units: each unit's counts, in order, and their 合计 with each project once", async () => {
    // The same August as above, worked out from the source file: a and b on time, c late, the rest never submitted.
    const [a, b, c] = housingSeqs as [number, number, number];
    const expected = (deadlinePassed: boolean) => {
      const late = (seq: number) => seq === c || (deadlinePassed && seq !== a && seq !== b);
      const notSubmitted = (seq: number) => seq !== a && seq !== b && seq !== c;
      const units = new Map<string, { required: number; late: number; notSubmitted: number }>();
      for (const r of source) {
        for (const name of r.units) {
          const t = units.get(name) ?? { required: 0, late: 0, notSubmitted: 0 };
          t.required++;
          if (late(r.seq)) t.late++;
          if (notSubmitted(r.seq)) t.notSubmitted++;
          units.set(name, t);
        }
      }
      const lateUnits = new Set([...units].filter(([, t]) => t.late > 0).map(([name]) => name));
      const ofLate = source.filter((r) => r.units.some((u) => lateUnits.has(u)));
      const zh = new Intl.Collator("zh").compare;
      return {
        units: [...units]
          .filter(([name]) => lateUnits.has(name))
          .map(([unitName, t]) => ({ unitName, ...t }))
          .sort((x, y) => y.late - x.late || y.notSubmitted - x.notSubmitted || zh(x.unitName, y.unitName)),
        total: { required: ofLate.length, late: ofLate.filter((r) => late(r.seq)).length, notSubmitted: ofLate.filter((r) => notSubmitted(r.seq)).length },
      };
    };
    const after = await lateReporters(db.prisma, actors.drc, PLAN, { year: 2026, month: 8 }, NOW);
    expect(after.deadline).toBe("2026-09-05");
    expect(after.deadlinePassed).toBe(true);
    expect(after.units.map(({ unitId: _, ...u }) => u)).toEqual(expected(true).units);
    expect(after.total).toEqual(expected(true).total);
    expect(after.units.find((u) => u.unitName === "市住建局")).toMatchObject({ required: housingSeqs.length, late: housingSeqs.length - 2, notSubmitted: housingSeqs.length - 3 });
    // Before the deadline only c is late: its units alone, and their projects' 合计.
    const before = await lateReporters(db.prisma, actors.drc, PLAN, { year: 2026, month: 8 }, new Date("2026-09-05T23:59:00+08:00"));
    expect(before.deadlinePassed).toBe(false);
    expect(before.units.map(({ unitId: _, ...u }) => u)).toEqual(expected(false).units);
    expect(before.total).toEqual(expected(false).total);
    expect(before.total.late).toBe(1);
  });

  it("closes a month only when nothing awaits review, and then refuses every change", async () => {
    const ym = { year: 2026, month: 8 };
    const close = { action: "close" as const, planCode: PLAN, ...ym };
    expect((await errorOf(runAs(db.prisma, actors.drc, monthClosingMutation, close, NOW))).message).toMatch(/还有 3 份填报等待审核/);
    for (const s of housingSeqs.slice(0, 3)) await review(actors.drc, s, 2026, 8, "APPROVE");
    expect((await errorOf(runAs(db.prisma, actors.zjj, monthClosingMutation, close, NOW))).status).toBe(403);
    const closed = await runAs(db.prisma, actors.drc, monthClosingMutation, close, NOW);
    const refused = await errorOf(save(actors.zjj, 2026, 8, [await row(housingSeqs[4]!, 2026, 8, { monthWan: "1" })]));
    expect(refused).toMatchObject({ status: 409, message: expect.stringMatching(/已由发改委关账/) });
    const sheet = await monthlySheet(db.prisma, actors.zjj, PLAN, ym, { mine: true });
    expect(sheet.locked).not.toBeNull();
    expect(sheet.rows.every((r) => !r.canReport)).toBe(true);
    const plan = await db.prisma.plan.findUniqueOrThrow({ where: { code: PLAN } });
    const reopen = { action: "reopen" as const, planCode: PLAN, ...ym, version: closed.version };
    expect((await errorOf(runAs(db.prisma, actors.drc, monthClosingMutation, { ...reopen, reason: " " }, NOW))).message).toMatch(/请填写重新开放的原因/);
    await runAs(db.prisma, actors.drc, monthClosingMutation, { ...reopen, reason: "市住建局申请更正" }, NOW);
    await save(actors.zjj, 2026, 8, [await row(housingSeqs[4]!, 2026, 8, { monthWan: "1" })]);
    const history = await monthClosing(db.prisma, plan.id, ym);
    expect(history.state).toBe("OPEN");
    expect(history.events.map((e) => [e.action, e.reason])).toEqual([["CLOSE", ""], ["REOPEN", "市住建局申请更正"]]);
    // What was unreported at the closing stays with it: 市住建局's projects not reported in August.
    expect(history.events[0]!.unreported.length).toBeGreaterThan(0);
  });
});

describe("problems needing coordination", () => {
  it("are raised by the unit, followed up by the DRC, and resolved with how", async () => {
    const projectId = ids.get(housingSeqs[0]!)!;
    const issue = await runAs(db.prisma, actors.zjj, raiseIssueMutation, { projectId, description: "安置地块征迁受阻", responsible: "鹿城区政府", dueDate: "2026-10-31" }, NOW);
    expect((await errorOf(runAs(db.prisma, actors.jyj, raiseIssueMutation, { projectId, description: "x" }, NOW))).status).toBe(403);
    expect((await errorOf(runAs(db.prisma, actors.drc, updateIssueMutation, { issueId: issue.id, update: { version: issue.version, state: "RESOLVED" } }, NOW))).message).toMatch(/请填写解决情况/);
    const progressing = await runAs(db.prisma, actors.drc, updateIssueMutation, { issueId: issue.id, update: { version: issue.version, state: "IN_PROGRESS" } }, NOW);
    expect((await errorOf(runAs(db.prisma, actors.zjj, updateIssueMutation, { issueId: issue.id, update: { version: issue.version, state: "OPEN" } }, NOW))).status).toBe(409);
    let open = await listIssues(db.prisma, actors.drc, { planCode: PLAN, open: true }, NOW);
    expect(open.map((i) => [i.description, i.state, i.overdue])).toEqual([["安置地块征迁受阻", "IN_PROGRESS", true]]);
    await runAs(db.prisma, actors.zjj, updateIssueMutation, { issueId: issue.id, update: { version: progressing.version, state: "RESOLVED", resolution: "区政府已完成征迁" } }, NOW);
    open = await listIssues(db.prisma, actors.drc, { planCode: PLAN, open: true }, NOW);
    expect(open).toHaveLength(0);
    const all = await listIssues(db.prisma, actors.viewer, { projectId }, NOW);
    expect(all[0]!).toMatchObject({ state: "RESOLVED", resolution: "区政府已完成征迁", canUpdate: false });
  });
});
