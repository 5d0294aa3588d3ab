// The annex, its 分类汇总表 and the 调整前后对照表 as of a version of the plan
// (lib/versions): read from the version's frozen rows, never the live ones,
// and written with the version's approval date, so that a version's export is
// the same file whenever it is made.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { amountFromDb, formatYi, trimDecimal } from "@/lib/money/amount";
import type { ChangeFigures, ChangesTable } from "@/lib/versions/changes";
import { findVersion, versionAnnexRows, versionRollup, type VersionRef } from "@/lib/versions/plan-versions";
import { annexGroups, domainLabel, summaryFromDomains, type AnnexTable, type SummaryTable } from "./annex-table";
import type { Column, Publication, TableRow } from "./publication";

/** “（第 2 版：2023年中期调整）” after a title; nothing for the baseline, which is the annex as published. */
export function versionSuffix(version: Pick<VersionRef, "number" | "label">): string {
  return version.number === 1 ? "" : `（第 ${version.number} 版：${version.label}）`;
}

export async function versionAnnexTable(db: PrismaClient, planCode: string, number: number): Promise<{ table: AnnexTable; version: VersionRef }> {
  const version = await findVersion(db, planCode, number);
  const plan = await db.plan.findUniqueOrThrow({ where: { id: version.planId } });
  const rows = await versionAnnexRows(db, version);
  return { table: { planName: plan.name, title: `${plan.name}重大项目表${versionSuffix(version)}`, groups: annexGroups(rows) }, version };
}

/** The 分类汇总表 of a version: recomputed from its rows (a published summary is the baseline's, and is not the version's). */
export async function versionSummaryTable(db: PrismaClient, planCode: string, number: number): Promise<{ table: SummaryTable; version: VersionRef }> {
  const version = await findVersion(db, planCode, number);
  const plan = await db.plan.findUniqueOrThrow({ where: { id: version.planId }, include: { domains: { orderBy: { position: "asc" } } } });
  const title = `${plan.publishedRollupTitle ?? `${plan.name}重点项目分类汇总表`}${versionSuffix(version)}`;
  return { table: summaryFromDomains(title, plan.domains, await versionRollup(db, version, "domain")), version };
}

export const CHANGES_COLUMNS: Column[] = [
  { header: "序号", kind: "count" },
  { header: "项目名称", kind: "text" },
  { header: "调整\n类型", kind: "name", align: "center" },
  { header: "调整前\n总投资\n（万元）", kind: "amount" },
  { header: "调整后\n总投资\n（万元）", kind: "amount" },
  { header: "总投资\n增减\n（万元）", kind: "amount" },
  { header: "调整前\n“十四五”\n投资\n（万元）", kind: "amount" },
  { header: "调整后\n“十四五”\n投资\n（万元）", kind: "amount" },
  { header: "“十四五”\n投资增减\n（万元）", kind: "amount" },
  { header: "调整理由", kind: "text" },
];

/** An amount of a line as the table prints it: 万元, exact; 待定 and —— as such; empty where the project is not in that version. */
function cell(amount: { state: "VALUE" | "PENDING" | "NOT_APPLICABLE"; wan: string | null } | undefined): string {
  if (!amount) return "";
  return amount.state === "VALUE" ? trimDecimal(amount.wan!) : formatYi(amountFromDb(amount));
}

const figureCells = (f: ChangeFigures) => [f.totalBefore, f.totalAfter, f.totalDelta, f.fypBefore, f.fypAfter, f.fypDelta];

export function changesPublication(table: ChangesTable): Publication {
  const rows: TableRow[] = [{ kind: "total", cells: ["合计", "", "", ...figureCells(table.total), ""] }];
  for (const g of table.groups) {
    rows.push({ kind: "group", cells: [domainLabel(g.domainPosition, g.domainName)] });
    for (const l of g.lines) {
      rows.push({
        kind: "data",
        cells: [
          String(l.seq),
          l.name,
          l.kind,
          cell(l.before?.total),
          cell(l.after?.total),
          l.totalDelta,
          cell(l.before?.fyp),
          cell(l.after?.fyp),
          l.fypDelta,
          l.reason,
        ],
      });
    }
    rows.push({ kind: "total", cells: ["小计", "", "", ...figureCells(g.subtotal), ""] });
  }
  const title = `${table.title}${versionSuffix(table.to)}`;
  return {
    title,
    parts: [
      {
        label: "附件",
        title,
        subtitle: `第 ${table.from.number} 版（${table.from.label}）→ 第 ${table.to.number} 版（${table.to.label}）`,
        blocks: [
          {
            kind: "table",
            table: {
              sheetName: "调整前后对照表",
              columns: CHANGES_COLUMNS,
              rows,
              notes: ["注：金额单位为万元；小计、合计按数字金额相加（待定、不适用不计），增减 = 调整后 − 调整前，即两版项目表之差。"],
            },
          },
        ],
      },
    ],
  };
}
