// The monthly 重大项目推进情况通报 as a document (pure: data in, a Publication
// out), laid out like the annex by the docx, PDF and xlsx writers: headline
// figures, tables by domain and by county with 合计 rows, the rankings of
// counties and units with their lights, the red- and yellow-light projects
// with their gap, the projects that should have started, the units that
// reported late, and the open coordination issues.
import Decimal from "decimal.js";
import { formatWanTextAsYi } from "@/lib/money/amount-view";
import { formatRate, LIGHT_LABELS, statusLabel } from "@/lib/progress/progress-format";
import { ISSUE_STATE_LABELS } from "@/lib/progress/progress-input";
import type { RollupRow } from "@/lib/rollups/rollups";
import type { Block, Column, Publication, TableRow } from "@/lib/export/publication";
import { BULLETIN_BASIS_TEXT } from "./bulletin-input";
import { basisLine } from "@/lib/progress/report-basis";
import { versionLine } from "@/lib/versions/in-force";
import type { BulletinData } from "./bulletin-data";

const yi = (wan: string) => formatWanTextAsYi(wan);
const wan = (w: string | null) => (w === null ? "—" : new Decimal(w).toFixed(1, Decimal.ROUND_HALF_UP));
/** Points behind 序时进度, one decimal; negative = ahead. */
const points = (lag: string | null) => (lag === null ? "—" : new Decimal(lag).toFixed(1, Decimal.ROUND_HALF_UP));
const pace = (month: number) => new Decimal(month).dividedBy(12);

function progressColumns(first: string, month: number): Column[] {
  return [
    { header: first, kind: "name" },
    { header: "项目数", kind: "count" },
    { header: "年度计划\n（亿元）", kind: "amount" },
    { header: `1–${month}月完成\n（亿元）`, kind: "amount" },
    { header: "完成率", kind: "percent" },
    { header: "落后序时进度\n（百分点）", kind: "amount" },
    { header: "红灯", kind: "count" },
    { header: "黄灯", kind: "count" },
    { header: "绿灯", kind: "count" },
  ];
}

function progressRow(label: string, r: RollupRow): string[] {
  const p = r.progress!;
  return [label, String(r.projects), yi(p.annualPlanWan), yi(p.yearToDateWan), formatRate(p.annualRate), points(p.lagPoints), String(p.red), String(p.yellow), String(p.green)];
}

function totalRow(data: BulletinData): TableRow {
  const h = data.headline;
  const lag = h.annualRate === null ? null : pace(data.month.month).minus(h.annualRate).times(100).toFixed();
  return { kind: "total", cells: ["合计", String(h.projects), yi(h.annualPlanWan), yi(h.yearToDateWan), formatRate(h.annualRate), points(lag), String(h.red), String(h.yellow), String(h.green)] };
}

const lightOf = (r: RollupRow) => `红${r.progress!.red} 黄${r.progress!.yellow} 绿${r.progress!.green}`;

function rankingTable(first: string, rows: RollupRow[], month: number, sheetName: string): Block {
  // Counties are ranked among counties (units among units); 全市, the functional zones and 未定 follow, unranked.
  const ranked = rows.filter((r) => r.groupKind === undefined || r.groupKind === "county");
  const apart = rows.filter((r) => !ranked.includes(r));
  return {
    kind: "table",
    table: {
      sheetName,
      columns: [
        { header: "排名", kind: "count" },
        { header: first, kind: "name" },
        { header: "年度计划\n（亿元）", kind: "amount" },
        { header: `1–${month}月完成\n（亿元）`, kind: "amount" },
        { header: "完成率", kind: "percent" },
        { header: "项目灯色", kind: "name" },
      ],
      rows: [...ranked.map((r, i) => rankingRow(r, r.progress!.annualRate === null ? "—" : String(i + 1))), ...apart.map((r) => rankingRow(r, "—"))],
      ...(apart.length ? { notes: [`${apart.map((r) => r.key).join("、")}的项目不参与区县排名，列于其后。`] } : {}),
    },
  };
}

function rankingRow(r: RollupRow, rank: string): TableRow {
  return { kind: "data", cells: [rank, r.key, yi(r.progress!.annualPlanWan), yi(r.progress!.yearToDateWan), formatRate(r.progress!.annualRate), lightOf(r)] };
}

const unitsOf = (row: { units: { publishedName: string }[] }) => row.units.map((u) => u.publishedName).join("\n");

