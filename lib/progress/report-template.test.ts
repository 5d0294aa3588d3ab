// The 填报模板 on a real PostgreSQL: the workbook a unit downloads, filled in
// with exceljs as a clerk would, read back (per-cell errors, refusals of
// another unit's / month's / plan's file) and saved as drafts. Expected
// figures come from what the test types and the source file.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { seedDemoData } from "@/lib/plans/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runMutation } from "@/lib/mutations/run-mutation";
import { importReportTemplateMutation, previewReportTemplate, reportTemplateWorkbook } from "./report-template";

/** Saves through the one runner, as the route and the command line do. */
const importReportTemplate = (db: TestDatabase["prisma"], actor: Actor, input: object, bytes: Uint8Array, now: Date) =>
  runMutation(db, importReportTemplateMutation, { userId: actor.userId }, { ...input, bytes }, { now });

const PLAN = "wenzhou-2021";
const NOW = new Date("2026-11-23T10:00:00+08:00");
const MONTH = { year: 2026, month: 10 };
const source: { seq: number; name: string; units: string[] }[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
const housing = source.filter((r) => r.units.includes("市住建局"));

let db: TestDatabase;
const actors = {} as Record<"drc" | "zjj" | "jyj", Actor>;

async function workbookOf(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** The data sheet's row of a 序号, and the column of a header, as a clerk finds them. */
function locate(ws: ExcelJS.Worksheet) {
  const headers = new Map<string, number>();
  ws.getRow(3).eachCell((cell, col) => headers.set(String(cell.value), col));
  const rowOf = (seq: number) => {
    for (let n = 4; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(1).value === seq) return ws.getRow(n);
    throw new Error(`no row ${seq}`);
  };
  return { rowOf, col: (h: string) => headers.get(h)! };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("no error");
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  for (const login of ["drc", "zjj", "jyj"] as const) {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { login } });
    actors[login] = (await loadActor(user.id, db.prisma))!;
  }
});
afterAll(() => db.drop());

