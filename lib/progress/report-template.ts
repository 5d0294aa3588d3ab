// 填报模板: a unit's month as an Excel workbook it fills offline, and the
// reading of that workbook back into drafts. The workbook names the plan, the
// month and the unit it was made for (a hidden sheet), so that a file of
// another unit, month or plan is refused instead of being read into the wrong
// report. Reading it checks each cell as the monthly grid does and says what
// each row would change; saving goes through saveReportDrafts, in one
// transaction.
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { defineMutation } from "@/lib/mutations/mutation";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { assertAnyPermission, can, type Actor } from "@/lib/auth/actor";
import { parseAmountInput } from "@/lib/money/amount";
import { saveReportDrafts, type SaveResult } from "./monthly-reports";
import { monthlySheet, type MonthlySheet, type SheetRow } from "./monthly-sheet";
import { CONSTRUCTION_LABELS, CONSTRUCTION_STATUSES, REPORT_STATUS_LABELS, reportRowSchema, type ConstructionStatus, type ReportRowInput } from "./progress-input";
import { parseReportDate, type DateParse } from "./report-dates";
import { monthLabel, type YearMonth } from "./reporting-calendar";
import { z } from "@/lib/validation/zod";

/** Which month of whose projects: the DRC names a unit (or none: every project), a unit is always itself. */
export const reportTemplateScopeSchema = z.object({
  planCode: z.string().min(1),
  year: z.number().int().min(2000, "年份不正确").max(2100, "年份不正确"),
  month: z.number().int().min(1, "月份应为 1–12").max(12, "月份应为 1–12"),
  unitId: z.number().int().positive().nullable().default(null),
});
export type ReportTemplateScope = z.input<typeof reportTemplateScopeSchema>;

export const reportTemplateUploadSchema = reportTemplateScopeSchema.extend({
  // What the preview was computed against (project id → version of its newest revision, 0 for none):
  // saving refuses when anything moved since the person looked at the preview.
  basis: z.record(z.string(), z.number().int().min(0)).optional(),
});
export type ReportTemplateUpload = z.input<typeof reportTemplateUploadSchema>;

const FORMAT = "重大项目月度填报模板/1";
const DATA_SHEET = "填报";
const META_SHEET = "模板信息";
const NOTES_SHEET = "填表说明";
const FIRST_DATA_ROW = 4;
const HEADER_ROW = 3;

/** The columns, in order; `input` ones are unlocked for the unit. */
const COLUMNS = [
  { key: "seq", header: "序号", width: 6 },
  { key: "name", header: "项目名称", width: 36 },
  { key: "state", header: "填报状态", width: 10 },
  { key: "annualPlan", header: "年度计划（万元）", width: 14 },
  { key: "before", header: "截至上月累计（万元）", width: 16 },
  { key: "lastProgress", header: "上月形象进度", width: 30 },
  { key: "monthWan", header: "当月完成（万元）", width: 14, input: true },
  { key: "yearToDate", header: "1–N月累计（万元）", width: 16, input: true },
  { key: "physicalProgress", header: "形象进度", width: 40, input: true },
  { key: "construction", header: "项目状态", width: 10, input: true },
  { key: "actualStart", header: "实际开工日期", width: 14, input: true },
  { key: "actualCompletion", header: "实际竣工日期", width: 14, input: true },
  { key: "projectId", header: "项目编号（勿改）", width: 10 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]["key"];
const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;
const header = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!.header;

type Db = PrismaClient | Prisma.TransactionClient;

type Scope = { planCode: string; ym: YearMonth; unit: { id: number; name: string } | null };

/** The unit a request speaks for: a unit itself (whatever it asks), the DRC the unit it names. */
async function resolveScope(db: Db, actor: Actor, input: z.output<typeof reportTemplateScopeSchema>): Promise<Scope> {
  assertAnyPermission(actor, "progress.report.any", "progress.report.own");
  const ym = { year: input.year, month: input.month };
  if (!can(actor, "progress.report.any")) {
    if (actor.unitId === null || actor.unitName === null) throw forbidden("账号未关联实施单位，不能填报");
    if (input.unitId !== null && input.unitId !== actor.unitId) throw forbidden("只能下载和上传本单位的填报模板");
    return { planCode: input.planCode, ym, unit: { id: actor.unitId, name: actor.unitName } };
  }
  if (input.unitId === null) return { planCode: input.planCode, ym, unit: null };
  const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { id: true, name: true } });
  if (!unit) throw notFound("实施单位");
  return { planCode: input.planCode, ym, unit };
}

