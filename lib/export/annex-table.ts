// The annex and its 分类汇总表 as they are published, independent of the file
// format. Reading (annexTable, summaryTable) is kept apart from building the
// document (annexPublication, summaryPublication), which is pure: data in,
// a Publication out, that the docx, PDF and xlsx writers render.
import { readablePlansScope, type ReadScope } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import Decimal from "decimal.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { amountFromDb, formatYi } from "@/lib/money/amount";
import type { AnnexRow } from "@/lib/projects/annex-row";
import { listAnnexRows, type AnnexFilter } from "@/lib/projects/list-projects";
import { reconcile } from "@/lib/rollups/reconciliation";
import { rollup, type RollupRow } from "@/lib/rollups/rollups";
import type { Column, Publication } from "./publication";

/** The annex's columns as published; header lines are never broken inside (“十四五” stays whole). */
export const ANNEX_COLUMNS: Column[] = [
  { header: "序号", kind: "count" },
  { header: "项目名称", kind: "text" },
  { header: "项目\n类型", kind: "name", align: "center" },
  { header: "项目期限", kind: "name", align: "center" },
  { header: "建设地点", kind: "text" },
  { header: "建设内容和规模", kind: "text" },
  { header: "总投资\n（亿元）", kind: "amount" },
  { header: "“十四五”\n投资\n（亿元）", kind: "amount" },
  { header: "组织实施单位", kind: "name" },
];
export const ANNEX_HEADER = ANNEX_COLUMNS.map((c) => c.header);

/** The 分类汇总表's columns, named as the plans publish them. */
export const SUMMARY_COLUMNS: Column[] = [
  { header: "领域", kind: "name" },
  { header: "项目数", kind: "count" },
  { header: "总投资（亿元）", kind: "amount" },
  { header: "“十四五”计划投资（亿元）", kind: "amount" },
];

export type AnnexTable = {
  planName: string;
  title: string;
  groups: { label: string; rows: string[][] }[];
};

export type SummaryLine = { label: string; projects: string; total: string; fyp: string; isTotal: boolean };

export type SummaryTable = {
  title: string;
  /** Whose figures the rows hold: recomputed from the detail rows, or the plan's published ones as published. */
  figures: "detail" | "published";
  rows: SummaryLine[];
  /** Each figure where the published summary and the detail rows disagree (empty without a published summary). */
  differences: string[];
};

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

/** The annex's rows grouped by domain, in annex order. */
export function annexGroups(rows: AnnexRow[]): AnnexTable["groups"] {
  const groups = new Map<number, { label: string; rows: string[][] }>();
  for (const row of rows) {
    const group = groups.get(row.domainPosition) ?? { label: domainLabel(row.domainPosition, row.domainName), rows: [] };
    group.rows.push(cells(row));
    groups.set(row.domainPosition, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, g]) => g);
}

/**
 * The rows to export: the plan's annex, or a grid view of it — filtered by the same
 * SQL as the grid's data (lib/projects/list-projects.ts), status and light as of the
 * view's month included, so that an export holds exactly the view a person sees.
 */
export async function annexTable(db: PrismaClient, planCode: string, view: AnnexFilter = {}, scope: ReadScope = null): Promise<AnnexTable> {
  const plan = await findReadablePlan(db, planCode, scope);
  const rows = await listAnnexRows(db, planCode, view, scope);
  return { planName: plan.name, title: `${plan.name}重大项目表`, groups: annexGroups(rows) };
}

const yi = (wan: string) => new Decimal(wan).dividedBy(10_000).toFixed(1, Decimal.ROUND_HALF_UP);
/** A published or summed figure as the table prints it: 亿元 with one decimal, 待定, or ——. */
const shown = (figure: string) => (/^\d+(\.\d+)?$/.test(figure) ? yi(figure) : figure);
/** The name a note gives a line: the domain without its numeral (“文化”), or the total's own label. */
const noteName = (label: string) => label.replace(/^[一二三四五六七八九十]+、/, "");

/**
 * The 分类汇总表: by default each domain's count and sums recomputed from the
 * detail rows (lib/rollups), with a 合计 row; where the plan keeps a published
 * summary, its labels, its order and its total row's place are kept, and every
 * figure that differs from the published one (at the published precision, 亿元
 * to one decimal) is listed for the note under the table. `figures:
 * "published"` exports the published figures as published instead, with the
 * same note.
 */
