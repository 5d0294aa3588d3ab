// The baseline and its 中期调整 on a real PostgreSQL seeded with the Wenzhou
// annex: version 1 frozen on import, an adjustment that adds two projects,
// cancels one and changes three amounts, approved into version 2; the
// baseline's exports byte-for-byte the same before and after; the
// 调整前后对照表's totals equal version 2 minus version 1 for every domain,
// the expected figures computed here from the inputs.
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { exportFile, type ExportRequest } from "@/lib/export/export-file";
import { seedDemoData } from "@/lib/plans/demo-data";
import { updateProjectMutation } from "@/lib/projects/update-project";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runAs } from "@/tests/run-as";
import { createChangeRequestMutation } from "@/lib/change-requests/change-requests";
import {
  addAdjustmentLineMutation,
  createAdjustmentMutation,
  decideAdjustmentMutation,
  getAdjustment,
  lineFromChangeRequestMutation,
  removeAdjustmentLineMutation,
  submitAdjustmentMutation,
} from "./adjustments";
import type { AdjustmentLineInput } from "./adjustment-input";
import { changesTable } from "./changes";
import { listVersions } from "./plan-versions";

const PLAN = "wenzhou-2021";
let db: TestDatabase;
const actors = {} as Record<"admin" | "drc" | "zjj", Actor>;

async function errorOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message };
    throw error;
  }
  return { status: 200, message: "" };
}

async function adjustmentVersion(id: number): Promise<number> {
  return (await db.prisma.planAdjustment.findUniqueOrThrow({ where: { id } })).version;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  for (const login of ["admin", "drc", "zjj"] as const) {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { login } });
    actors[login] = (await loadActor(user.id, db.prisma))!;
  }
}, 120_000);
afterAll(() => db.drop());

describe("the baseline", () => {
  it("is every imported project, frozen: a later edit changes the live row, not version 1", async () => {
    const plan = await db.prisma.plan.findUniqueOrThrow({ where: { code: PLAN } });
    const live = await db.prisma.project.count({ where: { planId: plan.id, deletedAt: null } });
    const [v1] = await listVersions(db.prisma, PLAN);
    expect(v1).toMatchObject({ number: 1, projects: live });

    const project = await db.prisma.project.findFirstOrThrow({ where: { planId: plan.id, seq: 1 } });
    await runAs(db.prisma, actors.drc, updateProjectMutation, { projectId: project.id, patch: { version: project.version, content: "编辑后的建设内容" }, via: "API" });
    const frozen = await db.prisma.planVersionProject.findFirstOrThrow({ where: { projectId: project.id, version: { number: 1 } } });
    expect(frozen.content).toBe(project.content);
    expect(frozen.content).not.toBe("编辑后的建设内容");
    // Frozen in the database too: no UPDATE or DELETE of a version's rows, whoever asks.
    await expect(db.prisma.planVersionProject.updateMany({ where: { id: frozen.id }, data: { name: "改名" } })).rejects.toThrow();
    await expect(db.prisma.planVersionProject.deleteMany({ where: { id: frozen.id } })).rejects.toThrow();
  });
});

