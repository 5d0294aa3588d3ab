// Every layout units mail in, built here from the published rows: each is read
// exactly (every project's figures as in the source file, computed by the
// test, not by the importer) or refused with an error naming row, column and
// reason. No database: the reader and the parser only.
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { Amount } from "@/lib/money/amount";
import { REGIONS } from "@/lib/regions/regions-data";
import { expectedRows, layoutCells, layoutFile, type Layout } from "@/tests/annex-layouts";
import { source } from "@/tests/wenzhou-source";
import { parseAnnexSheets, type ParseOptions } from "./parse-annex";
import { proposePlan } from "./plan-meta";
import { readSheets, TableFileError } from "./table-sheets";

const context = { regions: REGIONS, cityCode: "330300", knownUnitNames: [...new Set(source.flatMap((r) => r.units))] };
const wan = (a: Amount) => (a.state === "VALUE" ? a.wan.toFixed() : a.state === "PENDING" ? "待定" : "——");

async function parse(layout: Layout, options: ParseOptions = {}) {
  const { bytes, fileName } = await layoutFile(layout);
  const parsed = parseAnnexSheets(await readSheets(bytes, fileName), context, options);
  const rows = parsed.rows.map(({ record: r }) => ({
    seq: r.seq, name: r.name, domain: r.domain, totalWan: wan(r.total), fypWan: wan(r.fyp), period: r.periodText, location: r.locationText, units: r.unitNames,
  }));
  const errors = parsed.issues.filter((i) => i.severity === "error").map((i) => `${i.row}:${i.column ?? ""}:${i.message}`);
  const warnings = parsed.issues.filter((i) => i.severity === "warning").map((i) => `${i.row}:${i.column ?? ""}:${i.message}`);
  return { parsed, rows, errors, warnings };
}

/** The warnings any faithful reading of the published rows gives (empty amounts, the stray 、, twin names); none other is expected. */
const ordinary = (w: string) => /金额为空|多余的标点|在表中出现|单位名录中没有|无法识别|没有组织实施单位/.test(w);

const SUBTOTAL_SPELLINGS = ["小计", "小  计", "小　计", "小计：", "合　　计", "合计：", "小计:", " 小 计 "];

describe("layouts that import exactly", () => {
  const exact: [string, Layout][] = [
    ["the published form: merged title, 亿元 in the header", { titleMerged: true }],
    ["a title typed in one cell above the header (xlsx, 亿元)", { titleMerged: false }],
    ["a CSV with its title line, 万元 in the header (the title's 十四五 is not a column)", { format: "csv", unit: "万元" }],
    ["a CSV with its title line and a 单位：万元 line", { format: "csv", unit: "万元", unitWhere: "line" }],
    ["附件 line, title, 万元 in a note under the table", { attachmentLine: "附件2", unit: "万元", unitWhere: "note" }],
    ["numbers stored as text with thousands separators (万元)", { unit: "万元", numbersAsText: true }],
    ["a CSV with numbers as text with commas", { format: "csv", unit: "万元", numbersAsText: true }],
    ["blank spacer rows between projects", { spacerRows: true }],
    ["notes under the table", { notes: ["注：1. 项目期限以批复为准。", "2. 本表由市发改委汇总。", "填报单位：市发改委"] }],
    ["a second sheet before the annex", { extraSheet: "before" }],
    ["a second sheet after the annex", { extraSheet: "after" }],
    ["a two-row header: 总投资 merged over 合计 | 其中：“十四五”投资", { twoRowHeader: true }],
    ["a row of column numbers under the header", { columnNumbers: true }],
    ["a domain column instead of domain rows", { domains: "column" }],
    ["a grand total 合计 at the top", { grandTotal: { label: "合计", where: "top" } }],
    ["a grand total 总　计 at the bottom", { grandTotal: { label: "总　计", where: "bottom" } }],
    ["subtotals labelled with the domain (教育小计)", { subtotal: (d) => `${d}小计` }],
    ["subtotals and a total with spaces and colons, in a CSV", { format: "csv", subtotal: (_d, i) => SUBTOTAL_SPELLINGS[i % SUBTOTAL_SPELLINGS.length]!, grandTotal: { label: "合计：", where: "bottom" } }],
    ["subtotals in 万元 with commas", { unit: "万元", numbersAsText: true, subtotal: () => "小计" }],
  ];
  for (const [name, layout] of exact) {
    it(name, async () => {
      const { rows, errors, warnings } = await parse(layout);
      expect(errors).toEqual([]);
      expect(rows).toEqual(expectedRows());
      expect(warnings.filter((w) => !ordinary(w) && !/列序号/.test(w))).toEqual([]);
    });
  }

  it("a 其中 row under a project is not a project, and says so", async () => {
    const { rows, errors, warnings } = await parse({ breakdownUnder: 5 });
    expect(errors).toEqual([]);
    expect(rows).toEqual(expectedRows());
    expect(warnings.filter((w) => w.includes("其中"))).toHaveLength(1);
    expect(warnings.find((w) => w.includes("其中"))).toMatch(/“其中：中央预算内投资”是第 \d+ 行的分项，未作为项目导入/);
  });

  it("a subtotal that does not add up is a warning naming the subtotal and its rows", async () => {
    const { rows, errors, warnings } = await parse({ subtotal: () => "小计", subtotalError: "1" });
    expect(errors).toEqual([]);
    expect(rows).toEqual(expectedRows());
    const first = source.filter((r) => r.domain === source[0]!.domain);
    const sum = first.reduce((s, r) => s.plus(/^[\d.]+$/.test(r.totalInvestment) ? r.totalInvestment : 0), new Decimal(0));
    // Title on row 1, header row 2, domain row 3, the domain's projects, then the subtotal.
    const subtotalRow = 3 + first.length + 1;
    expect(warnings.filter((w) => !ordinary(w))).toEqual([
      `${subtotalRow}:总投资:“小计”的总投资为 ${sum.plus(1).toFixed()} 亿元，与第 4–${3 + first.length} 行 ${first.length} 个项目之和 ${sum.toFixed()} 亿元不符`,
    ]);
  });
});

