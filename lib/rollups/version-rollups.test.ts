// The rollups as of a version (the rollups page's ?version=N), on a real
// PostgreSQL seeded with the Wenzhou annex: version 1 summed by domain, unit
// and domain × county equals the source file; an adjustment (老旧小区改造
// 65 → 70 亿元, one project cancelled, one added with a unit of its own) makes
// version 2, whose rollups move by exactly those figures; a later edit of the
// live rows changes the live rollup and no version's. Expected figures are
// computed here from the source file and the adjustment's inputs.
import Decimal from "decimal.js";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { seedDemoData } from "@/lib/plans/demo-data";
import { updateProjectMutation } from "@/lib/projects/update-project";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runAs } from "@/tests/run-as";
import { addAdjustmentLineMutation, createAdjustmentMutation, decideAdjustmentMutation, submitAdjustmentMutation } from "@/lib/versions/adjustments";
import type { AdjustmentLineInput } from "@/lib/versions/adjustment-input";
import { findVersion, listVersions, versionRollup, type VersionRef } from "@/lib/versions/plan-versions";
import { domainByCounty } from "./cross-table";
import { rollup, rollupTotal } from "./rollups";

const PLAN = "wenzhou-2021";
let db: TestDatabase;
const actors = {} as Record<"admin" | "drc", Actor>;

type SourceRow = { seq: number; domain: string; name: string; totalInvestment: string; fypInvestment: string; units: string[] };
const source: SourceRow[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
/** 亿元 text of the source → 万元, exact; 待定 and —— count as nothing. */
const wanOf = (yi: string) => (/^\d+(\.\d+)?$/.test(yi) ? new Decimal(yi).times(10_000) : new Decimal(0));
const sum = (rows: SourceRow[], pick: "totalInvestment" | "fypInvestment") => rows.reduce((s, r) => s.plus(wanOf(r[pick])), new Decimal(0));
const oldHousing = source.find((r) => r.name === "老旧小区改造")!;
// The project the adjustment cancels: the last of the source (any project with amounts would do).
const cancelled = source.at(-1)!;
const ADDED = { name: "新增：市级应急物资储备库", totalWan: "12345.6789", fypWan: "10000", unit: "市应急管理局（测试）" };

async function errorOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message };
    throw error;
  }
  return { status: 200, message: "" };
}

let v1: VersionRef;
let v2: VersionRef;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  for (const login of ["admin", "drc"] as const) actors[login] = (await loadActor((await db.prisma.user.findUniqueOrThrow({ where: { login } })).id, db.prisma))!;
  const plan = await db.prisma.plan.findUniqueOrThrow({ where: { code: PLAN }, include: { domains: { orderBy: { position: "asc" } } } });
  const project = (name: string) => db.prisma.project.findFirstOrThrow({ where: { planId: plan.id, name } });
  const version = async (id: number) => (await db.prisma.planAdjustment.findUniqueOrThrow({ where: { id } })).version;
  await db.prisma.unit.create({ data: { name: ADDED.unit } });
  const { id } = await runAs(db.prisma, actors.drc, createAdjustmentMutation, { planCode: PLAN, title: "2023年中期调整" });
  const line = async (l: AdjustmentLineInput) => runAs(db.prisma, actors.drc, addAdjustmentLineMutation, { adjustmentId: id, version: await version(id), line: l });
  await line({ kind: "AMOUNTS", projectId: (await project(oldHousing.name)).id, reason: "改造范围扩大", total: { text: "70", unit: "亿元" } });
  await line({ kind: "CANCEL", projectId: (await project(cancelled.name)).id, reason: "调出" });
  await line({
    kind: "ADD",
    reason: "新增",
    project: { domainId: plan.domains[0]!.id, name: ADDED.name, type: "新建", period: "2023-2025", locationText: "鹿城区", content: "新建", total: { text: ADDED.totalWan, unit: "万元" }, fyp: { text: ADDED.fypWan, unit: "万元" }, units: [ADDED.unit] },
  });
  await runAs(db.prisma, actors.drc, submitAdjustmentMutation, { adjustmentId: id, version: await version(id) });
  await runAs(db.prisma, actors.admin, decideAdjustmentMutation, { adjustmentId: id, version: await version(id), decision: "approve" });
  v1 = await findVersion(db.prisma, PLAN, 1);
  v2 = await findVersion(db.prisma, PLAN, 2);
  // After version 2, an edit of the live rows: 全市各类拆迁安置住房 1000 → 1100 亿元.
  const edited = await project(source[0]!.name);
  await runAs(db.prisma, actors.drc, updateProjectMutation, { projectId: edited.id, patch: { version: edited.version, total: { text: "1100", unit: "亿元" } }, via: "API" });
}, 180_000);
afterAll(() => db.drop());

