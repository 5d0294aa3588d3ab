// The exported documents opened with independent readers: the docx and xlsx
// rendered by LibreOffice, every PDF read by poppler, the workbook read back
// with exceljs. Expected figures come from the published source file.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { annexDocument } from "@/lib/export/annex-docx";
import { annexPdf } from "@/lib/export/annex-pdf";
import { annexTable, summaryTable } from "@/lib/export/annex-table";
import { annexWorkbook } from "@/lib/export/annex-xlsx";
import { seedDemoData } from "@/lib/plans/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { officeToPdf, pdfInfo, pdfLines, pdfPageText, writeTemp } from "@/tests/office";
import { source } from "@/tests/wenzhou-source";

// LibreOffice renders each document in a new process: tens of seconds on a loaded machine.
vi.setConfig({ testTimeout: 240_000 });

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
});
afterAll(() => db.drop());

const A4 = { long: 841.89, short: 595.28 };
const unitNames = [...new Set(source.flatMap((r) => r.units))];
const last = source[source.length - 1]!;

/** Every check a reader makes of a rendered annex PDF. */
function checkAnnexPdf(file: string) {
  const info = pdfInfo(file);
  expect(info.widthPt).toBeCloseTo(A4.long, 0);
  expect(info.heightPt).toBeCloseTo(A4.short, 0);
  expect(info.pages).toBeGreaterThan(3);
  const lines = pdfLines(file);
  const page1 = pdfPageText(file, 1);
  // Each header line of every column, and the first project's unit (the last column), on page 1.
  for (const header of ["序号", "项目名称", "项目", "类型", "项目期限", "建设地点", "建设内容和规模", "总投资", "（亿元）", "“十四五”", "投资", "组织实施单位"]) expect(page1).toContain(header);
  expect(page1).toContain(source[0]!.units[0]!);
  expect(page1).toContain("附件");
  expect(page1).toContain("温州市社会发展和基本公共服务体系“十四五”规划重大项目表");
  // Page numbers in the standard's form on every page.
  for (let p = 1; p <= info.pages; p++) expect(pdfPageText(file, p)).toContain(`—${p}—`);
  // No unit name split across lines: each one stands whole on some line.
  const all = lines.flat();
  const split = unitNames.filter((u) => !all.some((l) => l.includes(u)));
  expect(split).toEqual([]);
  // The header repeated on page 2, the last project on the last page.
  expect(pdfPageText(file, 2)).toContain("建设内容和规模");
  expect(pdfPageText(file, info.pages)).toContain(last.units[last.units.length - 1]!);
}

describe("the annex as a 公文 annex", () => {
  it("docx: real landscape A4, standard margins, fonts named, odd/even page numbers; rendered by LibreOffice", async () => {
    const bytes = await annexDocument(await annexTable(db.prisma, "wenzhou-2021"), null);
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    const pgSz = /<w:pgSz [^>]*>/.exec(xml)![0];
    expect(pgSz).toMatch(/w:w="16838"/);
    expect(pgSz).toMatch(/w:h="11906"/);
    expect(pgSz).toMatch(/w:orient="landscape"/);
    const margins = /<w:pgMar [^>]*>/.exec(xml)![0];
    const twips = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(margins)![1]);
    // GB/T 9704: the 版心 156 × 225 mm, turned with the page (28/26 mm top/bottom, 37/35 mm left/right).
    expect([twips("top"), twips("bottom"), twips("left"), twips("right")].map((t) => Math.round((t / 1440) * 25.4))).toEqual([28, 26, 37, 35]);
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(16838 - twips("left") - twips("right"));
    expect(xml).toContain("<w:tblHeader");
    for (const font of ["仿宋_GB2312", "方正小标宋简体", "黑体"]) expect(xml).toContain(`w:eastAsia="${font}"`);
    const settings = await zip.file("word/settings.xml")!.async("string");
    expect(settings).toContain("<w:evenAndOddHeaders");
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /word\/footer\d+\.xml/.test(f)).map((f) => zip.file(f)!.async("string")));
    expect(footers.some((f) => f.includes('w:val="right"') && f.includes("PAGE"))).toBe(true);
    expect(footers.some((f) => f.includes('w:val="left"') && f.includes("PAGE"))).toBe(true);

    const rendered = officeToPdf(bytes, "annex.docx");
    if (process.env.SHOW_EXPORTS) console.log("EXPORT", rendered);
    checkAnnexPdf(rendered);
  });

  it("PDF: the same checks, with an open CJK face embedded", async () => {
    const bytes = await annexPdf(await annexTable(db.prisma, "wenzhou-2021"), null);
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toContain("NotoSerifSC");
    const file = writeTemp(bytes, "annex.pdf");
    if (process.env.SHOW_EXPORTS) console.log("EXPORT", file);
    checkAnnexPdf(file);
  });
});