describe("more layouts a unit's clerk makes (exact, or refused)", () => {
  type Cells = (string | number)[][];
  const headerAt = (cells: Cells) => cells.findIndex((r) => r.includes("项目名称"));
  /** Each row of the table (header and projects, not the one-cell title and domain rows) through `f`. */
  const tableRows = (f: (row: (string | number)[], i: number, header: number) => (string | number)[]) => (cells: Cells) => {
    const header = headerAt(cells);
    return cells.map((r, i) => (i >= header && r.length > 1 ? f([...r], i, header) : r));
  };
  const move = (from: number, to: number) =>
    tableRows((r) => {
      const [cell] = r.splice(from, 1);
      r.splice(to, 0, cell!);
      return r;
    });
  const amounts = (f: (c: number) => string) => tableRows((r, i, header) => (i > header ? r.map((c, k) => ((k === 6 || k === 7) && typeof c === "number" ? f(c) : c)) : r));
  const header = (f: (h: string) => string) => tableRows((r, i, at) => (i === at ? r.map((h) => f(String(h))) : r));
  const fullWidth = (text: string) => text.replace(/[0-9.]/g, (d) => (d === "." ? "．" : String.fromCharCode(d.charCodeAt(0) + 0xfee0)));

  const exact: [string, Layout][] = [
    ["组织实施单位 as the second column", { edit: move(8, 1) }],
    ["the two amount columns the other way round", { edit: move(7, 6) }],
    ["no 序号 column (the projects numbered in file order)", { edit: tableRows((r) => r.slice(1)) }],
    ["amounts typed in full-width digits", { edit: amounts((c) => fullWidth(String(c))) }],
    ["amounts typed with their unit (12.5亿元)", { edit: amounts((c) => `${c}亿元`) }],
    ["domain rows written （一）保障性安居工程…", { edit: (cells) => cells.map((r) => (r.length === 1 && /^[一二三四五六七八九十]+、/.test(String(r[0])) ? [String(r[0]).replace(/^([一二三四五六七八九十]+)、/, "（$1）")] : r)) }],
    ["headers with half-width parentheses and spaces (总 投 资(亿元))", { edit: header((h) => h.replace("（", "(").replace("）", ")").replace("总投资", "总 投 资")) }],
    ["headers 计划总投资 and “十四五”期间计划投资", { edit: header((h) => h.replace("总投资", "计划总投资").replace("“十四五”投资", "“十四五”期间计划投资")) }],
  ];
  for (const [name, layout] of exact) {
    it(name, async () => {
      const { rows, errors } = await parse(layout);
      expect(errors).toEqual([]);
      expect(rows).toEqual(expectedRows());
    });
  }

  it("amounts in 元: refused, the unit named, nothing read", async () => {
    const { rows, errors } = await parse({
      edit: (cells) => amounts((c) => new Decimal(c).times(100_000_000).toFixed())(header((h) => h.replace("亿元", "元"))(cells)),
    });
    expect(rows).toEqual([]);
    expect(errors.some((e) => e.includes("金额单位“元”"))).toBe(true);
  });
});