async function sheetOf(db: Db, actor: Actor, scope: Scope): Promise<MonthlySheet> {
  return monthlySheet(db, actor, scope.planCode, scope.ym, scope.unit ? { unitId: scope.unit.id, mine: !can(actor, "progress.report.any") } : {});
}

/** What a row shows before anything is typed: the newest revision, else what carries over from last month. */
function shownValues(row: SheetRow) {
  const base = row.latest ?? row.carry;
  return {
    monthWan: row.latest?.monthWan ?? null,
    physicalProgress: base?.physicalProgress ?? "",
    construction: (base?.construction ?? "PREPARATION") as ConstructionStatus,
    actualStart: base?.actualStart ?? null,
    actualCompletion: base?.actualCompletion ?? null,
  };
}

export function reportTemplateFileName(planName: string, unitName: string | null, ym: YearMonth): string {
  return `${unitName ?? "全部单位"}${monthLabel(ym)}投资进度填报表（${planName}）.xlsx`;
}

/** The workbook a unit downloads: its projects, last month's figures and the annual plan, input cells unlocked. */
export async function reportTemplateWorkbook(db: PrismaClient, actor: Actor, raw: ReportTemplateScope): Promise<{ bytes: Buffer; fileName: string }> {
  const scope = await resolveScope(db, actor, reportTemplateScopeSchema.parse(raw));
  const sheet = await sheetOf(db, actor, scope);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "重大项目管理";
  const ws = workbook.addWorksheet(DATA_SHEET, { views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const unitName = scope.unit?.name ?? "全部单位";
  ws.mergeCells(1, 1, 1, COLUMNS.length - 1);
  ws.getCell(1, 1).value = `${sheet.plan.name} · ${unitName} · ${monthLabel(scope.ym)}投资进度填报表`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, COLUMNS.length - 1);
  ws.getCell(2, 1).value = `金额单位：万元。黄色单元格为填写项，其余不能修改。当月完成和 1–N月累计填其一即可。填报截止 ${sheet.deadline}。`;
  ws.getRow(HEADER_ROW).values = COLUMNS.map((c) => c.header);
  ws.getRow(HEADER_ROW).font = { bold: true };
  ws.getRow(HEADER_ROW).alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  ws.getRow(HEADER_ROW).height = 32;
  const inputFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF7CC" } };
  const statusList = `"${CONSTRUCTION_STATUSES.map((s) => CONSTRUCTION_LABELS[s]).join(",")}"`;

  sheet.rows.forEach((r, i) => {
    const shown = shownValues(r);
    const writable = r.canReport && r.state !== "SUBMITTED";
    const row = ws.getRow(FIRST_DATA_ROW + i);
    row.getCell(col("seq")).value = r.seq;
    row.getCell(col("name")).value = r.name;
    row.getCell(col("state")).value = REPORT_STATUS_LABELS[r.state];
    row.getCell(col("annualPlan")).value = r.figures?.annualPlanWan ? Number(r.figures.annualPlanWan) : "未下达";
    row.getCell(col("before")).value = Number(r.yearToDateBeforeWan);
    row.getCell(col("lastProgress")).value = r.carry?.physicalProgress ?? "";
    row.getCell(col("monthWan")).value = shown.monthWan === null ? null : Number(shown.monthWan);
    row.getCell(col("physicalProgress")).value = shown.physicalProgress;
    row.getCell(col("construction")).value = CONSTRUCTION_LABELS[shown.construction];
    row.getCell(col("actualStart")).value = shown.actualStart ? excelDate(shown.actualStart) : null;
    row.getCell(col("actualCompletion")).value = shown.actualCompletion ? excelDate(shown.actualCompletion) : null;
    row.getCell(col("projectId")).value = r.projectId;
    for (const c of ["annualPlan", "before", "monthWan", "yearToDate"] as const) row.getCell(col(c)).numFmt = "#,##0.####";
    for (const c of ["actualStart", "actualCompletion"] as const) row.getCell(col(c)).numFmt = "yyyy-mm-dd";
    for (const c of ["name", "lastProgress", "physicalProgress"] as const) row.getCell(col(c)).alignment = { wrapText: true, vertical: "top" };
    if (!writable) return;
    for (const c of COLUMNS.filter((c) => "input" in c)) {
      const cell = row.getCell(col(c.key));
      cell.protection = { locked: false };
      cell.fill = inputFill;
    }
    for (const c of ["monthWan", "yearToDate"] as const) {
      row.getCell(col(c)).dataValidation = {
        type: "decimal",
        operator: "greaterThanOrEqual",
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorTitle: "金额",
        error: "请填写不小于 0 的数字（万元）",
      };
    }
    row.getCell(col("construction")).dataValidation = {
      type: "list",
      allowBlank: false,
      formulae: [statusList],
      showErrorMessage: true,
      errorTitle: "项目状态",
      error: "请从列表中选择：前期、在建、竣工或停缓建",
    };
    for (const c of ["actualStart", "actualCompletion"] as const) {
      row.getCell(col(c)).dataValidation = {
        type: "date",
        operator: "between",
        allowBlank: true,
        formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
        showErrorMessage: true,
        errorTitle: "日期",
        error: "请填写日期，如 2026-03-01",
      };
    }
  });
  ws.getColumn(col("projectId")).hidden = true;
  await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  const notes = workbook.addWorksheet(NOTES_SHEET);
  notes.columns = [{ width: 100 }];
  [
    `${sheet.plan.name}`,
    `${unitName} · ${monthLabel(scope.ym)}投资进度填报表 · 填报截止 ${sheet.deadline}`,
    "",
    "1. 只填写黄色单元格；其余单元格受保护，不能修改。不要增删行或调整列的顺序。",
    "2. 当月完成（万元）和 1–N月累计（万元）填其一即可；都填时两者须一致。没有投资请填 0。累计数不能小于截至上月累计。",
    "3. 项目状态从下拉列表中选择：前期、在建、竣工、停缓建。状态为竣工时须填写实际竣工日期。",
    "4. 日期写作 2026-03-01（也可用 2026/3/1）；实际竣工日期不能早于实际开工日期。",
    "5. 填好后在系统的“投资进度填报”页面点“上传填报表”，核对预览中每一行的变化和错误，确认后保存为草稿，再提交。",
    "6. 本文件只能用于上面写明的单位、月份和规划；其他单位或月份的文件会被拒绝。",
    "7. 已提交、等待审核的项目不能修改（灰色行）；如需更正，请联系发改委退回。",
  ].forEach((text, i) => {
    notes.getCell(i + 1, 1).value = text;
    notes.getCell(i + 1, 1).alignment = { wrapText: true };
  });
  notes.getCell(1, 1).font = { bold: true, size: 13 };

  const meta = workbook.addWorksheet(META_SHEET, { state: "veryHidden" });
  meta.addRows([
    ["格式", FORMAT],
    ["规划代码", sheet.plan.code],
    ["规划名称", sheet.plan.name],
    ["年份", scope.ym.year],
    ["月份", scope.ym.month],
    ["单位编号", scope.unit?.id ?? ""],
    ["单位", unitName],
  ]);
  await meta.protect("", {});
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, fileName: reportTemplateFileName(sheet.plan.name, scope.unit?.name ?? null, scope.ym) };
}