describe("the annex workbook", () => {
  it("reads back with print setup, frozen header, footer page numbers, one-decimal 亿元 and rows as high as their text", async () => {
    const bytes = await annexWorkbook(await annexTable(db.prisma, "wenzhou-2021"), null);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("重大项目表")!;
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3" });
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(sheet.headerFooter.differentOddEven).toBe(true);
    expect(sheet.headerFooter.oddFooter).toMatch(/^&R.*— &P —$/);
    expect(sheet.headerFooter.evenFooter).toMatch(/^&L.*— &P —$/);
    const byName = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row) => byName.set(String(row.getCell(2).value), row));
    const width = (col: number) => sheet.getColumn(col).width!;
    for (const project of source) {
      const row = byName.get(project.name)!;
      expect(row, project.name).toBeDefined();
      const total = row.getCell(7);
      if (project.totalInvestment !== "待定" && project.totalInvestment !== "——") {
        expect(total.value).toBe(Number(project.totalInvestment));
        expect(total.numFmt).toBe("0.0");
      }
      // Wrapped text fits: a CJK character is two of Excel's width units at 11 pt, so the
      // content column holds about width/2 × 11/size characters a line; the row must be that many lines high.
      const size = row.getCell(6).font!.size!;
      const perLine = Math.floor(((width(6) - 1) / 2) * (11 / size));
      const lines = Math.ceil([...project.content].length / perLine);
      expect(row.height, project.name).toBeGreaterThanOrEqual(lines * size);
      const unitLines = project.units.length;
      expect(row.height, project.name).toBeGreaterThanOrEqual(unitLines * size);
    }
    // LibreOffice prints it one page wide, landscape, the header on every page.
    const pdf = officeToPdf(bytes, "annex.xlsx");
    const info = pdfInfo(pdf);
    expect(info.widthPt).toBeGreaterThan(info.heightPt);
    for (let p = 1; p <= info.pages; p++) {
      const text = pdfPageText(pdf, p);
      expect(text).toContain("组织实施单位");
      expect(text).toContain(`—${p}—`);
    }
    expect(pdfPageText(pdf, 1)).toContain(source[0]!.units[0]!);
  });
});