describe("填报模板", () => {
  it("holds the unit's projects, inputs unlocked, the rest protected, with validation and a notes sheet", async () => {
    const { bytes, fileName } = await reportTemplateWorkbook(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null });
    expect(fileName).toContain("市住建局2026年10月");
    const wb = await workbookOf(bytes);
    const ws = wb.getWorksheet("填报")!;
    const { rowOf, col } = locate(ws);
    const seqs: number[] = [];
    for (let n = 4; n <= ws.rowCount; n++) if (typeof ws.getRow(n).getCell(1).value === "number") seqs.push(ws.getRow(n).getCell(1).value as number);
    expect(seqs).toEqual(housing.map((r) => r.seq));
    const first = rowOf(housing[0]!.seq);
    expect(first.getCell(col("项目名称")).value).toBe(housing[0]!.name);
    expect(first.getCell(col("当月完成（万元）")).protection?.locked).toBe(false);
    expect(first.getCell(col("项目名称")).protection?.locked).not.toBe(false);
    expect(first.getCell(col("项目状态")).dataValidation?.type).toBe("list");
    expect(first.getCell(col("实际开工日期")).dataValidation?.type).toBe("date");
    expect(wb.getWorksheet("填表说明")).toBeDefined();
    // Protected: the sheet carries a protection element.
    expect((ws as unknown as { sheetProtection: unknown }).sheetProtection).toBeTruthy();
  });

  it("reads a filled file: per-cell errors first, then saves the corrected rows as drafts in one go", async () => {
    const { bytes } = await reportTemplateWorkbook(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null });
    const wb = await workbookOf(bytes);
    const ws = wb.getWorksheet("填报")!;
    const { rowOf, col } = locate(ws);
    const [a, b, c] = housing;
    rowOf(a!.seq).getCell(col("当月完成（万元）")).value = 120.5;
    rowOf(a!.seq).getCell(col("形象进度")).value = "主体结构施工";
    rowOf(a!.seq).getCell(col("项目状态")).value = "在建";
    rowOf(a!.seq).getCell(col("实际开工日期")).value = "2025/3/1";
    rowOf(b!.seq).getCell(col("当月完成（万元）")).value = "1,000";
    rowOf(b!.seq).getCell(col("项目状态")).value = "竣工"; // without a completion date: an error
    rowOf(c!.seq).getCell(col("当月完成（万元）")).value = "一百"; // not a number
    const wrong = new Uint8Array(await wb.xlsx.writeBuffer());
    const preview = await previewReportTemplate(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null }, wrong);
    const rowOfSeq = (seq: number) => preview.rows.find((r) => r.seq === seq)!;
    expect(rowOfSeq(a!.seq).action).toBe("save");
    expect(rowOfSeq(a!.seq).changes).toContainEqual({ column: "当月完成（万元）", from: "", to: "120.5" });
    expect(rowOfSeq(b!.seq).errors).toEqual([{ column: "实际竣工日期", message: "状态为竣工时请填写实际竣工日期" }]);
    expect(rowOfSeq(c!.seq).errors[0]!.column).toBe("当月完成（万元）");
    expect(preview.counts.errors).toBe(2);
    const refused = await errorOf(importReportTemplate(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null }, wrong, NOW));
    expect(refused.message).toContain("2 行错误");
    expect(await db.prisma.progressReport.count({ where: { year: 2026, month: 10 } })).toBe(0);

    rowOf(b!.seq).getCell(col("实际竣工日期")).value = new Date(Date.UTC(2026, 9, 20));
    rowOf(c!.seq).getCell(col("当月完成（万元）")).value = 100;
    const fixed = new Uint8Array(await wb.xlsx.writeBuffer());
    const again = await previewReportTemplate(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null }, fixed);
    expect(again.counts).toMatchObject({ errors: 0, save: 3 });
    const { saved } = await importReportTemplate(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null, basis: again.basis }, fixed, NOW);
    expect(saved.saved).toBe(3);
    const stored = await db.prisma.progressReport.findMany({ where: { year: 2026, month: 10 }, include: { project: true }, orderBy: { project: { seq: "asc" } } });
    expect(stored.map((r) => [r.project.seq, r.status, r.monthWan.toFixed()])).toEqual(
      [
        [a!.seq, "DRAFT", "120.5"],
        [b!.seq, "DRAFT", "1000"],
        [c!.seq, "DRAFT", "100"],
      ].sort((x, y) => (x[0] as number) - (y[0] as number)),
    );
    expect(stored.find((r) => r.project.seq === a!.seq)!.actualStart?.toISOString().slice(0, 10)).toBe("2025-03-01");
    // The same file again: nothing has changed, nothing to save.
    const same = await previewReportTemplate(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null }, fixed);
    expect(same.counts).toMatchObject({ save: 0, same: 3 });
  });

  it("refuses another unit's, another month's and another plan's file, and a file that is no template", async () => {
    const { bytes } = await reportTemplateWorkbook(db.prisma, actors.jyj, { planCode: PLAN, ...MONTH, unitId: null });
    expect((await errorOf(previewReportTemplate(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null }, bytes))).message).toMatch(/是“市教育局”的，不是“市住建局”的/);
    const own = (await reportTemplateWorkbook(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null })).bytes;
    expect((await errorOf(previewReportTemplate(db.prisma, actors.zjj, { planCode: PLAN, year: 2026, month: 9, unitId: null }, own))).message).toMatch(/2026年10月的，当前填报的是2026年9月/);
    const wb = await workbookOf(own);
    const meta = wb.getWorksheet("模板信息")!;
    meta.getRow(2).getCell(2).value = "another-plan";
    const otherPlan = new Uint8Array(await wb.xlsx.writeBuffer());
    expect((await errorOf(previewReportTemplate(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null }, otherPlan))).message).toMatch(/不是当前的规划/);
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet("Sheet1").addRow(["序号", "当月完成"]);
    const notTemplate = new Uint8Array(await plain.xlsx.writeBuffer());
    expect((await errorOf(previewReportTemplate(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null }, notTemplate))).message).toMatch(/不是本系统的填报模板/);
    expect((await errorOf(previewReportTemplate(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: null }, new TextEncoder().encode("not a zip")))).message).toMatch(/无法读取文件/);
  });

  it("lets the DRC fill a unit's template; a unit cannot ask for another's", async () => {
    const unit = await db.prisma.unit.findFirstOrThrow({ where: { name: "市教育局" } });
    const { fileName } = await reportTemplateWorkbook(db.prisma, actors.drc, { planCode: PLAN, ...MONTH, unitId: unit.id });
    expect(fileName).toContain("市教育局");
    expect((await errorOf(reportTemplateWorkbook(db.prisma, actors.zjj, { planCode: PLAN, ...MONTH, unitId: unit.id }))).status).toBe(403);
  });
});