/** A calendar date as Excel stores it: midnight UTC, so that no time zone moves the day. */
function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export type TemplateCellError = { column: string; message: string };
export type TemplateChange = { column: string; from: string; to: string };
export type TemplatePreviewRow = {
  row: number;
  projectId: number;
  seq: number;
  name: string;
  /** save: becomes a draft; same: as saved already; empty: nothing filled in; error: see errors. */
  action: "save" | "same" | "empty" | "error";
  changes: TemplateChange[];
  errors: TemplateCellError[];
  warnings: string[];
};
export type TemplatePreview = {
  planCode: string;
  planName: string;
  month: YearMonth;
  unitName: string;
  rows: TemplatePreviewRow[];
  counts: { rows: number; save: number; same: number; empty: number; errors: number; warnings: number };
  basis: Record<string, number>;
};

type Parsed = { preview: TemplatePreview; inputs: ReportRowInput[] };

/** Reads an uploaded template against the current month; writes nothing. */
export async function previewReportTemplate(db: Db, actor: Actor, raw: ReportTemplateUpload, bytes: Uint8Array): Promise<TemplatePreview> {
  return (await parseTemplate(db, actor, raw, bytes)).preview;
}

/** The upload that saves: the scope, what the preview showed, and the file. */
export const reportTemplateImportSchema = reportTemplateUploadSchema.extend({
  bytes: z.instanceof(Uint8Array, { message: "请选择填好的填报表（.xlsx）" }).refine((b) => b.byteLength <= 10 * 1024 * 1024, "文件超过 10 MB，不是填报模板"),
});