describe("the 分类汇总表", () => {
  // Sums of the source file, by hand: 亿元 in hundredths of a 亿元 would lose nothing here (one decimal published).
  const sumYi = (rows: typeof source, pick: "totalInvestment" | "fypInvestment") =>
    (rows.reduce((s, r) => s + (/^\d/.test(r[pick]) ? Math.round(Number(r[pick]) * 10000) : 0), 0) / 10000).toFixed(1);
  const culture = source.filter((r) => r.domain === "文化");

  it("recomputes from the rows, keeps the published labels and columns, and notes each figure that differs", async () => {
    const summary = await summaryTable(db.prisma, "wenzhou-2021");
    for (const bytes of [await annexDocument(null, summary), await annexPdf(null, summary)]) {
      const pdf = bytes[0] === 0x25 ? writeTemp(bytes, "summary.pdf") : officeToPdf(bytes, "summary.docx");
      const text = pdfPageText(pdf, 1);
      for (const header of ["领域", "项目数", "总投资（亿元）", "“十四五”计划投资（亿元）"]) expect(text).toContain(header);
      expect(text).toContain("温州市社会发展和基本公共服务体系“十四五”重点项目分类汇总表");
      expect(text).toContain(`汇总数${source.length}${sumYi(source, "totalInvestment")}${sumYi(source, "fypInvestment")}`);
      // The four figures that differ from the published table, and no other.
      expect(text).toContain(`文化：公布107.9/115.0，按明细合计${sumYi(culture, "totalInvestment")}/${sumYi(culture, "fypInvestment")}`);
      expect(text).toContain(`汇总数：公布2336.4/1844.6，按明细合计${sumYi(source, "totalInvestment")}/${sumYi(source, "fypInvestment")}`);
      expect(text.match(/公布[\d.]+\//g)).toHaveLength(2);
    }
  });

  it("exports the published figures as published on request, with the same note", async () => {
    const summary = await summaryTable(db.prisma, "wenzhou-2021", { figures: "published" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await annexWorkbook(null, summary)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("分类汇总")!;
    expect(sheet.getRow(2).values).toEqual([undefined, "领域", "项目数", "总投资（亿元）", "“十四五”计划投资（亿元）"]);
    expect(sheet.getRow(3).values).toEqual([undefined, "汇总数", 69, 2336.4, 1844.6]);
    expect(sheet.getRow(10).values).toEqual([undefined, "七、文化", 11, 107.9, 115]);
    expect(sheet.getRow(12).values).toEqual([undefined, "九、数字社会系统建设", 17, "——", "——"]);
    const notes = [...new Set(sheet.getSheetValues().flat().map(String).filter((v) => v.includes("公布")))];
    expect(notes.join("\n")).toContain("原样照录");
    expect(notes.filter((n) => /按明细合计/.test(n) && /^\d\./.test(n))).toHaveLength(2);
  });
});

describe("text that could run as a formula, and the export of a grid view", () => {
  it("neutralises = + - @ tab and CR at the start of a cell in every workbook, and the import reads it back as typed", async () => {
    const { neutraliseFormula, restoreNeutralised } = await import("./spreadsheet-safety");
    for (const text of ["=HYPERLINK(\"http://evil.example\",\"点此\")", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"]) {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
      expect(restoreNeutralised(neutraliseFormula(text))).toBe(text);
    }
    expect(neutraliseFormula("新建住房 1000 套")).toBe("新建住房 1000 套");
    const attack = '=HYPERLINK("http://evil.example","点此")';
    const project = await db.prisma.project.findFirstOrThrow({ where: { seq: 3 } });
    await db.prisma.project.update({ where: { id: project.id }, data: { content: attack, name: "@恶意项目" } });
    const { annexViewData, annexViewPublication } = await import("./annex-view");
    const { publicationXlsx } = await import("./publication-xlsx");
    for (const bytes of [await annexWorkbook(await annexTable(db.prisma, "wenzhou-2021"), null), await publicationXlsx(annexViewPublication(await annexViewData(db.prisma, "wenzhou-2021", {})))]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const texts = wb.worksheets[0]!.getSheetValues().flat().filter((v): v is string => typeof v === "string");
      expect(texts).toContain(`'${attack}`);
      expect(texts).toContain("'@恶意项目");
      expect(texts.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);
      // No cell is a formula.
      wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    }
    await db.prisma.project.update({ where: { id: project.id }, data: { content: project.content, name: project.name } });
  });

  it("a filtered view with progress: the grid's columns, 区县 and the progress ones, the filter above, a name saying it is a view", async () => {
    const { annexViewData, annexViewPublication, viewFileName } = await import("./annex-view");
    const { publicationXlsx } = await import("./publication-xlsx");
    const data = await annexViewData(db.prisma, "wenzhou-2021", { domain: "教育", progress: { year: 2026, month: 9 } });
    expect(viewFileName(data)).toBe("温州市社会发展和基本公共服务体系“十四五”规划重大项目表-当前视图（领域：教育，进度截至2026年9月，已审核）.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await publicationXlsx(annexViewPublication(data))) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("当前视图")!;
    const values = sheet.getSheetValues().flat().map(String);
    expect(values).toContain("筛选条件：领域：教育");
    // Whose figures the progress columns are: 已审核 unless the view asks for the submitted ones too.
    expect(values.some((v) => v.endsWith("口径：已审核"))).toBe(true);
    const header = sheet.getRow((sheet.views[0] as { ySplit: number }).ySplit).values as string[];
    for (const h of ["区县", "年度计划\n（亿元）", "本年累计\n（亿元）", "完成率", "序时进度", "项目状态", "组织实施单位"]) expect(header).toContain(h);
    const projects = sheet.getSheetValues().filter((r) => Array.isArray(r) && typeof r[1] === "number");
    expect(projects).toHaveLength(source.filter((r) => r.domain === "教育").length);

    // The columns left out in the grid (显示列) are left out of the file.
    const narrow = new ExcelJS.Workbook();
    await narrow.xlsx.load(Buffer.from(await publicationXlsx(annexViewPublication({ ...data, view: { ...data.view, hide: ["content", "units"] } }))) as unknown as ArrayBuffer);
    const narrowSheet = narrow.getWorksheet("当前视图")!;
    const narrowHeader = narrowSheet.getRow((narrowSheet.views[0] as { ySplit: number }).ySplit).values as string[];
    expect(narrowHeader).not.toContain("建设内容和规模");
    expect(narrowHeader).not.toContain("组织实施单位");
    expect(narrowHeader).toContain("区县");
  });
});
