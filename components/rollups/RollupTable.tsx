import Link from "next/link";
import type { ReactNode } from "react";
import { formatWanTextAsYi as yi } from "@/lib/money/amount-view";
import { formatRate } from "@/lib/progress/progress-format";
import type { RollupRow } from "@/lib/rollups/rollups";

/**
 * A rollup as a DRC reads it: one row per group in the rollup's order (counties in
 * the official order), amounts in 亿元 to one decimal, right-aligned, and the 合计
 * row last — the plan's own total, computed as one group, so that a project of
 * several units is counted once (`distinctTotal` says so in its label).
 * `compact` (the dashboard, two tables side by side) keeps the columns a reader
 * compares: counts, amounts, the year's plan, completion and its rate.
 */
export function RollupTable({
  rows,
  total,
  link,
  distinctTotal = false,
  compact = false,
  groupLabel = "分组",
  testId,
  progressColumns = true,
}: {
  rows: RollupRow[];
  total: RollupRow;
  /** Where a group's row leads (the grid filtered to it); none: the rows are not links (the overview of all plans by county). */
  link?: (key: string) => string;
  distinctTotal?: boolean;
  compact?: boolean;
  groupLabel?: string;
  testId?: string;
  /** false: the counts and amounts only (a version of the plan, which has no months). */
  progressColumns?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className={compact ? "plain rollup compact-rollup" : "plain rollup"} data-testid={testId}>
        <thead>
          <tr>
            <th>{groupLabel}</th>
            <th className="num">项目数</th>
            <th className="num">总投资（亿元）</th>
            <th className="num">“十四五”投资（亿元）</th>
            {!compact && (
              <>
                <th className="num">总投资待定 / 不适用</th>
                <th className="num">“十四五”待定 / 不适用</th>
              </>
            )}
            {progressColumns && (
              <>
                <th className="num">年度计划（亿元）</th>
                <th className="num">本年累计完成（亿元）</th>
                <th className="num">完成率</th>
                {!compact && <th className="num">“十四五”累计完成（亿元）</th>}
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <RollupTableRow key={r.key} r={r} href={link ? link(r.key) : null} compact={compact} progressColumns={progressColumns} />
          ))}
        </tbody>
        <tfoot>
          <RollupTableRow r={{ ...total, key: distinctTotal ? "合计（不重复计算）" : "合计" }} href={null} compact={compact} progressColumns={progressColumns} isTotal />
        </tfoot>
      </table>
    </div>
  );
}

function RollupTableRow({ r, href, compact, progressColumns, isTotal = false }: { r: RollupRow; href: string | null; compact: boolean; progressColumns: boolean; isTotal?: boolean }) {
  const linked = (content: ReactNode) => (href ? <Link prefetch={false} href={href}>{content}</Link> : content);
  const p = r.progress;
  return (
    <tr className={isTotal ? "total-row" : undefined} data-testid={isTotal ? "total-row" : undefined}>
      <td>{linked(r.key)}</td>
      <td className="num">{linked(r.projects)}</td>
      <td className="num">{yi(r.totalWan)}</td>
      <td className="num">{yi(r.fypWan)}</td>
      {!compact && (
        <>
          <td className="num">
            {r.totalPending} / {r.totalNotApplicable}
          </td>
          <td className="num">
            {r.fypPending} / {r.fypNotApplicable}
          </td>
        </>
      )}
      {progressColumns && (
        <>
          <td className="num">
            {p ? yi(p.annualPlanWan) : "—"}
            {!compact && p && p.plannedProjects < r.projects && <div className="muted">{r.projects - p.plannedProjects} 个无计划</div>}
          </td>
          <td className="num">{p ? yi(p.yearToDateWan) : "—"}</td>
          <td className="num">{p ? formatRate(p.annualRate) : "—"}</td>
          {!compact && <td className="num">{p ? yi(p.planToDateWan) : "—"}</td>}
        </>
      )}
    </tr>
  );
}
