// The annex as it is published, independent of the file format: a title, the
// header, and for each domain (in annex order) a merged row naming it and its
// projects, numbered as published, amounts in 亿元 with one decimal, 待定 and
// —— as such. The xlsx, docx and PDF writers all render this.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { amountFromDb, formatYi, sumAmounts } from "@/lib/money/amount";
import type { AnnexRow } from "@/lib/projects/annex-row";
import { listAnnexRows, type AnnexFilter } from "@/lib/projects/list-projects";

export const ANNEX_HEADER = ["序号", "项目名称", "项目类型", "项目期限", "建设地点", "建设内容和规模", "总投资\n（亿元）", "“十四五”投资\n（亿元）", "组织实施单位"];
/** Relative column widths (characters), chosen so the table fits a landscape A4 page. */
export const ANNEX_WIDTHS = [5, 22, 8, 10, 11, 44, 9, 9, 18];

export const SUMMARY_HEADER = ["领域", "项目数", "总投资（亿元）", "“十四五”投资（亿元）"];
export const SUMMARY_WIDTHS = [36, 10, 16, 18];

export type AnnexTable = {
  planName: string;
  title: string;
  groups: { label: string; rows: string[][] }[];
};

export type SummaryTable = { title: string; rows: string[][] };

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];

export function domainLabel(position: number, name: string): string {
  return `${NUMERALS[position - 1] ?? String(position)}、${name}`;
}

function cells(row: AnnexRow): string[] {
  return [
    String(row.seq),
    row.name,
    row.type,
    row.periodText,
    row.locationText,
    row.content,
    formatYi(amountFromDb(row.total)),
    formatYi(amountFromDb(row.fyp)),
    // One unit per line: how annexes list several units, and unambiguous to read back.
    row.units.map((u) => u.publishedName).join("\n"),
  ];
}

/**
 * The rows to export: the plan's annex, or a grid view of it — filtered by the same
 * SQL as the grid's data (lib/projects/list-projects.ts), status and light as of the
 * view's month included, so that an export holds exactly the view a person sees.
 */
export async function annexTable(db: PrismaClient, planCode: string, view: AnnexFilter = {}): Promise<AnnexTable> {
  const plan = await db.plan.findUnique({ where: { code: planCode } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const rows = await listAnnexRows(db, planCode, view);
  const groups = new Map<number, { label: string; rows: string[][] }>();
  for (const row of rows) {
    const group = groups.get(row.domainPosition) ?? { label: domainLabel(row.domainPosition, row.domainName), rows: [] };
    group.rows.push(cells(row));
    groups.set(row.domainPosition, group);
  }
  return { planName: plan.name, title: `${plan.name}重大项目表`, groups: [...groups.entries()].sort(([a], [b]) => a - b).map(([, g]) => g) };
}

/** The 分类汇总表: per domain, the count and the exact sums of the detail rows (never the published figures). */
export async function summaryTable(db: PrismaClient, planCode: string): Promise<SummaryTable> {
  const plan = await db.plan.findUnique({ where: { code: planCode } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const rows = await listAnnexRows(db, planCode);
  const byDomain = new Map<number, AnnexRow[]>();
  for (const r of rows) byDomain.set(r.domainPosition, [...(byDomain.get(r.domainPosition) ?? []), r]);
  const line = (label: string, list: AnnexRow[]) => {
    const total = sumAmounts(list.map((r) => amountFromDb(r.total)));
    const fyp = sumAmounts(list.map((r) => amountFromDb(r.fyp)));
    // A domain none of whose amounts is a number is published as ——, not 0.0.
    const show = (s: typeof total) => (s.valueCount === 0 ? "——" : formatYi({ state: "VALUE", wan: s.sumWan }));
    return [label, String(list.length), show(total), show(fyp)];
  };
  return {
    title: `${plan.name}重点项目分类汇总表`,
    rows: [
      line("汇总数", rows),
      ...[...byDomain.entries()].sort(([a], [b]) => a - b).map(([position, list]) => line(domainLabel(position, list[0]!.domainName), list)),
    ],
  };
}
