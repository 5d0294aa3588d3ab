// The exported documents opened with independent readers: the docx and xlsx
// rendered by LibreOffice, every PDF read by poppler, the workbook read back
// with exceljs. Expected figures come from the published source file.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annexDocument } from "@/lib/export/annex-docx";
import { annexPdf } from "@/lib/export/annex-pdf";
import { annexTable, summaryTable } from "@/lib/export/annex-table";
import { annexWorkbook } from "@/lib/export/annex-xlsx";
import { seedDemoData } from "@/lib/plans/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { officeToPdf, pdfInfo, pdfLines, pdfPageText, writeTemp } from "@/tests/office";
import { source } from "@/tests/wenzhou-source";

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
