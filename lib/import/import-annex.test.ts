// Import and export against a real PostgreSQL: the real workbook, files in
// other wordings, malformed files, and the round trip through the export.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { annexDocument } from "@/lib/export/annex-docx";
import { annexPdf } from "@/lib/export/annex-pdf";
import { annexTable, summaryTable } from "@/lib/export/annex-table";
import { annexWorkbook } from "@/lib/export/annex-xlsx";
import { seedDemoData } from "@/lib/plans/demo-data";
import { listAnnexRows } from "@/lib/projects/list-projects";
import { listProjectHistory } from "@/lib/projects/project-history";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runMutation } from "@/lib/mutations/run-mutation";
import { TEST_NOW } from "@/tests/run-as";
import { applyImportMutation, previewImportMutation } from "./import-annex";

/** The tests import as the command line does. */
const operator = { kind: "operator", name: "测试", login: "测试" } as const;
const at = { now: TEST_NOW };
const REAL = new Uint8Array(readFileSync("prisma/seed-data/wenzhou-2021-annex.xlsx"));
const source: { seq: number; name: string; domain: string; type: string; period: string; location: string; content: string; totalInvestment: string; fypInvestment: string; units: string[] }[] =
  JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
});
afterAll(() => db.drop());

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  return "";
}

const csv = (text: string) => new TextEncoder().encode(text);

describe("the real published workbook", () => {
  it("previews 69 new projects with the data's real problems flagged, and no errors", async () => {
    const preview = await runMutation(db.prisma, previewImportMutation, operator, { planCode: "real-again", fileName: "wenzhou.xlsx", bytes: REAL }, at);
    expect(preview.counts).toMatchObject({ rows: 69, add: 69, change: 0, remove: 0, errors: 0 });
    expect(preview.planExists).toBe(false);
    expect(preview.moneyUnit).toBe("亿元");
    const messages = preview.issues.map((i) => `${i.row}:${i.message}`);
    expect(messages).toContain("49:项目期限“2018-2021、”含多余的标点，按“2018-2021”读取");
    expect(messages.filter((m) => m.includes("温州龙舟运动基地"))).toHaveLength(2);
    // The published rollup is read as printed, including its wrong totals.
    expect(preview.publishedRollup?.[0]).toEqual({ label: "汇总数", projectCount: 69, total: "2336.4", fyp: "1844.6" });
    expect(preview.publishedRollup?.find((r) => r.label === "九、数字社会系统建设")).toMatchObject({ total: "——" });
  });

  it("previews no change against the plan it was imported into", async () => {
    const preview = await runMutation(db.prisma, previewImportMutation, operator, { planCode: "wenzhou-2021", fileName: "wenzhou.xlsx", bytes: REAL }, at);
    expect(preview.counts).toMatchObject({ add: 0, change: 0, same: 69, remove: 0 });
  });

  it("stored the published rollup beside the plan", async () => {
    const rows = await db.prisma.publishedRollupRow.findMany({ where: { plan: { code: "wenzhou-2021" } }, orderBy: { position: "asc" } });
    expect(rows).toHaveLength(11);
    expect([rows[0]!.label, rows[0]!.totalWan?.toString()]).toEqual(["汇总数", "23364000"]);
  });
});