/**
 * Saves the template's changed rows as drafts, in the runner's one
 * transaction; refused while any row has an error or the month moved since
 * the preview.
 */
export const importReportTemplateMutation = defineMutation({
  name: "progress.template.import",
  permission: ["progress.report.any", "progress.report.own"],
  schema: reportTemplateImportSchema,
  timeout: 60_000,
  run: (tx, actor, input, ctx) => importReportTemplate(tx, actor, input, input.bytes, ctx.now),
  // The file itself is not kept in the audit trail: what was saved is.
  audit: (input, result) => ({
    target: { type: "plan", id: input.planCode },
    summary: { year: input.year, month: input.month, unitId: input.unitId, saved: result.saved.saved, unit: result.preview.unitName },
  }),
});

/**
 * Reads an uploaded template and answers with the preview; it writes nothing
 * but its audit event (who uploaded which month's file, how many errors).
 */
export const previewReportTemplateMutation = defineMutation({
  name: "progress.template.preview",
  permission: ["progress.report.any", "progress.report.own"],
  schema: reportTemplateImportSchema,
  timeout: 60_000,
  run: async (tx, actor, input) => ({ preview: await previewReportTemplate(tx, actor, input, input.bytes) }),
  audit: (input, result) => ({
    target: { type: "plan", id: input.planCode },
    summary: { year: input.year, month: input.month, unitId: input.unitId, rows: result.preview.counts.rows, errors: result.preview.counts.errors },
  }),
});

export async function importReportTemplate(
  tx: Prisma.TransactionClient,
  actor: Actor,
  raw: ReportTemplateUpload,
  bytes: Uint8Array,
  now: Date,
): Promise<{ preview: TemplatePreview; saved: SaveResult }> {
  const input = reportTemplateUploadSchema.parse(raw);
  const { preview, inputs } = await parseTemplate(tx, actor, input, bytes);
  if (preview.counts.errors > 0) throw new AppError("invalid_input", `填报表有 ${preview.counts.errors} 行错误，请改正后重新上传；没有保存任何数据`, { preview });
  if (input.basis) {
    const moved = Object.keys(preview.basis).some((id) => input.basis![id] !== preview.basis[id]) || Object.keys(input.basis).length !== Object.keys(preview.basis).length;
    if (moved) throw new AppError("conflict", "预览之后本月填报已有变化（他人保存或审核），请重新上传查看预览；没有保存任何数据");
  }
  if (inputs.length === 0) throw new AppError("invalid_input", "填报表与系统中的填报相同，没有需要保存的内容");
  const saved = await saveReportDrafts(tx, actor, { planCode: input.planCode, year: input.year, month: input.month, rows: inputs.map((r) => reportRowSchema.parse(r)), confirmWarnings: true }, now);
  return { preview, saved };
}

async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError("invalid_input", "无法读取文件：请上传从本系统下载的填报模板（.xlsx）。WPS 或 Excel 另存时请选择 .xlsx 格式");
  }
  return workbook;
}

function metaOf(workbook: ExcelJS.Workbook): Map<string, string> {
  const meta = workbook.getWorksheet(META_SHEET);
  const map = new Map<string, string>();
  meta?.eachRow((row) => map.set(cellText(row.getCell(1)), cellText(row.getCell(2))));
  return map;
}

