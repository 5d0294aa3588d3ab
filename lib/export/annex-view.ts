// A view of the annex grid exported as a workbook: the grid's columns (区县,
// and the month's progress columns when the grid shows them), the filter
// written above the table, one row per project. Reading (annexViewData) is
// kept apart from building the document (annexViewPublication), which is pure.
import type { ReadScope } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { amountFromDb, formatYi } from "@/lib/money/amount";
import { projectProgressAsOf, type ProjectProgress } from "@/lib/progress/progress-figures";
import { formatWanTextAsYi } from "@/lib/money/amount-view";
import { formatLag, formatRate, LIGHT_LABELS, NOT_STARTED_LABEL, statusLabel } from "@/lib/progress/progress-format";
import { monthLabel, type YearMonth } from "@/lib/progress/reporting-calendar";
import { BASIS_LABELS, basisLine, DEFAULT_BASIS, type ReportBasis } from "@/lib/progress/report-basis";
import type { AnnexRow } from "@/lib/projects/annex-row";
import type { AnnexView } from "@/lib/projects/annex-view-input";
import { listAnnexRows } from "@/lib/projects/list-projects";
import type { Column, Publication } from "./publication";

export type AnnexViewData = {
  planName: string;
  view: Partial<AnnexView>;
  rows: AnnexRow[];
  /** The month of the progress columns, whose figures (口径), and each project's figures then; null without progress columns. */
  progress: { month: YearMonth; basis: ReportBasis; figures: Map<number, ProjectProgress> } | null;
};

export async function annexViewData(db: PrismaClient, planCode: string, view: Partial<AnnexView>, scope: ReadScope = null): Promise<AnnexViewData> {
  const plan = await findReadablePlan(db, planCode, scope);
  const rows = await listAnnexRows(db, planCode, view, scope);
  const basis = view.basis ?? DEFAULT_BASIS;
  const progress = view.progress
    ? { month: view.progress, basis, figures: await projectProgressAsOf(db, plan.id, view.progress, rows.map((r) => r.id), { basis, scope }) }
    : null;
  return { planName: plan.name, view, rows, progress };
}

/** The filter in words, as written above the table: “领域：教育；区县：鹿城区；快速搜索：医院”. */
export function describeView(view: Partial<AnnexView>): string {
  const parts = [
    view.domain && `领域：${view.domain}`,
    view.county && `区县：${view.county}`,
    view.type && `项目类型：${view.type}`,
    view.unit && `实施单位：${view.unit}`,
    view.status && `项目状态：${view.status}`,
    view.light && `序时进度：${view.light}`,
    view.q?.trim() && `快速搜索：“${view.q.trim()}”`,
  ].filter(Boolean);
  return parts.length ? parts.join("；") : "全部项目（未筛选）";
}

/** The file name of the view's workbook: it says it is a view, and of what. */
export function viewFileName(data: AnnexViewData): string {
  const filter = describeView(data.view).replace(/[\\/:*?"<>|“”]/g, "").replace(/；/g, "，");
  const month = data.progress ? `，进度截至${monthLabel(data.progress.month)}，${BASIS_LABELS[data.progress.basis]}` : "";
  return `${data.planName}重大项目表-当前视图（${filter}${month}）`.slice(0, 120) + ".xlsx";
}

/** A column of the view: the grid's column id (as `hide` names it), its header, and its cell. */
type ViewColumn = Column & { id: string; cell: (row: AnnexRow, figures: ProjectProgress | undefined) => string };

/** The month's progress columns, in 亿元 like the rest of the view (and the grid). */
const PROGRESS_COLUMNS: ViewColumn[] = [
  { id: "annualPlan", header: "年度计划\n（亿元）", kind: "amount", cell: (_, f) => (f ? (f.annualPlanWan === null ? "——" : formatWanTextAsYi(f.annualPlanWan)) : "") },
  { id: "yearToDate", header: "本年累计\n（亿元）", kind: "amount", cell: (_, f) => (f ? formatWanTextAsYi(f.yearToDateWan) : "") },
  { id: "annualRate", header: "完成率", kind: "percent", cell: (_, f) => (f ? formatRate(f.annualRate) : "") },
  { id: "lag", header: "序时进度", kind: "name", cell: (_, f) => (f ? `${f.light ? `${LIGHT_LABELS[f.light]} ` : ""}${formatLag(f.lagPoints)}` : "") },
  { id: "construction", header: "项目状态", kind: "name", cell: (_, f) => (f ? `${statusLabel(f.construction)}${f.notStarted ? `（${NOT_STARTED_LABEL}）` : ""}` : "") },
];

/** The grid's columns in the grid's order (the progress ones after the name when a month is shown). */
function viewColumns(withProgress: boolean): ViewColumn[] {
  return [
    { id: "seq", header: "序号", kind: "count", cell: (r) => String(r.seq) },
    { id: "domainName", header: "领域", kind: "name", cell: (r) => r.domainName },
    { id: "name", header: "项目名称", kind: "text", cell: (r) => r.name },
    ...(withProgress ? PROGRESS_COLUMNS : []),
    { id: "type", header: "项目类型", kind: "name", cell: (r) => r.type },
    { id: "periodText", header: "项目期限", kind: "name", cell: (r) => r.periodText },
    { id: "locationText", header: "建设地点", kind: "text", cell: (r) => r.locationText },
    { id: "countyLabel", header: "区县", kind: "name", cell: (r) => r.countyLabel },
    { id: "content", header: "建设内容和规模", kind: "text", cell: (r) => r.content },
    { id: "total", header: "总投资\n（亿元）", kind: "amount", cell: (r) => formatYi(amountFromDb(r.total)) },
    { id: "fyp", header: "“十四五”\n投资\n（亿元）", kind: "amount", cell: (r) => formatYi(amountFromDb(r.fyp)) },
    { id: "units", header: "组织实施单位", kind: "name", cell: (r) => r.units.map((u) => u.publishedName).join("\n") },
  ];
}

export function annexViewPublication(data: AnnexViewData): Publication {
  const title = `${data.planName}重大项目表（当前视图）`;
  // The columns the reader left out in the grid (显示列) are left out here too.
  const hidden = new Set(data.view.hide ?? []);
  const shown = viewColumns(data.progress !== null).filter((c) => !hidden.has(c.id));
  const columns: Column[] = shown.map(({ header, kind }) => ({ header, kind }));
  const rows = data.rows.map((r) => {
    const figures = data.progress?.figures.get(r.id);
    return { kind: "data" as const, cells: shown.map((c) => c.cell(r, figures)) };
  });
  const lines = [
    `筛选条件：${describeView(data.view)}`,
    `共 ${data.rows.length} 个项目${data.progress ? `；进度截至${monthLabel(data.progress.month)}；${basisLine(data.progress.basis)}` : ""}`,
  ];
  return {
    title,
    parts: [
      {
        label: null,
        title,
        blocks: [...lines.map((text) => ({ kind: "paragraph" as const, text })), { kind: "table", table: { sheetName: "当前视图", columns, rows } }],
      },
    ],
  };
}