describe("files in other wordings", () => {
  const OTHER = [
    "附件2",
    "某市“十四五”重点项目表",
    "单位：万元",
    "序号,领域,项目名称,建设性质,建设起止年限,建设地点,主要建设内容,总投资,,责任单位",
    ",,,,,,,合计,其中：十四五计划投资,",
    "1,教育,市第一中学\n新校区,新建,2022-2024,瑞安市,新建校舍,\"12,000\",8000,市教育局；瑞安市政府",
    "2,教育,职教中心,扩建,2021年-2023年,未定,扩建实训楼,待定,——,市教育局（市体育局）",
    "3,医疗,市人民医院,新建,2023,鹿城区,新建病房,5000,,市卫健委",
  ].join("\r\n");

  it("reads a two-row header, the 单位 line, a domain column, wrapped names and several unit separators", async () => {
    const preview = await runMutation(db.prisma, previewImportMutation, operator, { planCode: "other", fileName: "other.csv", bytes: csv(OTHER) }, at);
    expect(preview.moneyUnit).toBe("万元");
    expect(preview.counts).toMatchObject({ rows: 3, errors: 0 });
    const [a, b, c] = preview.rows;
    expect([a!.name, a!.domain, a!.type, a!.total, a!.fyp, a!.units]).toEqual(["市第一中学新校区", "教育", "新建", "1.2", "0.8", ["市教育局", "瑞安市政府"]]);
    expect([b!.total, b!.fyp, b!.units, b!.period]).toEqual(["待定", "——", ["市教育局（市体育局）"], "2021年-2023年"]);
    expect(c!.fyp).toBe("待定");
    expect(preview.issues.map((i) => i.message)).toContain("金额为空，按“待定”导入");
  });

  it("blocks the whole file on an error, and writes nothing", async () => {
    const bad = OTHER + "\r\n4,医疗,市中医院,新建,2025-2021,鹿城区,迁建,abc,,市卫健委";
    const preview = await runMutation(db.prisma, previewImportMutation, operator, { planCode: "bad", fileName: "bad.csv", bytes: csv(bad) }, at);
    expect(preview.issues.filter((i) => i.severity === "error").map((i) => `${i.row}:${i.column}:${i.message}`)).toEqual([
      "9:总投资:金额“abc”无法识别：应为数字、待定或——",
      "9:项目期限:项目期限“2025-2021”的结束年份早于开始年份",
    ]);
    expect(await errorOf(runMutation(db.prisma, applyImportMutation, operator, { importId: preview.importId }, at))).toMatch(/文件有 2 处错误，未导入/);
    expect(await db.prisma.plan.findUnique({ where: { code: "bad" } })).toBeNull();
  });
});

describe("malformed files get a clear message, never a stack trace", () => {
  const cases: { case: string; name: string; bytes: Uint8Array; message: RegExp }[] = [
    { case: "an empty file", name: "empty.xlsx", bytes: new Uint8Array(), message: /文件“empty.xlsx”是空的/ },
    { case: "not a spreadsheet", name: "notes.xlsx", bytes: csv("just some text"), message: /不是 Excel（.xlsx）或 CSV 文件/ },
    { case: "an old .xls", name: "old.xls", bytes: csv("x"), message: /另存为 .xlsx/ },
    { case: "a corrupt zip", name: "broken.xlsx", bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), message: /无法作为 Excel 工作簿打开/ },
    { case: "a table without a recognisable header", name: "list.csv", bytes: csv("姓名,电话\n张三,123"), message: /找不到重大项目表的表头/ },
    { case: "a CSV with nothing in it", name: "blank.csv", bytes: csv("\n\n"), message: /文件中没有任何内容/ },
  ];
  for (const c of cases) {
    it(c.case, async () => {
      expect(await errorOf(runMutation(db.prisma, previewImportMutation, operator, { planCode: "x", fileName: c.name, bytes: c.bytes }, at))).toMatch(c.message);
    });
  }

  it("an empty workbook", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await errorOf(runMutation(db.prisma, previewImportMutation, operator, { planCode: "x", fileName: "empty-book.xlsx", bytes }, at))).toMatch(/文件中没有任何内容/);
  });
});