async function parseTemplate(db: Db, actor: Actor, raw: ReportTemplateUpload, bytes: Uint8Array): Promise<Parsed> {
  const input = reportTemplateUploadSchema.parse(raw);
  const scope = await resolveScope(db, actor, input);
  const workbook = await readWorkbook(bytes);
  const meta = metaOf(workbook);
  const ws = workbook.getWorksheet(DATA_SHEET);
  if (meta.get("格式") !== FORMAT || !ws) {
    throw new AppError("invalid_input", "这不是本系统的填报模板：请先在本页面“下载填报模板”，在模板中填写后再上传");
  }
  // The file must be the one made for this plan, month and unit.
  const fileYm = { year: Number(meta.get("年份")), month: Number(meta.get("月份")) };
  const fileUnit = meta.get("单位") ?? "";
  const fileUnitId = Number(meta.get("单位编号")) || null;
  const here = scope.unit?.name ?? "全部单位";
  if (meta.get("规划代码") !== scope.planCode) {
    throw new AppError("invalid_input", `这份填报表属于规划《${meta.get("规划名称") ?? meta.get("规划代码")}》，不是当前的规划；请下载本规划的模板填写`);
  }
  if (fileYm.year !== scope.ym.year || fileYm.month !== scope.ym.month) {
    throw new AppError("invalid_input", `这份填报表是${monthLabel(fileYm)}的，当前填报的是${monthLabel(scope.ym)}；请下载${monthLabel(scope.ym)}的模板填写，或切换到${monthLabel(fileYm)}再上传`);
  }
  if (scope.unit ? fileUnitId !== scope.unit.id : false) {
    throw new AppError("invalid_input", `这份填报表是“${fileUnit}”的，不是“${here}”的；请下载本单位的模板填写`);
  }
  if (!scope.unit && fileUnitId !== null && !can(actor, "progress.report.any")) throw forbidden("只能上传本单位的填报表");
  const headers = COLUMNS.map((c, i) => cellText(ws.getRow(HEADER_ROW).getCell(i + 1)));
  const misplaced = COLUMNS.findIndex((c, i) => headers[i] !== c.header);
  if (misplaced >= 0) {
    throw new AppError("invalid_input", `填报表的表头被改动：第 ${misplaced + 1} 列应为“${COLUMNS[misplaced]!.header}”，不要增删或移动列；请重新下载模板填写`);
  }

  const sheet = await monthlySheet(db, actor, scope.planCode, scope.ym, fileUnitId ? { unitId: fileUnitId, mine: !can(actor, "progress.report.any") } : {});
  if (sheet.locked) throw new AppError("conflict", `${monthLabel(scope.ym)}已由发改委关账，不能再修改`);
  const byId = new Map(sheet.rows.map((r) => [r.projectId, r]));
  const bySeq = new Map(sheet.rows.map((r) => [r.seq, r]));
  const rows: TemplatePreviewRow[] = [];
  const inputs: ReportRowInput[] = [];
  const seen = new Set<number>();

  for (let n = FIRST_DATA_ROW; n <= ws.rowCount; n++) {
    const excel = ws.getRow(n);
    const text = (key: ColumnKey) => cellText(excel.getCell(col(key)));
    if (COLUMNS.every((c) => text(c.key) === "")) continue;
    const idText = text("projectId");
    const sheetRow = (idText ? byId.get(Number(idText)) : undefined) ?? (!idText ? bySeq.get(Number(text("seq"))) : undefined);
    if (!sheetRow) {
      rows.push({ row: n, projectId: 0, seq: Number(text("seq")) || 0, name: text("name"), action: "error", changes: [], warnings: [], errors: [{ column: "项目", message: `第 ${n} 行的项目不在${here}${monthLabel(scope.ym)}的填报范围内（模板中的行不能增加或替换）` }] });
      continue;
    }
    if (seen.has(sheetRow.projectId)) {
      rows.push({ row: n, projectId: sheetRow.projectId, seq: sheetRow.seq, name: sheetRow.name, action: "error", changes: [], warnings: [], errors: [{ column: "项目", message: `《${sheetRow.name}》在表中出现了不止一次` }] });
      continue;
    }
    seen.add(sheetRow.projectId);
    const result = readRow(excel, sheetRow);
    rows.push({ row: n, ...result.row });
    if (result.input) inputs.push(result.input);
  }
  const basis = Object.fromEntries(sheet.rows.map((r) => [String(r.projectId), r.latest?.version ?? 0]));
  const count = (a: TemplatePreviewRow["action"]) => rows.filter((r) => r.action === a).length;
  return {
    preview: {
      planCode: sheet.plan.code,
      planName: sheet.plan.name,
      month: scope.ym,
      unitName: fileUnit || here,
      rows,
      counts: { rows: rows.length, save: count("save"), same: count("same"), empty: count("empty"), errors: count("error"), warnings: rows.reduce((n, r) => n + r.warnings.length, 0) },
      basis,
    },
    inputs,
  };
}