describe("subtotal labels in any spelling (property)", () => {
  // A small deterministic generator: the same cases on every run, many shapes.
  let seed = 20_211_231;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const spaced = (word: string) => [...word].join(pick(["", "", " ", "  ", "　", "　　", " 　"]));
  const label = (domain: string) =>
    pick(["", " ", "　"]) +
    pick(["", "", domain, "其中" === domain ? "" : "全市"]) +
    spaced(pick(["小计", "合计", "总计", "小计", "共计"])) +
    pick(["", "", ":", "：", "：", " ：", `（${Math.floor(random() * 20) + 1}个）`, `(${Math.floor(random() * 20) + 1}项)`]) +
    pick(["", " ", "　"]);

  for (let n = 0; n < 12; n++) {
    const labels = [...new Set(source.map((r) => r.domain))].map(label);
    const format = n % 2 ? "csv" : "xlsx";
    it(`${format}: ${labels.slice(0, 4).map((l) => JSON.stringify(l)).join(" ")} …`, async () => {
      const { rows, errors, warnings } = await parse({ format, subtotal: (_d, i) => labels[i]!, grandTotal: { label: label(""), where: n % 3 ? "bottom" : "top" } });
      expect(errors).toEqual([]);
      expect(rows).toEqual(expectedRows());
      expect(warnings.filter((w) => !ordinary(w))).toEqual([]);
    });
  }
});

describe("ambiguity is asked, not guessed", () => {
  it("two total columns (调整前总投资 | 调整后总投资): an error until one is chosen", async () => {
    const { rows, errors } = await parse({ twoTotals: "one-row" });
    expect(errors).toEqual(["2:总投资:G 列“调整前总投资（亿元）”和H 列“调整后总投资（亿元）”都可作为总投资列，请选择使用哪一列"]);
    expect(rows).toEqual([]);
    const byHeader = await parse({ twoTotals: "one-row" }, { columns: { total: "调整后总投资" } });
    expect(byHeader.errors).toEqual([]);
    expect(byHeader.rows).toEqual(expectedRows());
    expect(byHeader.parsed.ambiguities).toEqual([{ key: "total", label: "总投资", chosen: "H", candidates: [{ letter: "G", header: "调整前总投资（亿元）" }, { letter: "H", header: "调整后总投资（亿元）" }] }]);
    const byLetter = await parse({ twoTotals: "one-row" }, { columns: { total: "h" } });
    expect(byLetter.rows).toEqual(expectedRows());
    const before = await parse({ twoTotals: "one-row" }, { columns: { total: "G" } });
    expect(before.rows[0]!.totalWan).toBe(new Decimal(source[0]!.totalInvestment).times(2).times(10_000).toFixed());
  });

  it("总投资 merged over 调整前 | 调整后 in a two-row header: the same question", async () => {
    const { errors } = await parse({ twoTotals: "two-rows" });
    expect(errors).toEqual(["2:总投资:G 列“总投资（亿元）·调整前”和H 列“总投资（亿元）·调整后”都可作为总投资列，请选择使用哪一列"]);
    const chosen = await parse({ twoTotals: "two-rows" }, { columns: { total: "调整后" } });
    expect(chosen.errors).toEqual([]);
    expect(chosen.rows).toEqual(expectedRows());
  });

  it("a hidden 原总投资 column is left out and listed; with hidden columns included it is a question again", async () => {
    const { rows, errors, warnings, parsed } = await parse({ twoTotals: "hidden-old" });
    expect(errors).toEqual([]);
    expect(rows).toEqual(expectedRows());
    expect(parsed.hiddenColumns).toEqual([{ letter: "G", header: "原总投资（亿元）" }]);
    expect(warnings).toContain("2::第 G 列为隐藏列，未导入（如需导入，请勾选“包含隐藏的行和列”）");
    const included = await parse({ twoTotals: "hidden-old" }, { includeHidden: true });
    expect(included.errors).toEqual(["2:总投资:G 列“原总投资（亿元）”和H 列“总投资（亿元）”都可作为总投资列，请选择使用哪一列"]);
  });

  it("hidden rows (withdrawn projects) are left out and listed, or brought in when asked", async () => {
    const layout: Layout = { hiddenProjectsAfter: [3, 4] };
    const { cells, hiddenRows } = layoutCells(layout);
    expect(cells.length).toBeGreaterThan(0);
    const { rows, errors, warnings, parsed } = await parse(layout);
    expect(errors).toEqual([]);
    expect(rows).toEqual(expectedRows());
    expect(parsed.hiddenRows).toEqual(hiddenRows);
    expect(warnings).toContain(`${hiddenRows[0]}::第 ${hiddenRows.join("、")} 行为隐藏行，未导入（如需导入，请勾选“包含隐藏的行和列”）`);
    const included = await parse(layout, { includeHidden: true });
    expect(included.rows.map((r) => r.name)).toEqual(source.flatMap((r) => ([3, 4].includes(r.seq) ? [r.name, `已撤销项目${r.seq}`] : [r.name])));
  });

  it("a 总投资 merged over two projects is an error for both rows", async () => {
    const { errors } = await parse({ mergeTotalOf: [2, 3] });
    // Title row 1, header row 2, domain row 3: seq 2 and 3 are rows 5 and 6.
    expect(errors).toEqual([
      "5:总投资:总投资是一个合并单元格（G5:G6），跨第 5、6 行共 2 个项目，无法分到各项目：请拆分单元格，为每个项目分别填写",
      "6:总投资:总投资是一个合并单元格（G5:G6），跨第 5、6 行共 2 个项目，无法分到各项目：请拆分单元格，为每个项目分别填写",
    ]);
  });
});