describe("export for publication, and the round trip", () => {
  it("writes the annex workbook as published: title, header, merged domain rows, landscape, header repeated", async () => {
    const bytes = await annexWorkbook(await annexTable(db.prisma, "wenzhou-2021"), await summaryTable(db.prisma, "wenzhou-2021"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("重大项目表")!;
    expect(sheet.getCell("A1").value).toBe("附件：");
    expect(sheet.getCell("A2").value).toBe("温州市社会发展和基本公共服务体系“十四五”规划重大项目表");
    expect(sheet.getCell("A2").isMerged).toBe(true);
    expect(sheet.getCell("G3").value).toBe("总投资\n（亿元）");
    expect(sheet.getCell("A4").value).toBe("一、保障性安居工程及老旧小区改造");
    expect(sheet.getCell("I4").isMerged).toBe(true);
    expect([sheet.getCell("A5").value, sheet.getCell("G5").value, sheet.getCell("G5").numFmt]).toEqual([1, 1000, "0.0"]);
    expect(sheet.pageSetup.orientation).toBe("landscape");
    expect(sheet.pageSetup.printTitlesRow).toBe("3:3");
    const pending = source.find((r) => r.totalInvestment === "待定")!;
    const cells = sheet.getSheetValues().flat().map(String);
    expect(cells).toContain(pending.name);
    expect(cells).toContain("待定");
    expect(cells).toContain("——");
    // The rollup sheet is computed from the detail rows: 69 projects, 2347.7 亿元 — not the published 2336.4.
    const summary = wb.getWorksheet("分类汇总")!;
    expect([summary.getCell("A4").value, summary.getCell("B4").value, summary.getCell("C4").value, summary.getCell("D4").value]).toEqual(["汇总数", 69, 2347.7, 1843.1]);
  });

  it("writes a landscape Word document with the title, a repeated header row and every project", async () => {
    const bytes = await annexDocument(await annexTable(db.prisma, "wenzhou-2021"), null);
    const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain("<w:tblHeader");
    expect(xml).toContain("温州市社会发展和基本公共服务体系“十四五”规划重大项目表");
    for (const row of source) expect(xml).toContain(row.name.replace(/&/g, "&amp;"));
    expect(xml).toContain("十、中医药");
  });

  it("writes a landscape A4 PDF of the annex with the font embedded, over several pages", async () => {
    const bytes = Buffer.from(await annexPdf(await annexTable(db.prisma, "wenzhou-2021"), null));
    const raw = bytes.toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(raw).toContain("NotoSansSC");
    expect((raw.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(3);
  });

  it("exports the annex and imports the export into a new plan with the same projects, fields and amounts", async () => {
    const bytes = await annexWorkbook(await annexTable(db.prisma, "wenzhou-2021"), null);
    const preview = await runMutation(db.prisma, previewImportMutation, operator, { planCode: "round-trip", fileName: "export.xlsx", bytes }, at);
    expect(preview.counts).toMatchObject({ add: 69, errors: 0 });
    await runMutation(db.prisma, applyImportMutation, operator, { importId: preview.importId }, at);
    const [original, copy] = await Promise.all([listAnnexRows(db.prisma, "wenzhou-2021"), listAnnexRows(db.prisma, "round-trip")]);
    const comparable = (r: (typeof original)[number]) => ({
      seq: r.seq, domain: r.domainName, name: r.name, type: r.type, period: r.periodText, location: r.locationText, county: r.regionCode,
      content: r.content, total: r.total, fyp: r.fyp, units: r.units.map((u) => u.publishedName),
    });
    expect(copy.map(comparable)).toEqual(original.map(comparable));
  });

  it("re-imports an edited export: one change, one addition, one removal, each in the history", async () => {
    const table = await annexTable(db.prisma, "round-trip");
    table.groups[0]!.rows[2]![6] = "70.0"; // 老旧小区改造: total 65 → 70
    const removed = table.groups[1]!.rows.pop()!;
    table.groups[1]!.rows.push(["70", "新增测试项目", "新建", "2024-2025", "龙湾区", "新建", "1.5", "1.5", "市教育局"]);
    const preview = await runMutation(db.prisma, previewImportMutation, operator, { planCode: "round-trip", fileName: "edited.xlsx", bytes: await annexWorkbook(table, null) }, at);
    expect(preview.counts).toMatchObject({ add: 1, change: 1, remove: 1, errors: 0 });
    expect(preview.rows.find((r) => r.status === "change")!.changes).toEqual([{ field: "总投资（亿元）", old: "65", new: "70" }]);
    expect(preview.removed.map((r) => r.name)).toEqual([removed[1]]);
    await runMutation(db.prisma, applyImportMutation, operator, { importId: preview.importId }, at);
    const rows = await listAnnexRows(db.prisma, "round-trip");
    const changed = rows.find((r) => r.name === "老旧小区改造")!;
    expect(changed.total.wan).toBe("700000");
    expect((await listProjectHistory(db.prisma, changed.id))[0]).toMatchObject({ action: "导入", field: "total", oldValue: "650000 万元", newValue: "700000 万元" });
    expect(rows.map((r) => r.name)).toContain("新增测试项目");
    expect(rows.map((r) => r.name)).not.toContain(removed[1]);
    expect(await errorOf(runMutation(db.prisma, applyImportMutation, operator, { importId: preview.importId }, at))).toMatch(/不能重复导入/);
  });
});