/** One row of the file: what the unit filled in, checked cell by cell as the grid and the server check typing. */
function readRow(excel: ExcelJS.Row, sheetRow: SheetRow): { row: Omit<TemplatePreviewRow, "row">; input: ReportRowInput | null } {
  const errors: TemplateCellError[] = [];
  const warnings: string[] = [];
  const base = { projectId: sheetRow.projectId, seq: sheetRow.seq, name: sheetRow.name };
  const shown = shownValues(sheetRow);
  const cell = (key: ColumnKey) => excel.getCell(col(key));

  const amount = (key: "monthWan" | "yearToDate"): string | null => {
    const text = cellText(cell(key));
    if (text === "") return null;
    const parsed = parseAmountInput(text, "万元");
    if (!parsed.ok || parsed.amount.state !== "VALUE") {
      errors.push({ column: header(key), message: parsed.ok ? "请填写数字金额（万元），不能填待定或——" : parsed.error });
      return null;
    }
    return parsed.amount.wan.toFixed();
  };
  const monthText = amount("monthWan");
  const ytdText = amount("yearToDate");
  let monthWan: string | null = monthText;
  if (ytdText !== null) {
    const derived = new Decimal(ytdText).minus(sheetRow.yearToDateBeforeWan);
    if (derived.isNegative()) {
      errors.push({ column: header("yearToDate"), message: `1–N月累计 ${ytdText} 万元小于截至上月的累计 ${sheetRow.yearToDateBeforeWan} 万元，累计数不能下降` });
    } else if (monthText !== null && !derived.equals(monthText)) {
      errors.push({ column: header("monthWan"), message: `当月完成 ${monthText} 万元与 1–N月累计 ${ytdText} 万元（截至上月 ${sheetRow.yearToDateBeforeWan} 万元）不一致` });
    } else {
      monthWan = derived.toFixed();
    }
  }
  const physicalProgress = cellText(cell("physicalProgress"));
  if (physicalProgress.length > 1000) errors.push({ column: header("physicalProgress"), message: "形象进度过长（最多 1000 字）" });
  const statusText = cellText(cell("construction"));
  const construction = CONSTRUCTION_STATUSES.find((s) => CONSTRUCTION_LABELS[s] === statusText);
  if (!construction) errors.push({ column: header("construction"), message: statusText ? `“${statusText}”不是项目状态：应为前期、在建、竣工或停缓建` : "请选择项目状态" });
  const date = (key: "actualStart" | "actualCompletion") => {
    const parsed = cellDate(cell(key));
    if (!parsed.ok) errors.push({ column: header(key), message: parsed.error });
    return parsed.ok ? parsed.date : null;
  };
  const actualStart = date("actualStart");
  const actualCompletion = date("actualCompletion");

  const next = { monthWan, physicalProgress, construction: construction ?? shown.construction, actualStart, actualCompletion };
  const changes: TemplateChange[] = [];
  const compare = (column: string, from: string | null, to: string | null) => {
    if ((from ?? "") !== (to ?? "")) changes.push({ column, from: from ?? "", to: to ?? "" });
  };
  compare("当月完成（万元）", shown.monthWan, next.monthWan);
  compare("形象进度", shown.physicalProgress, next.physicalProgress);
  compare("项目状态", CONSTRUCTION_LABELS[shown.construction], CONSTRUCTION_LABELS[next.construction]);
  compare("实际开工日期", shown.actualStart, next.actualStart);
  compare("实际竣工日期", shown.actualCompletion, next.actualCompletion);
  const unchanged = changes.length === 0 && sheetRow.latest !== null;
  // Nothing typed and nothing changed from what the template carried over: left for later, whatever it carried.
  if (sheetRow.latest === null && changes.length === 0 && ytdText === null && errors.length === 0) {
    return { row: { ...base, action: "empty", changes, errors, warnings }, input: null };
  }
  if (construction === "COMPLETED" && actualCompletion === null && !errors.some((e) => e.column === header("actualCompletion"))) {
    errors.push({ column: header("actualCompletion"), message: "状态为竣工时请填写实际竣工日期" });
  }
  if (actualStart && actualCompletion && actualStart > actualCompletion) errors.push({ column: header("actualCompletion"), message: "实际竣工日期早于实际开工日期" });

  if (errors.length === 0 && !unchanged && monthWan === null) {
    errors.push({ column: header("monthWan"), message: "请填写当月完成投资或 1–N月累计（没有投资请填 0）" });
  }
  if (errors.length === 0 && !unchanged) {
    if (sheetRow.reportedIn) errors.push({ column: "项目", message: `本项目的月度进度在《${sheetRow.reportedIn.planName}》中填报，本规划直接引用` });
    else if (!sheetRow.canReport) errors.push({ column: "项目", message: "无权填报此项目" });
    else if (sheetRow.state === "SUBMITTED") errors.push({ column: "项目", message: "本月填报已提交，正在等待审核，不能修改；如需更正，请联系发改委退回" });
  }
  if (errors.length > 0) return { row: { ...base, action: "error", changes, errors, warnings }, input: null };
  if (unchanged) return { row: { ...base, action: "same", changes, errors, warnings }, input: null };

  const plan = sheetRow.figures?.annualPlanWan;
  const ytd = new Decimal(sheetRow.yearToDateBeforeWan).plus(monthWan!);
  if (plan && ytd.greaterThan(plan)) warnings.push(`本年累计完成 ${ytd.toFixed()} 万元，超过年度计划 ${new Decimal(plan).toFixed()} 万元`);
  if (sheetRow.state === "APPROVED") warnings.push("本月填报已审核，保存后将作为更正重新提交审核，原记录保留在历史中");
  return {
    row: { ...base, action: "save", changes, errors, warnings },
    input: {
      projectId: sheetRow.projectId,
      baseReportId: sheetRow.latest?.id ?? null,
      baseVersion: sheetRow.latest?.version ?? null,
      monthWan: monthWan!,
      physicalProgress,
      construction: next.construction,
      actualStart,
      actualCompletion,
    },
  };
}