export function bulletinPublication(data: BulletinData): Publication {
  const { month, headline: h } = data;
  const m = month.month;
  const title = `${data.plan.name}重大项目推进情况通报`;
  const ahead = h.annualRate !== null && pace(m).lessThan(h.annualRate);
  const gap = h.annualRate === null ? null : pace(m).minus(h.annualRate).abs().times(100).toFixed(1, Decimal.ROUND_HALF_UP);
  const fypShare = new Decimal(h.fypWan).isZero() ? null : new Decimal(h.planToDateWan).dividedBy(h.fypWan).toFixed(6);
  const summary =
    `截至${month.year}年${m}月底，${data.plan.name}共有重大项目${h.projects}个，总投资${yi(h.totalWan)}亿元，“十四五”投资${yi(h.fypWan)}亿元。` +
    `${month.year}年度计划投资${yi(h.annualPlanWan)}亿元，1–${m}月累计完成投资${yi(h.yearToDateWan)}亿元，完成年度计划的${formatRate(h.annualRate)}，` +
    (gap === null ? "尚无年度计划。" : `${ahead ? "超前" : "落后"}序时进度（${formatRate(pace(m).toFixed(6))}）${gap}个百分点。`) +
    `“十四五”累计完成投资${yi(h.planToDateWan)}亿元，占“十四五”投资的${formatRate(fypShare)}。` +
    `按序时进度，红灯项目${h.red}个、黄灯项目${h.yellow}个、绿灯项目${h.green}个；应开工未开工项目${h.notStarted}个。`;

  const lagging = data.projects
    .filter((p) => p.figures.light === "RED" || p.figures.light === "YELLOW")
    .sort((a, b) => new Decimal(b.figures.lagPoints ?? 0).comparedTo(a.figures.lagPoints ?? 0) || a.row.seq - b.row.seq);
  const notStarted = data.projects.filter((p) => p.figures.notStarted);

  const blocks: Block[] = [
    { kind: "heading", text: "一、总体情况" },
    { kind: "paragraph", text: summary },
    { kind: "heading", text: "二、分领域推进情况" },
    { kind: "table", table: { sheetName: "分领域", columns: progressColumns("领域", m), rows: [...data.byDomain.map((r) => ({ kind: "data" as const, cells: progressRow(r.key, r) })), totalRow(data)] } },
    { kind: "heading", text: "三、分区县推进情况" },
    { kind: "table", table: { sheetName: "分区县", columns: progressColumns("区县", m), rows: [...data.byCounty.map((r) => ({ kind: "data" as const, cells: progressRow(r.key, r) })), totalRow(data)] } },
    { kind: "heading", text: "四、区县和单位排名（按年度计划完成率）" },
    rankingTable("区县", data.countyRanking, m, "区县排名"),
    rankingTable("组织实施单位", data.unitRanking, m, "单位排名"),
    { kind: "heading", text: `五、红灯、黄灯项目（${lagging.length}个）` },
    lagging.length
      ? {
          kind: "table",
          table: {
            sheetName: "红黄灯项目",
            columns: [
              { header: "序号", kind: "count" },
              { header: "项目名称", kind: "text" },
              { header: "组织实施单位", kind: "name" },
              { header: "年度计划\n（万元）", kind: "amount" },
              { header: `1–${m}月完成\n（万元）`, kind: "amount" },
              { header: "完成率", kind: "percent" },
              { header: "落后序时进度\n（百分点）", kind: "amount" },
              { header: "灯色", kind: "name" },
            ],
            rows: lagging.map(({ row, figures: f }) => ({
              kind: "data" as const,
              cells: [String(row.seq), row.name, unitsOf(row), wan(f.annualPlanWan), wan(f.yearToDateWan), formatRate(f.annualRate), points(f.lagPoints), LIGHT_LABELS[f.light!]],
            })),
          },
        }
      : { kind: "paragraph", text: "本月无红灯、黄灯项目。" },
    { kind: "heading", text: `六、应开工未开工项目（${notStarted.length}个）` },
    notStarted.length
      ? {
          kind: "table",
          table: {
            sheetName: "应开工未开工",
            columns: [
              { header: "序号", kind: "count" },
              { header: "项目名称", kind: "text" },
              { header: "项目期限", kind: "name" },
              { header: "组织实施单位", kind: "name" },
              { header: "项目状态", kind: "name" },
            ],
            rows: notStarted.map(({ row, figures: f }) => ({ kind: "data" as const, cells: [String(row.seq), row.name, row.periodText, unitsOf(row), statusLabel(f.construction)] })),
          },
        }
      : { kind: "paragraph", text: "无应开工未开工项目。" },
    { kind: "heading", text: `七、逾期报送单位（报送截止${data.deadline}）` },
    !data.deadlinePassed
      ? { kind: "paragraph", text: `本月报送尚未截止（截止${data.deadline}）。` }
      : data.lateUnits.length
        ? {
            kind: "table",
            table: {
              sheetName: "逾期报送",
              columns: [
                { header: "组织实施单位", kind: "name" },
                { header: "应报项目", kind: "count" },
                { header: "逾期报送", kind: "count" },
                { header: "未报送", kind: "count" },
              ],
              rows: data.lateUnits.map((u) => ({ kind: "data" as const, cells: [u.unitName, String(u.required), String(u.submittedLate), String(u.notSubmitted)] })),
            },
          }
        : { kind: "paragraph", text: "各单位均按时报送。" },
    { kind: "heading", text: `八、需协调解决的问题（${data.openIssues.length}项）` },
    data.openIssues.length
      ? {
          kind: "table",
          table: {
            sheetName: "协调事项",
            columns: [
              { header: "序号", kind: "count" },
              { header: "项目名称", kind: "text" },
              { header: "问题", kind: "text" },
              { header: "责任单位", kind: "name" },
              { header: "办结时限", kind: "name" },
              { header: "状态", kind: "name" },
            ],
            rows: data.openIssues.map((i) => ({
              kind: "data" as const,
              cells: [String(i.projectSeq), i.projectName, i.description, i.responsible || "—", i.dueDate ?? "—", `${ISSUE_STATE_LABELS[i.state as keyof typeof ISSUE_STATE_LABELS]}${i.overdue ? "（已逾期）" : ""}`],
            })),
          },
        }
      : { kind: "paragraph", text: "无待协调事项。" },
    { kind: "paragraph", text: `说明：本通报数据口径为${BULLETIN_BASIS_TEXT[data.basis]}，截至${month.year}年${m}月；项目及其投资${versionLine(data.version)}（该月末已批准的最新版本）；金额单位为亿元（项目表中为万元）；完成率为1–${m}月累计完成投资占年度计划投资的比例，序时进度为${m}/12；红灯为落后序时进度超过规定百分点，黄灯次之。` },
  ];
  return { title, parts: [{ label: null, title, subtitle: `（${month.year}年1–${m}月；${basisLine(data.basis)}；${versionLine(data.version)}）`, blocks }] };
}
