// County shares as of a version, on a real PostgreSQL seeded with the Wenzhou
// annex. Version 1 (the import) has no split. The DRC splits four projects,
// then approves a 中期调整 (version 2) that raises 全市棚户区改造安置工程 to
// 700 亿元, lowers 老旧小区改造's 十四五 amount and cancels 宣传文化阵地提升工程;
// then changes the split live. Each version's rollup by county with shares is
// what was in force when it was approved, the live one the new split, and each
// adds up exactly to its own plan total. Expected figures are written out by
// hand from the source file and the inputs below, never from the code.
import Decimal from "decimal.js";
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { seedDemoData } from "@/lib/plans/demo-data";
import { getCountySplit, rollupByCountyWithShares, setCountySharesMutation, type CountyShareRollupRow } from "@/lib/projects/county-shares";
import { updateProjectMutation } from "@/lib/projects/update-project";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runAs } from "@/tests/run-as";
import { addAdjustmentLineMutation, createAdjustmentMutation, decideAdjustmentMutation, submitAdjustmentMutation } from "./adjustments";
import type { AdjustmentLineInput } from "./adjustment-input";
import { findVersion, listVersions } from "./plan-versions";

const PLAN = "wenzhou-2021";
let db: TestDatabase;
const actors = {} as Record<"admin" | "drc", Actor>;

let signedIn: number | null = null;
vi.mock("@/lib/auth/session", () => ({
  currentUserId: async () => signedIn,
  currentActor: async () => (signedIn === null ? null : loadActor(signedIn, db.prisma)),
}));

/** GET /api/plans/{PLAN}/versions?… as the DRC. */
async function getVersions(query: string) {
  const route = await import("@/app/api/plans/[code]/versions/route");
  signedIn = actors.drc.userId;
  const response = await route.GET(new NextRequest(new URL(`/api/plans/${PLAN}/versions?${query}`, "http://localhost")), { params: Promise.resolve({ code: PLAN }) });
  return { status: response.status, body: (await response.json()) as { rows?: CountyShareRollupRow[]; error?: { message: string } } };
}

type SourceRow = { seq: number; name: string; location: string; totalInvestment: string; fypInvestment: string };
const source: SourceRow[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
/** 亿元 text of the source → 万元, exact; 待定 and —— count as nothing. */
const wanOf = (yi: string) => (/^\d+(\.\d+)?$/.test(yi) ? new Decimal(yi).times(10_000) : new Decimal(0));
const sum = (rows: SourceRow[], pick: "totalInvestment" | "fypInvestment") => rows.reduce((s, r) => s.plus(wanOf(r[pick])), new Decimal(0));
/** The source's projects located in a county: its location text starts with the county's name (“鹿城区 双屿街道”). */
const locatedIn = (prefix: string) => source.filter((r) => r.location.startsWith(prefix));
const wholeCity = source.filter((r) => r.location === "全市");

// The four projects split (all located 全市 in the source), by hand from the source file (亿元 → 万元).
const S = { name: "全市棚户区改造安置工程", total: 6_430_000, fyp: 2_560_000 };
const H = { name: "老旧小区改造", total: 650_000, fyp: 620_000 };
const C = { name: "宣传文化阵地提升工程", total: 200_000, fyp: 200_000 };
const M = { name: "温州智媒信息港", total: 77_000, fyp: 77_000 };
const ids = {} as Record<"S" | "H" | "C" | "M", number>;

const LUCHENG = "330302";
const LONGWAN = "330303";
const OUHAI = "330304";
const RUIAN = "330381";

async function errorOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message };
    throw error;
  }
  return { status: 200, message: "" };
}

async function split(projectId: number, rows: [string, number, number][]) {
  const { version } = await getCountySplit(db.prisma, projectId);
  return runAs(db.prisma, actors.drc, setCountySharesMutation, {
    projectId,
    version,
    shares: rows.map(([regionCode, total, fyp]) => ({ regionCode, total: { text: String(total), unit: "万元" as const }, fyp: { text: String(fyp), unit: "万元" as const } })),
  });
}

const adjustmentVersion = async (id: number) => (await db.prisma.planAdjustment.findUniqueOrThrow({ where: { id } })).version;
const line = async (id: number, l: AdjustmentLineInput) => runAs(db.prisma, actors.drc, addAdjustmentLineMutation, { adjustmentId: id, version: await adjustmentVersion(id), line: l });
const approve = async (id: number) => runAs(db.prisma, actors.admin, decideAdjustmentMutation, { adjustmentId: id, version: await adjustmentVersion(id), decision: "approve" });