describe("rollups as of a version", () => {
  it("version 1 by domain is the source file's, domain by domain", async () => {
    const rows = await rollup(db.prisma, PLAN, "domain", { version: v1 });
    const domains = [...new Set(source.map((r) => r.domain))];
    expect(rows.map((r) => r.key)).toEqual(domains);
    for (const row of rows) {
      const mine = source.filter((r) => r.domain === row.key);
      expect(row.projects).toBe(mine.length);
      expect(new Decimal(row.totalWan).equals(sum(mine, "totalInvestment"))).toBe(true);
      expect(new Decimal(row.fypWan).equals(sum(mine, "fypInvestment"))).toBe(true);
    }
    const total = await rollupTotal(db.prisma, PLAN, { version: v1 });
    expect(total.projects).toBe(source.length);
    expect(new Decimal(total.totalWan).equals(sum(source, "totalInvestment"))).toBe(true);
  });

  it("version 1 by unit counts each project under each of its units as published", async () => {
    const rows = await rollup(db.prisma, PLAN, "unit", { version: v1 });
    const zjj = source.filter((r) => r.units.includes("市住建局"));
    const row = rows.find((r) => r.key === "市住建局")!;
    expect(row.projects).toBe(zjj.length);
    expect(new Decimal(row.totalWan).equals(sum(zjj, "totalInvestment"))).toBe(true);
    expect(rows.some((r) => r.key === ADDED.unit)).toBe(false);
  });

  it("version 2 moves by the adjustment exactly; the live edit after it is in no version", async () => {
    const expectedTotal = sum(source, "totalInvestment").plus(50_000).minus(wanOf(cancelled.totalInvestment)).plus(ADDED.totalWan);
    const total = await rollupTotal(db.prisma, PLAN, { version: v2 });
    expect(total.projects).toBe(source.length);
    expect(new Decimal(total.totalWan).equals(expectedTotal)).toBe(true);
    // The version pages' function is the same rollup: the same total, and listVersions' own SQL agrees.
    const [viaPages] = await versionRollup(db.prisma, v2, "total");
    expect(viaPages!.totalWan).toBe(total.totalWan);
    expect((await listVersions(db.prisma, PLAN))[1]!.totalWan).toBe(total.totalWan);

    const housing = (await rollup(db.prisma, PLAN, "domain", { version: v2 })).find((r) => r.key === oldHousing.domain)!;
    const housingV1 = source.filter((r) => r.domain === oldHousing.domain);
    // The added project is in the first domain (the housing one), the cancelled one in another; the live edit (+100 亿元) is in no version.
    expect(cancelled.domain).not.toBe(oldHousing.domain);
    expect(source[0]!.domain).toBe(oldHousing.domain);
    expect(housing.projects).toBe(housingV1.length + 1);
    expect(new Decimal(housing.totalWan).equals(sum(housingV1, "totalInvestment").plus(50_000).plus(ADDED.totalWan))).toBe(true);
    const unit = (await rollup(db.prisma, PLAN, "unit", { version: v2 })).find((r) => r.key === ADDED.unit)!;
    expect(unit).toMatchObject({ projects: 1, totalWan: ADDED.totalWan, fypWan: ADDED.fypWan });

    const live = await rollupTotal(db.prisma, PLAN);
    expect(new Decimal(live.totalWan).equals(expectedTotal.plus(1_000_000))).toBe(true);
  });

  it("domain × county as of version 1 adds up to the source file's total, cell by cell from its rows", async () => {
    const cells = await domainByCounty(db.prisma, PLAN, undefined, { version: v1 });
    expect(cells.reduce((n, c) => n + c.projects, 0)).toBe(source.length);
    expect(cells.reduce((s, c) => s.plus(c.totalWan), new Decimal(0)).equals(sum(source, "totalInvestment"))).toBe(true);
    // The housing domain's 全市 cell: its projects located 全市 (all three of them in the source).
    const housingCity = source.filter((r) => r.domain === oldHousing.domain && (r as unknown as { location: string }).location === "全市");
    const cell = cells.find((c) => c.domain === oldHousing.domain && c.county === "全市")!;
    expect(cell.projects).toBe(housingCity.length);
    expect(new Decimal(cell.totalWan).equals(sum(housingCity, "totalInvestment"))).toBe(true);
  });

  it("a version has no months: progress as of a month under a version is refused in Chinese", async () => {
    const refused = await errorOf(rollup(db.prisma, PLAN, "domain", { version: v1, asOf: { year: 2025, month: 10 } }));
    expect(refused.status).toBe(400);
    expect(refused.message).toContain("按版本汇总");
  });
});
