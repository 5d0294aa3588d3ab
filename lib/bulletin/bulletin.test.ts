// The monthly 通报 on the demo data, its figures held against figures worked
// out by hand from the published file and the demo's own rule (each year's
// plan = 十四五投资 spread over the period's years inside 2021–2025; 1–N月 =
// plan × N/12 × the project's pace), for one domain (教育) and one county
// (鹿城区); and the document opened by independent readers.
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { publicationDocx } from "@/lib/export/publication-docx";
import { publicationXlsx } from "@/lib/export/publication-xlsx";
import { seedDemoData } from "@/lib/plans/demo-data";
import { seedDemoProgress } from "@/lib/progress/demo-progress";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { officeToPdf, pdfInfo, pdfPageText } from "@/tests/office";
import { countyOf, source, type SourceRow } from "@/tests/wenzhou-source";
import { bulletinData } from "./bulletin-data";
import { bulletinPublication } from "./bulletin-document";

// LibreOffice renders each document in a new process: tens of seconds on a loaded machine.
vi.setConfig({ testTimeout: 240_000 });

let db: TestDatabase;
let actor: Actor;
const NOW = new Date("2025-11-20T04:00:00Z"); // the demo then has approved reports up to September 2025
const SEPTEMBER = { year: 2025, month: 9 };

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  await seedDemoProgress(db.prisma, "wenzhou-2021", NOW);
  const drc = await db.prisma.user.findFirstOrThrow({ where: { login: "drc" } });
  actor = { userId: drc.id, login: drc.login, name: drc.name, role: "REVIEWER", unitId: null, unitName: null, region: null, mustChangePassword: false };
});
afterAll(() => db.drop());

/** The demo's figures for one project as of September 2025, by hand (万元). */
function byHand(row: SourceRow) {
  const [, from, to] = /^(\d{4})(?:-(\d{4}))?/.exec(row.period)!;
  const start = Number(from);
  const end = Number(to ?? from);
  const yearsInPlan = Math.min(end, 2025) - Math.max(start, 2021) + 1;
  const building = start <= 2025 && end >= 2025;
  const fyp = /^\d/.test(row.fypInvestment) ? new Decimal(row.fypInvestment).times(10_000) : null;
  const annual = building && fyp && fyp.greaterThan(0) && yearsInPlan > 0 ? fyp.dividedBy(yearsInPlan).toDecimalPlaces(0, Decimal.ROUND_HALF_UP) : null;
  const pace = new Decimal(50 + ((row.seq * 37) % 100)).dividedBy(100);
  const ytd = annual ? annual.times(9).dividedBy(12).times(pace).toDecimalPlaces(1, Decimal.ROUND_HALF_UP) : new Decimal(0);
  const lag = annual ? new Decimal(9).dividedBy(12).minus(ytd.dividedBy(annual)).times(100) : null;
  const light = lag === null ? null : lag.greaterThan(30) ? "red" : lag.greaterThanOrEqualTo(10) ? "yellow" : "green";
  return { annual, ytd, light };
}

function expectedRow(rows: SourceRow[]) {
  const figures = rows.map(byHand);
  const planned = figures.filter((f) => f.annual);
  const annual = planned.reduce((s, f) => s.plus(f.annual!), new Decimal(0));
  const ytd = figures.reduce((s, f) => s.plus(f.ytd), new Decimal(0));
  const ytdPlanned = planned.reduce((s, f) => s.plus(f.ytd), new Decimal(0));
  const count = (l: string) => figures.filter((f) => f.light === l).length;
  return {
    projects: rows.length,
    annualYi: Number(annual.dividedBy(10_000).toFixed(1, Decimal.ROUND_HALF_UP)),
    ytdYi: Number(ytd.dividedBy(10_000).toFixed(1, Decimal.ROUND_HALF_UP)),
    rate: Number(ytdPlanned.dividedBy(annual).toFixed(3, Decimal.ROUND_HALF_UP)),
    lights: [count("red"), count("yellow"), count("green")],
  };
}

describe("the monthly 通报", () => {
  it("gives the hand-worked figures for 教育 and 鹿城区, and the whole plan, in its workbook", async () => {
    const publication = bulletinPublication(await bulletinData(db.prisma, actor, "wenzhou-2021", SEPTEMBER, "approved", NOW));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await publicationXlsx(publication)) as unknown as ArrayBuffer);
    const rowOf = (sheet: string, key: string) => {
      let found: ExcelJS.Row | undefined;
      wb.getWorksheet(sheet)!.eachRow((r) => {
        if (r.getCell(1).value === key) found = r;
      });
      expect(found, `${sheet} ${key}`).toBeDefined();
      const v = (c: number) => found!.getCell(c).value as number;
      return { projects: v(2), annualYi: v(3), ytdYi: v(4), rate: Number(v(5).toFixed(3)), lights: [v(7), v(8), v(9)] };
    };
    expect(rowOf("分领域", "教育")).toEqual(expectedRow(source.filter((r) => r.domain === "教育")));
    expect(rowOf("分区县", "鹿城区")).toEqual(expectedRow(source.filter((r) => countyOf(r.location) === "鹿城区")));
    expect(rowOf("分领域", "合计")).toEqual(expectedRow(source));
    expect(rowOf("分区县", "合计")).toEqual(expectedRow(source));
    // The red and yellow projects, each listed.
    const lights = source.map(byHand);
    const lagging = lights.filter((f) => f.light === "red" || f.light === "yellow").length;
    const sheetRows = (name: string) => wb.getWorksheet(name)!.getSheetValues().filter((r) => Array.isArray(r) && typeof r[1] === "number").length;
    expect(sheetRows("红黄灯项目")).toBe(lagging);
  });

  it("is a 公文-style Word document that says its basis, with the headline figures, page numbers and every table's header", async () => {
    const publication = bulletinPublication(await bulletinData(db.prisma, actor, "wenzhou-2021", SEPTEMBER, "approved", NOW));
    const pdf = officeToPdf(await publicationDocx(publication), "bulletin.docx");
    if (process.env.SHOW_EXPORTS) console.log("EXPORT", pdf);
    const info = pdfInfo(pdf);
    expect(info.widthPt).toBeGreaterThan(info.heightPt);
    const all = Array.from({ length: info.pages }, (_, i) => pdfPageText(pdf, i + 1)).join("");
    const total = expectedRow(source);
    expect(all).toContain("温州市社会发展和基本公共服务体系“十四五”规划重大项目推进情况通报");
    expect(all).toContain(`1–9月累计完成投资${total.ytdYi.toFixed(1)}亿元`);
    expect(all).toContain("数据口径为已审核月报");
    expect(all).toContain("口径：已审核");
    for (const heading of ["一、总体情况", "二、分领域推进情况", "三、分区县推进情况", "四、区县和单位排名", "五、红灯、黄灯项目", "六、应开工未开工项目", "七、逾期报送单位", "八、需协调解决的问题"]) expect(all).toContain(heading);
    for (let p = 1; p <= info.pages; p++) expect(pdfPageText(pdf, p)).toContain(`—${p}—`);
  });
});