describe("files refused with the reason", () => {
  it("no money unit anywhere", async () => {
    const { errors } = await parse({ unitWhere: "nowhere" });
    expect(errors).toEqual([
      "2:总投资:找不到总投资的金额单位：请在表头（如“总投资（万元）”）或表格上方（如“单位：亿元”）注明万元或亿元",
      "2:“十四五”投资:找不到“十四五”投资的金额单位：请在表头（如“总投资（万元）”）或表格上方（如“单位：亿元”）注明万元或亿元",
    ]);
  });

  it("万元 in the header but 单位：亿元 above the table", async () => {
    const { cells } = layoutCells({ unit: "万元", unitWhere: "header" });
    cells.splice(1, 0, ["单位：亿元"]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表").addRows(cells);
    const parsed = parseAnnexSheets(await readSheets(new Uint8Array(await wb.xlsx.writeBuffer()), "x.xlsx"), context);
    expect(parsed.issues.filter((i) => i.severity === "error").map((i) => `${i.row}:${i.column}:${i.message}`)).toEqual([
      "3:总投资:表头注明“万元”，第 2 行却注明“单位：亿元”，无法确定金额单位",
      "3:“十四五”投资:表头注明“万元”，第 2 行却注明“单位：亿元”，无法确定金额单位",
    ]);
  });

  it("a row with figures but no name that sums nothing", async () => {
    const { cells } = layoutCells({});
    cells.splice(6, 0, ["", "", "", "", "", "", 12.5, 3]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表").addRows(cells);
    const parsed = parseAnnexSheets(await readSheets(new Uint8Array(await wb.xlsx.writeBuffer()), "x.xlsx"), context);
    expect(parsed.issues.filter((i) => i.severity === "error").map((i) => `${i.row}:${i.column}:${i.message}`)).toEqual([
      "7:项目名称:该行有金额（12.5 亿元、3 亿元），但没有项目名称，也不等于上方项目之和：请补上名称或删去该行",
    ]);
  });

  it("two sheets that are both project tables", async () => {
    const { cells } = layoutCells({});
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("2021年").addRows(cells);
    wb.addWorksheet("2022年").addRows(cells);
    const parsed = parseAnnexSheets(await readSheets(new Uint8Array(await wb.xlsx.writeBuffer()), "x.xlsx"), context);
    expect(parsed.issues.filter((i) => i.severity === "error").map((i) => i.message)).toEqual([
      "工作簿中有 2 个工作表都是项目表（“2021年”“2022年”），无法确定导入哪一个：请只保留一个工作表（或把它们合并为一张表）后再导入",
    ]);
  });

  it("a 合计 row that carries a period and a unit cannot be told from a project", async () => {
    const { cells } = layoutCells({});
    cells.splice(4, 0, ["", "合计", "新建", "2021-2025", "鹿城区", "", 1, 1, "市教育局"]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表").addRows(cells);
    const parsed = parseAnnexSheets(await readSheets(new Uint8Array(await wb.xlsx.writeBuffer()), "x.xlsx"), context);
    expect(parsed.issues.filter((i) => i.severity === "error").map((i) => `${i.row}:${i.column}:${i.message}`)).toEqual([
      "5:项目名称:“合计”像是合计行，却填有项目类型、期限、地点或单位，无法判断它是项目还是合计：请核对后再导入",
    ]);
  });
});

describe("the title and the plan", () => {
  it("a title line is the title: never a header, never the 序号 column", async () => {
    const { parsed } = await parse({ format: "csv", unit: "万元" });
    expect(parsed.title).toBe("温州市社会发展和基本公共服务体系“十四五”规划重大项目表");
    expect(parsed.columns.seq).toBe(0);
    expect(parsed.columns.fyp).toBe(7);
  });

  it("a file titled 附表1: no plan name is guessed, and the years come from the projects' periods", async () => {
    const { parsed } = await parse({ title: "附表1" });
    expect(parsed.title).toBeNull();
    const plan = proposePlan("x", parsed.title, parsed.rows.map((r) => ({ start: r.record.periodStart, end: r.record.periodEnd })));
    expect([plan.name, plan.startYear, plan.endYear, plan.yearsFrom]).toEqual([null, 2021, 2025, "periods"]);
  });

  it("附表1： before the title is dropped; 十四五 in the title sets 2021–2025; the person's entries win", () => {
    expect(proposePlan("x", "温州市“十四五”重大项目表", [{ start: 2026, end: 2030 }])).toMatchObject({ name: "温州市“十四五”", startYear: 2021, endYear: 2025, yearsFrom: "title" });
    expect(proposePlan("x", "某县十五五规划重点项目表", [])).toMatchObject({ startYear: 2026, endYear: 2030 });
    expect(proposePlan("x", "某县2023—2027年重点项目", [])).toMatchObject({ startYear: 2023, endYear: 2027 });
    expect(proposePlan("x", null, [])).toMatchObject({ name: null, startYear: null, endYear: null, yearsFrom: null });
    expect(proposePlan("x", null, [], { name: "某县规划", startYear: 2021, endYear: 2025, code: "y" })).toMatchObject({ code: "y", name: "某县规划", startYear: 2021, endYear: 2025, yearsFrom: "input" });
  });
});

describe("a file cannot make the reader walk millions of cells", () => {
  async function patched(edit: (zip: JSZip) => Promise<void>): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = "x";
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    await edit(zip);
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 1 } });
  }
  const sheetXml = (zip: JSZip) => zip.file("xl/worksheets/sheet1.xml")!.async("string");
  async function refusal(bytes: Uint8Array): Promise<TableFileError> {
    try {
      await readSheets(bytes, "f.xlsx");
    } catch (error) {
      if (error instanceof TableFileError) return error;
      throw error;
    }
    throw new Error("read");
  }

  it("one cell in A1 and one in XFD1048576 (a 6 KB file)", async () => {
    const bytes = await patched(async (zip) => {
      zip.file("xl/worksheets/sheet1.xml", (await sheetXml(zip)).replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>z</t></is></c></row></sheetData>'));
    });
    expect(bytes.length).toBeLessThan(10_000);
    const error = await refusal(bytes);
    expect([error.kind, error.message]).toEqual(["too_large", expect.stringContaining("1048576 行 × 16384 列")]);
  });

  it("a merge over the whole sheet", async () => {
    const bytes = await patched(async (zip) => {
      zip.file("xl/worksheets/sheet1.xml", (await sheetXml(zip)).replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A1:Z900000"/></mergeCells>'));
    });
    expect((await refusal(bytes)).message).toContain("900000 行 × 26 列");
  });

  it("a declared dimension of the whole sheet", async () => {
    const bytes = await patched(async (zip) => {
      zip.file("xl/worksheets/sheet1.xml", (await sheetXml(zip)).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
    });
    expect((await refusal(bytes)).kind).toBe("too_large");
  });

  // Building 210 MB of zeros into the zip is the slow part, not the refusal.
  it("a zip that inflates past the limit", { timeout: 300_000 }, async () => {
    const bytes = await patched(async (zip) => {
      zip.file("xl/media/image1.bin", new Uint8Array(210 * 1024 * 1024));
    });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect((await refusal(bytes)).message).toContain("解压后超过 200 MB");
  });
});