describe("an adjustment that adds two projects, cancels one and changes three amounts", () => {
  type Picked = { id: number; domainId: number; totalWan: Decimal; fypWan: Decimal };
  let cancelled: Picked;
  let changed: Picked[];
  const newAmounts = [
    { total: "123456.5", fyp: "100000" },
    { total: "1000", fyp: "500.25" },
    { total: "88888", fyp: "88888" },
  ];
  const added = [
    { name: "新增：市第二儿童医院", total: "50000", fyp: "40000" },
    { name: "新增：城市书房二期", total: "7000.5", fyp: "7000.5" },
  ];
  let addedDomains: number[];
  let adjustmentId: number;
  const before: Record<string, Uint8Array> = {};
  const exportV1 = (format: ExportRequest["format"], table: "annex" | "summary") => exportFile(db.prisma, { planCode: PLAN, format, table, version: 1 });

  beforeAll(async () => {
    const plan = await db.prisma.plan.findUniqueOrThrow({ where: { code: PLAN }, include: { domains: { orderBy: { position: "asc" } } } });
    // Projects with both amounts numbers, spread over the domains.
    const candidates = await db.prisma.project.findMany({
      where: { planId: plan.id, deletedAt: null, totalState: "VALUE", fypState: "VALUE" },
      orderBy: [{ domainId: "asc" }, { seq: "asc" }],
    });
    const byDomain = new Map<number, typeof candidates>();
    for (const c of candidates) byDomain.set(c.domainId, [...(byDomain.get(c.domainId) ?? []), c]);
    const spread = [...byDomain.values()].map((list) => list[0]!);
    expect(spread.length).toBeGreaterThanOrEqual(3);
    const pick = (p: (typeof candidates)[number]): Picked => ({ id: p.id, domainId: p.domainId, totalWan: new Decimal(p.totalWan!.toString()), fypWan: new Decimal(p.fypWan!.toString()) });
    changed = spread.slice(0, 3).map(pick);
    // The cancelled one shares a domain with a changed one (the second of the first domain).
    cancelled = pick([...byDomain.values()][0]![1]!);
    addedDomains = [plan.domains[0]!.id, plan.domains.at(-1)!.id];
    for (const format of ["xlsx", "docx", "pdf"] as const) {
      before[`${format}-annex`] = (await exportV1(format, "annex")).bytes;
      before[`${format}-summary`] = (await exportV1(format, "summary")).bytes;
    }
  }, 120_000);

  it("is prepared by the DRC, line by line, each edit guarded by the adjustment's version", async () => {
    ({ id: adjustmentId } = await runAs(db.prisma, actors.drc, createAdjustmentMutation, { planCode: PLAN, title: "2023年中期调整" }));
    const add = async (line: AdjustmentLineInput) =>
      runAs(db.prisma, actors.drc, addAdjustmentLineMutation, { adjustmentId, version: await adjustmentVersion(adjustmentId), line });
    for (const [i, a] of added.entries()) {
      await add({
        kind: "ADD",
        reason: "新增民生项目",
        project: { domainId: addedDomains[i]!, name: a.name, type: "新建", period: "2023-2025", locationText: "鹿城区", content: "新建", total: { text: a.total, unit: "万元" }, fyp: { text: a.fyp, unit: "万元" }, units: ["市卫健委"] },
      });
    }
    await add({ kind: "CANCEL", projectId: cancelled.id, reason: "前期条件不具备，调出" });
    for (const [i, p] of changed.entries()) {
      await add({ kind: "AMOUNTS", projectId: p.id, reason: "概算调整", total: { text: newAmounts[i]!.total, unit: "万元" }, fyp: { text: newAmounts[i]!.fyp, unit: "万元" } });
    }
    // A line changing the period only: not an amount, so no figure in the table changes.
    await add({ kind: "PERIOD_CONTENT", projectId: changed[0]!.id, reason: "工期顺延", period: "2021-2027" });

    // A stale version: 409, nothing added.
    const stale = await errorOf(runAs(db.prisma, actors.drc, addAdjustmentLineMutation, { adjustmentId, version: 1, line: { kind: "CANCEL", projectId: changed[1]!.id, reason: "重复" } }));
    expect(stale.status).toBe(409);
    // Cancelling a project that already has a line is refused.
    const twice = await errorOf(add({ kind: "CANCEL", projectId: changed[1]!.id, reason: "取消" }));
    expect(twice).toMatchObject({ status: 400 });
    // 十四五 above the total is refused in Chinese.
    const over = await errorOf(add({ kind: "AMOUNTS", projectId: cancelled.id, reason: "调整", total: { text: "1", unit: "万元" } }));
    expect(over.status).toBe(400);
    // A unit may not prepare one.
    expect((await errorOf(runAs(db.prisma, actors.zjj, createAdjustmentMutation, { planCode: PLAN, title: "单位自行调整" }))).status).toBe(403);

    const view = await getAdjustment(db.prisma, adjustmentId);
    expect(view.lines.map((l) => l.kindLabel)).toEqual(["新增", "新增", "调出/取消", "调整投资", "调整投资", "调整投资", "调整期限/内容"]);
    expect(view.state).toBe("DRAFT");
  });

  it("is submitted, returned with a comment, edited and resubmitted; its preparer cannot approve it", async () => {
    await runAs(db.prisma, actors.drc, submitAdjustmentMutation, { adjustmentId, version: await adjustmentVersion(adjustmentId) });
    // Submitted: no more edits.
    const locked = await errorOf(runAs(db.prisma, actors.drc, removeAdjustmentLineMutation, { adjustmentId, version: await adjustmentVersion(adjustmentId), lineId: 1 }));
    expect(locked.status).toBe(409);
    const self = await errorOf(runAs(db.prisma, actors.drc, decideAdjustmentMutation, { adjustmentId, version: await adjustmentVersion(adjustmentId), decision: "approve" }));
    expect(self).toMatchObject({ status: 403, message: "中期调整须由编制人以外的人员审批" });
    const noComment = await errorOf(runAs(db.prisma, actors.admin, decideAdjustmentMutation, { adjustmentId, version: await adjustmentVersion(adjustmentId), decision: "return" }));
    expect(noComment.status).toBe(400);
    await runAs(db.prisma, actors.admin, decideAdjustmentMutation, { adjustmentId, version: await adjustmentVersion(adjustmentId), decision: "return", comment: "请补充理由" });
    expect((await getAdjustment(db.prisma, adjustmentId)).state).toBe("RETURNED");
    await runAs(db.prisma, actors.drc, submitAdjustmentMutation, { adjustmentId, version: await adjustmentVersion(adjustmentId) });
  });

  it("approved, makes version 2 and updates the live rows; a second approval of the same page is a 409", async () => {
    const seen = await adjustmentVersion(adjustmentId);
    const result = await runAs(db.prisma, actors.admin, decideAdjustmentMutation, { adjustmentId, version: seen, decision: "approve" });
    expect(result).toEqual({ versionNumber: 2 });
    expect((await errorOf(runAs(db.prisma, actors.admin, decideAdjustmentMutation, { adjustmentId, version: seen, decision: "approve" }))).status).toBe(409);

    const versions = await listVersions(db.prisma, PLAN);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[1]!.projects).toBe(versions[0]!.projects + 2 - 1);
    const live = await db.prisma.project.findUniqueOrThrow({ where: { id: cancelled.id } });
    expect(live.deletedAt).not.toBeNull();
    for (const [i, p] of changed.entries()) {
      const row = await db.prisma.project.findUniqueOrThrow({ where: { id: p.id } });
      expect(new Decimal(row.totalWan!.toString()).equals(newAmounts[i]!.total)).toBe(true);
    }
    expect((await db.prisma.project.findUniqueOrThrow({ where: { id: changed[0]!.id } })).periodText).toBe("2021-2027");
    const history = await db.prisma.projectChange.findMany({ where: { projectId: changed[1]!.id, via: { startsWith: "中期调整" } } });
    expect(history.map((h) => h.field).sort()).toEqual(["fyp", "total"]);
  });

  it("leaves the baseline's exports byte-for-byte the same (xlsx, docx, pdf; annex and summary)", async () => {
    for (const format of ["xlsx", "docx", "pdf"] as const) {
      for (const table of ["annex", "summary"] as const) {
        const after = (await exportV1(format, table)).bytes;
        expect(Buffer.compare(Buffer.from(after), Buffer.from(before[`${format}-${table}`]!)), `${format} ${table}`).toBe(0);
      }
    }
    // The version 2 export differs (it is another table).
    const v2 = await exportFile(db.prisma, { planCode: PLAN, format: "xlsx", table: "annex", version: 2 });
    expect(Buffer.compare(Buffer.from(v2.bytes), Buffer.from(before["xlsx-annex"]!))).not.toBe(0);
  });

  it("shows in the 调整前后对照表 per domain exactly version 2 minus version 1", async () => {
    // Expected, from the inputs: per domain, new − old of the changed, + the added, − the cancelled.
    const expected = new Map<number, { total: Decimal; fyp: Decimal }>();
    const bump = (domainId: number, total: Decimal.Value, fyp: Decimal.Value) => {
      const e = expected.get(domainId) ?? { total: new Decimal(0), fyp: new Decimal(0) };
      expected.set(domainId, { total: e.total.plus(total), fyp: e.fyp.plus(fyp) });
    };
    changed.forEach((p, i) => bump(p.domainId, new Decimal(newAmounts[i]!.total).minus(p.totalWan), new Decimal(newAmounts[i]!.fyp).minus(p.fypWan)));
    added.forEach((a, i) => bump(addedDomains[i]!, a.total, a.fyp));
    bump(cancelled.domainId, cancelled.totalWan.negated(), cancelled.fypWan.negated());

    const table = await changesTable(db.prisma, PLAN, 2);
    const domains = await db.prisma.domain.findMany({ where: { plan: { code: PLAN } } });
    const nameOf = new Map(domains.map((d) => [d.id, d.name]));
    const shown = new Map(table.groups.map((g) => [g.domainName, g]));
    let grandTotal = new Decimal(0);
    for (const [domainId, e] of expected) {
      const group = shown.get(nameOf.get(domainId)!)!;
      expect(new Decimal(group.subtotal.totalDelta).equals(e.total), nameOf.get(domainId)).toBe(true);
      expect(new Decimal(group.subtotal.fypDelta).equals(e.fyp)).toBe(true);
      grandTotal = grandTotal.plus(e.total);
    }
    expect(new Decimal(table.total.totalDelta).equals(grandTotal)).toBe(true);
    // And the same against the two versions' own sums, domain by domain (SQL in the test, over the frozen rows).
    const sums = await db.prisma.$queryRaw<{ number: number; domainId: number; total: string }[]>`
      SELECT v.number, p."domainId", coalesce(sum(p."totalWan"), 0)::text AS total
        FROM "PlanVersionProject" p JOIN "PlanVersion" v ON v.id = p."versionId" GROUP BY 1, 2`;
    const sum = (n: number, d: number) => new Decimal(sums.find((s) => s.number === n && s.domainId === d)?.total ?? 0);
    for (const d of domains) {
      const delta = sum(2, d.id).minus(sum(1, d.id));
      const group = shown.get(d.name);
      expect(new Decimal(group?.subtotal.totalDelta ?? 0).equals(delta), d.name).toBe(true);
    }
    const kinds = table.groups.flatMap((g) => g.lines.map((l) => l.kind));
    expect(kinds.filter((k) => k === "新增")).toHaveLength(2);
    expect(kinds.filter((k) => k === "取消")).toHaveLength(1);
    expect(kinds.filter((k) => k === "调增" || k === "调减")).toHaveLength(3);
    // The workbook of the table holds the same 合计 (amounts are numbers in the sheet).
    const file = await exportFile(db.prisma, { planCode: PLAN, format: "xlsx", table: "changes", version: 2 });
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    let totalRow: (string | number)[] | null = null;
    sheet.eachRow((row) => {
      if (!totalRow && row.getCell(1).value === "合计") totalRow = (row.values as (string | number)[]).slice(1);
    });
    expect(totalRow).not.toBeNull();
    expect(new Decimal(String(totalRow![5])).equals(grandTotal)).toBe(true);
  });
});