const row = (rows: CountyShareRollupRow[], key: string) => rows.find((r) => r.key === key);
const totals = (rows: CountyShareRollupRow[]) => ({
  total: rows.reduce((s, r) => s.plus(r.totalWan), new Decimal(0)).toFixed(),
  fyp: rows.reduce((s, r) => s.plus(r.fypWan), new Decimal(0)).toFixed(),
});
const line_ = (projects: number, splitProjects: number, total: Decimal.Value, fyp: Decimal.Value) => ({ projects, splitProjects, totalWan: new Decimal(total).toFixed(), fypWan: new Decimal(fyp).toFixed() });

let adjustmentId: number;
const refusals: Record<string, { status: number; message: string }> = {};
let versionsAfterRefusal = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  (globalThis as { annexPrisma?: unknown }).annexPrisma = db.prisma;
  await seedDemoData(db.prisma);
  for (const login of ["admin", "drc"] as const) actors[login] = (await loadActor((await db.prisma.user.findUniqueOrThrow({ where: { login } })).id, db.prisma))!;
  for (const [k, p] of Object.entries({ S, H, C, M })) ids[k as keyof typeof ids] = (await db.prisma.project.findFirstOrThrow({ where: { name: p.name } })).id;

  // The split in force when version 2 is approved.
  await split(ids.S, [[LUCHENG, 1_000_000, 400_000], [LONGWAN, 500_000, 200_000]]);
  await split(ids.H, [[OUHAI, 300_000, 300_000]]);
  await split(ids.C, [[RUIAN, 100_000, 50_000]]);
  await split(ids.M, [[LUCHENG, 50_000, 50_000]]);

  ({ id: adjustmentId } = await runAs(db.prisma, actors.drc, createAdjustmentMutation, { planCode: PLAN, title: "2023年中期调整" }));
  // 全市棚户区改造安置工程 down to 100/50 亿元: under its 150/60 亿元 split, refused when the line is added.
  refusals.line = await errorOf(line(adjustmentId, { kind: "AMOUNTS", projectId: ids.S, reason: "压减", total: { text: "100", unit: "亿元" }, fyp: { text: "50", unit: "亿元" } }));
  await line(adjustmentId, { kind: "AMOUNTS", projectId: ids.S, reason: "安置规模扩大", total: { text: "700", unit: "亿元" } });
  await line(adjustmentId, { kind: "AMOUNTS", projectId: ids.H, reason: "十四五压减", fyp: { text: "40", unit: "亿元" } });
  await line(adjustmentId, { kind: "CANCEL", projectId: ids.C, reason: "调出" });
  await runAs(db.prisma, actors.drc, submitAdjustmentMutation, { adjustmentId, version: await adjustmentVersion(adjustmentId) });
  // After the submission, 老旧小区改造's split grows to 45 亿元 of 十四五 (it fits the live 62 亿元), over the line's 40:
  // the approval is refused and changes nothing; with the split back to 30 亿元 it goes through.
  await split(ids.H, [[OUHAI, 300_000, 450_000]]);
  refusals.approval = await errorOf(approve(adjustmentId));
  versionsAfterRefusal = (await listVersions(db.prisma, PLAN)).length;
  await split(ids.H, [[OUHAI, 300_000, 300_000]]);
  await approve(adjustmentId);

  // After version 2, the split changes live: 全市棚户区改造安置工程 goes to 鹿城区 alone, 200/80 亿元.
  await split(ids.S, [[LUCHENG, 2_000_000, 800_000]]);
}, 240_000);
afterAll(() => db.drop());