/** A cell as the text a person sees: numbers without float noise, formulas by their result, rich text joined. */
export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return numberText(value);
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
    if ("result" in value) {
      const result = value.result;
      if (result === undefined || result === null || typeof result === "object") return result instanceof Date ? result.toISOString().slice(0, 10) : "";
      return typeof result === "number" ? numberText(result) : String(result).trim();
    }
    if ("text" in value) return String(value.text).trim();
  }
  return String(value).trim();
}

/** A float from a spreadsheet as the decimal it displays (0.1 + 0.2 typed as a formula reads 0.3, not 0.30000000000000004). */
function numberText(n: number): string {
  return new Decimal(n.toPrecision(15)).toFixed();
}

/** A date cell: a real date, an Excel serial number, or text such as 2026-03-01, 2026/3/1, 2026年3月1日. */
export function cellDate(cell: ExcelJS.Cell): DateParse {
  const raw = cell.value;
  const value = raw && typeof raw === "object" && "result" in raw ? raw.result : raw;
  if (value === null || value === undefined || value === "") return { ok: true, date: null };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, error: "日期无法识别" };
    // Excel dates carry no zone; exceljs reads them as UTC midnight (a time of day is dropped).
    return { ok: true, date: value.toISOString().slice(0, 10) };
  }
  if (typeof value === "number") {
    if (value < 36526 || value > 73415) return { ok: false, error: `“${value}”不是日期，应写作 2026-03-01` };
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000);
    return { ok: true, date: date.toISOString().slice(0, 10) };
  }
  return parseReportDate(cellText(cell));
}