describe("a unit's change request taken in as a line", () => {
  it("becomes a 调整投资 line, and is adopted when the adjustment is approved", async () => {
    const own = await db.prisma.project.findFirstOrThrow({
      where: { plan: { code: PLAN }, deletedAt: null, totalState: "VALUE", fypState: "VALUE", units: { some: { unit: { name: "市住建局" } } } },
      orderBy: { seq: "asc" },
    });
    const newTotal = new Decimal(own.totalWan!.toString()).plus(1234);
    const { id: requestId } = await runAs(db.prisma, actors.zjj, createChangeRequestMutation, {
      projectId: own.id,
      request: { total: { text: newTotal.toFixed(), unit: "万元" }, reason: "概算批复调整" },
    });
    const { id } = await runAs(db.prisma, actors.drc, createAdjustmentMutation, { planCode: PLAN, title: "2024年调整" });
    await runAs(db.prisma, actors.drc, lineFromChangeRequestMutation, { adjustmentId: id, version: await adjustmentVersion(id), changeRequestId: requestId });
    const view = await getAdjustment(db.prisma, id);
    expect(view.lines).toHaveLength(1);
    expect(view.lines[0]).toMatchObject({ kind: "AMOUNTS", changeRequestId: requestId, projectId: own.id });
    await runAs(db.prisma, actors.drc, submitAdjustmentMutation, { adjustmentId: id, version: await adjustmentVersion(id) });
    const { versionNumber } = await runAs(db.prisma, actors.admin, decideAdjustmentMutation, { adjustmentId: id, version: await adjustmentVersion(id), decision: "approve" });
    expect(versionNumber).toBe(3);
    const request = await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.status).toBe("ACCEPTED");
    const live = await db.prisma.project.findUniqueOrThrow({ where: { id: own.id } });
    expect(new Decimal(live.totalWan!.toString()).equals(newTotal)).toBe(true);
    const v3 = await db.prisma.planVersionProject.findFirstOrThrow({ where: { projectId: own.id, version: { number: 3 } } });
    expect(new Decimal(v3.totalWan!.toString()).equals(newTotal)).toBe(true);
    const table = await changesTable(db.prisma, PLAN);
    expect(new Decimal(table.total.totalDelta).equals(1234)).toBe(true);
  });
});