export async function summaryTable(db: PrismaClient, planCode: string, options: { figures?: "detail" | "published"; scope?: ReadScope } = {}): Promise<SummaryTable> {
  const figures = options.figures ?? "detail";
  const scope = options.scope ?? null;
  const plan = await db.plan.findFirst({ where: { code: planCode, ...readablePlansScope(scope) }, include: { domains: { orderBy: { position: "asc" } } } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const title = plan.publishedRollupTitle ?? `${plan.name}重点项目分类汇总表`;
  const lines = await reconcile(db, planCode, scope);
  if (lines) {
    const differences = lines.flatMap((l) => {
      const name = noteName(l.label);
      const out: string[] = [];
      if (l.published.projects !== null && l.published.projects !== l.detail.projects) out.push(`${name}项目数：公布 ${l.published.projects} 个，按明细 ${l.detail.projects} 个`);
      const [pt, pf, dt, df] = [shown(l.published.total), shown(l.published.fyp), shown(l.detail.total), shown(l.detail.fyp)];
      if (pt !== dt || pf !== df) out.push(`${name}：公布 ${pt} / ${pf}，按明细合计 ${dt} / ${df}`);
      return out;
    });
    return {
      title,
      figures,
      differences,
      rows: lines.map((l) => {
        const f = figures === "published" ? { ...l.published, projects: l.published.projects === null ? "" : String(l.published.projects) } : { ...l.detail, projects: String(l.detail.projects) };
        return { label: l.label, projects: f.projects, total: shown(f.total), fyp: shown(f.fyp), isTotal: !/^[一二三四五六七八九十]+、/.test(l.label) };
      }),
    };
  }
  // No published summary: the domains from the rollup, the 合计 first as plans print it.
  return summaryFromDomains(title, plan.domains, await rollup(db, planCode, "domain", { scope }));
}

/** What a domain's line sums (a live rollup's row, or a version's). */
type DomainFigures = Pick<RollupRow, "key" | "projects" | "totalWan" | "fypWan" | "totalPending" | "totalNotApplicable" | "fypPending" | "fypNotApplicable">;

/** The 分类汇总表 recomputed from a rollup by domain: the 合计 first, then each domain that has projects, in annex order. */
export function summaryFromDomains(title: string, domains: { name: string; position: number }[], byDomain: DomainFigures[]): SummaryTable {
  const line = (label: string, rows: DomainFigures[], isTotal: boolean): SummaryLine => {
    const projects = rows.reduce((n, r) => n + r.projects, 0);
    const sum = (pick: "totalWan" | "fypWan") => rows.reduce((s, r) => s.plus(r[pick]), new Decimal(0)).toFixed();
    const numeric = (pending: "totalPending" | "fypPending", na: "totalNotApplicable" | "fypNotApplicable") => rows.some((r) => r.projects > r[pending] + r[na]);
    return {
      label,
      projects: String(projects),
      // A domain none of whose amounts is a number is published as ——, not 0.0.
      total: numeric("totalPending", "totalNotApplicable") ? yi(sum("totalWan")) : "——",
      fyp: numeric("fypPending", "fypNotApplicable") ? yi(sum("fypWan")) : "——",
      isTotal,
    };
  };
  const domainRows = domains.flatMap((d) => {
    const rows = byDomain.filter((r) => r.key === d.name);
    return rows.length ? [line(domainLabel(d.position, d.name), rows, false)] : [];
  });
  return { title, figures: "detail", differences: [], rows: [line("合计", byDomain, true), ...domainRows] };
}

export function annexPublication(annex: AnnexTable): Publication {
  return {
    title: annex.title,
    parts: [
      {
        label: "附件",
        title: annex.title,
        blocks: [
          {
            kind: "table",
            table: {
              sheetName: "重大项目表",
              columns: ANNEX_COLUMNS,
              rows: annex.groups.flatMap((g) => [{ kind: "group" as const, cells: [g.label] }, ...g.rows.map((cells) => ({ kind: "data" as const, cells }))]),
            },
          },
        ],
      },
    ],
  };
}

export function summaryPublication(summary: SummaryTable): Publication {
  const notes: string[] = [];
  if (summary.differences.length) {
    notes.push(
      summary.figures === "detail"
        ? "注：本表按明细项目重新合计。与规划公布的分类汇总表不一致的数字（总投资 / “十四五”计划投资，亿元）："
        : "注：本表为规划公布的数字，原样照录。与按明细项目合计不一致的数字（总投资 / “十四五”计划投资，亿元）：",
      ...summary.differences.map((d, i) => `${i + 1}. ${d}`),
    );
  } else if (summary.figures === "detail") {
    notes.push("注：本表按明细项目合计。");
  }
  return {
    title: summary.title,
    parts: [
      {
        label: null,
        title: summary.title,
        blocks: [
          {
            kind: "table",
            table: {
              sheetName: "分类汇总",
              columns: SUMMARY_COLUMNS,
              rows: summary.rows.map((r) => ({ kind: r.isTotal ? ("total" as const) : ("data" as const), cells: [r.label, r.projects, r.total, r.fyp] })),
              notes,
            },
          },
        ],
      },
    ],
  };
}

/** The annex, its summary, or both (the summary first, as plans print them), as one publication. */
export function annexAndSummary(annex: AnnexTable | null, summary: SummaryTable | null): Publication {
  const parts = [...(summary ? summaryPublication(summary).parts : []), ...(annex ? annexPublication(annex).parts : [])];
  return { title: annex?.title ?? summary?.title ?? "重大项目表", parts };
}