describe("county shares as of a version", () => {
  it("a 调整投资 under the project's split is refused, when the line is added and when the approval finds it, in Chinese", async () => {
    expect(refusals.line!.status).toBe(400);
    expect(refusals.line!.message).toBe(
      "第 2 项《全市棚户区改造安置工程》：项目已按区县拆分的各区县总投资合计 1500000 万元，超过修改后的总投资 1000000 万元，请先修改按区县拆分；" +
        "项目已按区县拆分的各区县“十四五”投资合计 600000 万元，超过修改后的“十四五”投资 500000 万元，请先修改按区县拆分",
    );
    expect(refusals.approval!.status).toBe(400);
    expect(refusals.approval!.message).toContain("第 3 项《老旧小区改造》：项目已按区县拆分的各区县“十四五”投资合计 450000 万元，超过修改后的“十四五”投资 400000 万元");
    // The refused approval left no version behind, and the adjustment was approved on the second try.
    expect(versionsAfterRefusal).toBe(1);
    expect((await listVersions(db.prisma, PLAN)).map((v) => v.number)).toEqual([1, 2]);
  });

  it("version 1 has no split: its rollup with shares is the plain one, summing to the source file", async () => {
    const rows = await rollupByCountyWithShares(db.prisma, PLAN, { version: await findVersion(db.prisma, PLAN, 1) });
    expect(rows.every((r) => r.splitProjects === 0)).toBe(true);
    expect(row(rows, "已拆分项目未拆分部分")).toBeUndefined();
    expect(row(rows, "鹿城区")).toMatchObject(line_(8, 0, sum(locatedIn("鹿城区"), "totalInvestment"), sum(locatedIn("鹿城区"), "fypInvestment")));
    expect(row(rows, "全市")).toMatchObject(line_(24, 0, sum(wholeCity, "totalInvestment"), sum(wholeCity, "fypInvestment")));
    expect(totals(rows)).toEqual({ total: sum(source, "totalInvestment").toFixed(), fyp: sum(source, "fypInvestment").toFixed() });
  });

  it("version 2 has the split in force when it was approved, the adjustment's amounts, and no cancelled project's shares", async () => {
    const rows = await rollupByCountyWithShares(db.prisma, PLAN, { version: await findVersion(db.prisma, PLAN, 2) });
    // 鹿城区: its 8 located projects, 100 亿元 of S and 5 of M.
    expect(row(rows, "鹿城区")).toMatchObject(line_(10, 2, sum(locatedIn("鹿城区"), "totalInvestment").plus(1_000_000 + 50_000), sum(locatedIn("鹿城区"), "fypInvestment").plus(400_000 + 50_000)));
    expect(row(rows, "龙湾区")).toMatchObject(line_(5, 1, sum(locatedIn("龙湾区"), "totalInvestment").plus(500_000), sum(locatedIn("龙湾区"), "fypInvestment").plus(200_000)));
    expect(row(rows, "瓯海区")).toMatchObject(line_(9, 1, sum(locatedIn("瓯海区"), "totalInvestment").plus(300_000), sum(locatedIn("瓯海区"), "fypInvestment").plus(300_000)));
    // 宣传文化阵地提升工程 is cancelled: 瑞安市 has its 6 located projects only.
    expect(row(rows, "瑞安市")).toMatchObject(line_(6, 0, sum(locatedIn("瑞安"), "totalInvestment"), sum(locatedIn("瑞安"), "fypInvestment")));
    // 全市: 24 projects less the cancelled one and the three split.
    const wholeCityTotal = sum(wholeCity, "totalInvestment").minus(S.total + H.total + C.total + M.total);
    const wholeCityFyp = sum(wholeCity, "fypInvestment").minus(S.fyp + H.fyp + C.fyp + M.fyp);
    expect(row(rows, "全市")).toMatchObject(line_(20, 0, wholeCityTotal, wholeCityFyp));
    // What the shares leave: S 7000000 − 1500000, H 650000 − 300000, M 77000 − 50000; 十四五 S 2560000 − 600000, H 400000 − 300000, M 27000.
    expect(row(rows, "已拆分项目未拆分部分")).toMatchObject(line_(3, 3, 5_500_000 + 350_000 + 27_000, 1_960_000 + 100_000 + 27_000));
    // Exactly version 2's total: the source + 57 亿元 (S) − 20 亿元 (C); 十四五 − 22 亿元 (H) − 20 亿元 (C).
    expect(totals(rows)).toEqual({
      total: sum(source, "totalInvestment").plus(570_000).minus(200_000).toFixed(),
      fyp: sum(source, "fypInvestment").minus(220_000).minus(200_000).toFixed(),
    });
    const listed = (await listVersions(db.prisma, PLAN))[1]!;
    expect([listed.totalWan, listed.fypWan]).toEqual([totals(rows).total, totals(rows).fyp]);
    expect(listed).toMatchObject({ splitProjects: 3, sharesBackfilled: false });
  });

  it("the JSON route gives version 2 by county with its frozen shares (?by=county&shares=1); shares by domain is a 400", async () => {
    const { status, body } = await getVersions("version=2&by=county&shares=1");
    expect(status).toBe(200);
    expect(row(body.rows!, "已拆分项目未拆分部分")).toMatchObject(line_(3, 3, 5_877_000, 2_087_000));
    expect(row(body.rows!, "龙湾区")!.totalWan).toBe(sum(locatedIn("龙湾区"), "totalInvestment").plus(500_000).toFixed());
    const refused = await getVersions("version=2&by=domain&shares=1");
    expect(refused.status).toBe(400);
    expect(refused.body.error!.message).toContain("shares 只用于 by=county");
  });

  it("the live rollup has the new split; versions 1 and 2 do not move", async () => {
    const live = await rollupByCountyWithShares(db.prisma, PLAN);
    expect(row(live, "鹿城区")).toMatchObject(line_(10, 2, sum(locatedIn("鹿城区"), "totalInvestment").plus(2_000_000 + 50_000), sum(locatedIn("鹿城区"), "fypInvestment").plus(800_000 + 50_000)));
    expect(row(live, "龙湾区")).toMatchObject(line_(4, 0, sum(locatedIn("龙湾区"), "totalInvestment"), sum(locatedIn("龙湾区"), "fypInvestment")));
    expect(row(live, "已拆分项目未拆分部分")).toMatchObject(line_(3, 3, 5_000_000 + 350_000 + 27_000, 1_760_000 + 100_000 + 27_000));
    const v2 = await rollupByCountyWithShares(db.prisma, PLAN, { version: await findVersion(db.prisma, PLAN, 2) });
    expect(row(v2, "龙湾区")!.totalWan).toBe(sum(locatedIn("龙湾区"), "totalInvestment").plus(500_000).toFixed());
    const frozen = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "PlanVersionCountyShare" s JOIN "PlanVersion" v ON v.id = s."versionId" WHERE v.number = 1`;
    expect(frozen[0]!.n).toBe(0);
  });

  it("a version's shares are frozen: the database refuses to update or delete them", async () => {
    await expect(db.prisma.$executeRaw`UPDATE "PlanVersionCountyShare" SET "totalWan" = 0`).rejects.toThrow(/已冻结/);
    await expect(db.prisma.$executeRaw`DELETE FROM "PlanVersionCountyShare"`).rejects.toThrow(/已冻结/);
  });

  it("a live edit of an amount under the project's split is refused", async () => {
    const s = await db.prisma.project.findUniqueOrThrow({ where: { id: ids.S } });
    const refused = await errorOf(runAs(db.prisma, actors.drc, updateProjectMutation, { projectId: ids.S, patch: { version: s.version, total: { text: "150", unit: "亿元" } }, via: "API" }));
    expect(refused.status).toBe(400);
    expect(refused.message).toContain("各区县总投资合计 2000000 万元，超过修改后的总投资 1500000 万元");
  });

  it("version 3 takes the live split where it fits the version's rows, version 2's where a live amount edit made it not fit, and none where it was removed", async () => {
    // 温州智媒信息港's total edited live (7.7 → 10 亿元, not through an adjustment), then split 9/6 亿元 to 鹿城区:
    // it fits the live project, not version 2's row (总投资 7.7 亿元), which version 3 carries on.
    const m = await db.prisma.project.findUniqueOrThrow({ where: { id: ids.M } });
    await runAs(db.prisma, actors.drc, updateProjectMutation, { projectId: ids.M, patch: { version: m.version, total: { text: "100000", unit: "万元" } }, via: "API" });
    await split(ids.M, [[LUCHENG, 90_000, 60_000]]);
    // 老旧小区改造's split removed.
    await split(ids.H, []);
    const { id } = await runAs(db.prisma, actors.drc, createAdjustmentMutation, { planCode: PLAN, title: "2024年中期调整" });
    await line(id, { kind: "PERIOD_CONTENT", projectId: ids.S, reason: "内容调整", content: "安置房建设（调整后）" });
    await runAs(db.prisma, actors.drc, submitAdjustmentMutation, { adjustmentId: id, version: await adjustmentVersion(id) });
    expect(await approve(id)).toEqual({ versionNumber: 3 });

    const v3 = await rollupByCountyWithShares(db.prisma, PLAN, { version: await findVersion(db.prisma, PLAN, 3) });
    // 鹿城区: S's live 200/80 亿元, M's 5/5 亿元 of version 2 (the live 9/6 does not fit version 3's 7.7 亿元).
    expect(row(v3, "鹿城区")).toMatchObject(line_(10, 2, sum(locatedIn("鹿城区"), "totalInvestment").plus(2_000_000 + 50_000), sum(locatedIn("鹿城区"), "fypInvestment").plus(800_000 + 50_000)));
    expect(row(v3, "瓯海区")).toMatchObject(line_(8, 0, sum(locatedIn("瓯海区"), "totalInvestment"), sum(locatedIn("瓯海区"), "fypInvestment")));
    // S 7000000 − 2000000 and M 27000; 十四五 S 2560000 − 800000 and M 27000.
    expect(row(v3, "已拆分项目未拆分部分")).toMatchObject(line_(2, 2, 5_000_000 + 27_000, 1_760_000 + 27_000));
    // Version 3's amounts are version 2's (the adjustment changed a content only): the same exact total.
    expect(totals(v3)).toEqual({
      total: sum(source, "totalInvestment").plus(570_000).minus(200_000).toFixed(),
      fyp: sum(source, "fypInvestment").minus(220_000).minus(200_000).toFixed(),
    });
    expect((await listVersions(db.prisma, PLAN)).map((v) => v.splitProjects)).toEqual([0, 3, 2]);
    // Live: M's own split, 9/6 亿元.
    const live = await rollupByCountyWithShares(db.prisma, PLAN);
    expect(row(live, "鹿城区")!.totalWan).toBe(sum(locatedIn("鹿城区"), "totalInvestment").plus(2_000_000 + 90_000).toFixed());
  });
});
