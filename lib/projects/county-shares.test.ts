// One project split by county, on a real PostgreSQL seeded with the Wenzhou
// annex: the 全市棚户区改造安置工程's rows suggested from its content, a split
// over the project's amounts refused, and the rollup by county with shares
// adding up exactly to the plan's total (computed here from the source file).
import Decimal from "decimal.js";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { seedDemoData } from "@/lib/plans/demo-data";
import { REGIONS } from "@/lib/regions/regions-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runAs } from "@/tests/run-as";
import { seedDemoProgress } from "@/lib/progress/demo-progress";
import { projectProgressAsOf } from "@/lib/progress/progress-figures";
import { countyProgressByShare, getCountySplit, rollupByCountyWithShares, setCountySharesMutation, suggestCountyShares } from "./county-shares";

const PLAN = "wenzhou-2021";
let db: TestDatabase;
let drc: Actor;
let zjj: Actor;
let shantytownId: number;

type SourceRow = { seq: number; name: string; content: string; totalInvestment: string; fypInvestment: string };
const source: SourceRow[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
/** 亿元 text of the source → 万元, exact; 待定 and —— count as nothing. */
const wanOf = (yi: string) => (/^\d+(\.\d+)?$/.test(yi) ? new Decimal(yi).times(10_000) : new Decimal(0));
const planTotal = source.reduce((s, r) => s.plus(wanOf(r.totalInvestment)), new Decimal(0));
const planFyp = source.reduce((s, r) => s.plus(wanOf(r.fypInvestment)), new Decimal(0));
const shantytown = source.find((r) => r.name === "全市棚户区改造安置工程")!;

async function errorOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message };
    throw error;
  }
  return { status: 200, message: "" };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  drc = (await loadActor((await db.prisma.user.findUniqueOrThrow({ where: { login: "drc" } })).id, db.prisma))!;
  zjj = (await loadActor((await db.prisma.user.findUniqueOrThrow({ where: { login: "zjj" } })).id, db.prisma))!;
  shantytownId = (await db.prisma.project.findFirstOrThrow({ where: { name: shantytown.name } })).id;
}, 120_000);
afterAll(() => db.drop());

describe("county shares", () => {
  const wenzhou = REGIONS.filter((r) => r.parentCode === "330300");

  it("suggests the 棚户区改造's county rows from its content, in proportion to the 套 it lists, never above the project", () => {
    const suggested = suggestCountyShares(shantytown.content, wenzhou, { totalWan: "6430000", fypWan: "2560000" });
    // 鹿城区4201套 … 泰顺县604套, and 生态园3004套 (a functional zone); 市城发集团9336套 is nobody's county.
    expect(suggested.map((s) => s.regionName)).toEqual(["鹿城区", "龙湾区", "瓯海区", "洞头区", "温州生态园", "瑞安市", "龙港市", "平阳县", "苍南县", "文成县", "泰顺县"]);
    const lucheng = suggested[0]!;
    expect(lucheng.weight).toBe("4201");
    // 6430000 × 4201 / 75448, rounded down to 0.0001 万元.
    expect(lucheng.totalWan).toBe(new Decimal(6430000).times(4201).dividedBy(75448).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed());
    const sum = suggested.reduce((s, x) => s.plus(x.totalWan), new Decimal(0));
    expect(sum.lessThanOrEqualTo(6430000)).toBe(true);
  });

  it("refuses a split over the project's amounts, in Chinese, and a unit's split", async () => {
    const { version } = await getCountySplit(db.prisma, shantytownId);
    const over = await errorOf(
      runAs(db.prisma, drc, setCountySharesMutation, {
        projectId: shantytownId,
        version,
        shares: [
          { regionCode: "330302", total: { text: "400", unit: "亿元" }, fyp: { text: "100", unit: "亿元" } },
          { regionCode: "330303", total: { text: "243.0001", unit: "亿元" }, fyp: { text: "100", unit: "亿元" } },
        ],
      }),
    );
    expect(over.status).toBe(400);
    expect(over.message).toContain("超过项目总投资");
    const unit = await errorOf(runAs(db.prisma, zjj, setCountySharesMutation, { projectId: shantytownId, version, shares: [] }));
    expect(unit.status).toBe(403);
  });

  it("rolls up by county with the shares, the unsplit remainder apart, summing exactly to the plan's total", async () => {
    const { version } = await getCountySplit(db.prisma, shantytownId);
    const shares = [
      { regionCode: "330302", total: "1000000.5", fyp: "300000" },
      { regionCode: "330304", total: "2500000", fyp: "1000000.25" },
      { regionCode: "330300F3", total: "123456.7891", fyp: "0" },
    ];
    const split = await runAs(db.prisma, drc, setCountySharesMutation, {
      projectId: shantytownId,
      version,
      shares: shares.map((s) => ({ regionCode: s.regionCode, total: { text: s.total, unit: "万元" as const }, fyp: { text: s.fyp, unit: "万元" as const } })),
    });
    const shareTotal = shares.reduce((s, x) => s.plus(x.total), new Decimal(0));
    expect(new Decimal(split.unsplitTotalWan!).equals(wanOf(shantytown.totalInvestment).minus(shareTotal))).toBe(true);
    // A stale version is a 409.
    expect((await errorOf(runAs(db.prisma, drc, setCountySharesMutation, { projectId: shantytownId, version, shares: [] }))).status).toBe(409);

    const rows = await rollupByCountyWithShares(db.prisma, PLAN);
    const total = rows.reduce((s, r) => s.plus(r.totalWan), new Decimal(0));
    const fyp = rows.reduce((s, r) => s.plus(r.fypWan), new Decimal(0));
    expect(total.equals(planTotal)).toBe(true);
    expect(fyp.equals(planFyp)).toBe(true);
    const unsplit = rows.find((r) => r.kind === "unsplit")!;
    expect(new Decimal(unsplit.totalWan).equals(wanOf(shantytown.totalInvestment).minus(shareTotal))).toBe(true);
    // 瓯海区 holds its located projects plus the share: more than the share alone, and the split project counted there.
    const ouhai = rows.find((r) => r.key === "瓯海区")!;
    expect(ouhai.splitProjects).toBe(1);
    expect(new Decimal(ouhai.totalWan).greaterThanOrEqualTo(2500000)).toBe(true);
  });

  it("allocates a split project's monthly progress by share, the lines adding up exactly to the plan's", async () => {
    await seedDemoProgress(db.prisma, PLAN, new Date("2025-11-20T04:00:00Z"));
    const asOf = { year: 2025, month: 10 };
    const plan = await db.prisma.plan.findUniqueOrThrow({ where: { code: PLAN } });
    const figures = await projectProgressAsOf(db.prisma, plan.id, asOf);
    const all = [...figures.values()].reduce((s, f) => ({ ytd: s.ytd.plus(f.yearToDateWan), ptd: s.ptd.plus(f.planToDateWan) }), { ytd: new Decimal(0), ptd: new Decimal(0) });
    const lines = await countyProgressByShare(db.prisma, PLAN, asOf);
    expect(lines.reduce((s, l) => s.plus(l.yearToDateWan), new Decimal(0)).equals(all.ytd)).toBe(true);
    expect(lines.reduce((s, l) => s.plus(l.planToDateWan), new Decimal(0)).equals(all.ptd)).toBe(true);
    // 鹿城区's part of the split project: its 本年累计 × 1000000.5 / 6430000 (the share of the total), rounded down.
    const split = figures.get(shantytownId)!;
    const ptd = new Decimal(split.planToDateWan);
    expect(ptd.isZero()).toBe(false);
    const expected = ptd.times("1000000.5").dividedBy(wanOf(shantytown.totalInvestment)).toDecimalPlaces(4, Decimal.ROUND_DOWN);
    const unsplitLine = lines.find((l) => l.key === "已拆分项目未拆分部分")!;
    const shareParts = ["1000000.5", "2500000", "123456.7891"].map((share) => ptd.times(share).dividedBy(wanOf(shantytown.totalInvestment)).toDecimalPlaces(4, Decimal.ROUND_DOWN));
    expect(new Decimal(unsplitLine.planToDateWan).equals(ptd.minus(shareParts.reduce((s, x) => s.plus(x), new Decimal(0))))).toBe(true);
    expect(shareParts[0]!.equals(expected)).toBe(true);
  });
});
