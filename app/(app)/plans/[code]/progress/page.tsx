import { readableProjectsScope } from "@/lib/auth/scope";
import Link from "next/link";
import { Suspense } from "react";
import { MonthlyReportGrid } from "@/components/progress/MonthlyReportGrid";
import { MonthlyReportCards } from "@/components/progress/MonthlyReportCards";
import { ReportTemplatePanel } from "@/components/progress/ReportTemplatePanel";
import { MonthSelect } from "@/components/progress/MonthSelect";
import { SearchParamSelect } from "@/components/progress/SearchParamSelect";
import { orNotFound, pageParam, requirePage } from "@/lib/pages/require-page";
import { optionalIdTextSchema } from "@/lib/validation/ids";
import { can } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { monthlySheet } from "@/lib/progress/monthly-sheet";
import { monthParamSchema, REPORT_STATUS_LABELS, type ReportState } from "@/lib/progress/progress-input";
import { monthKey, monthLabel } from "@/lib/progress/reporting-calendar";
import { formatDate } from "@/lib/time/time-zone";

export const dynamic = "force-dynamic";
export const metadata = { title: "进度填报" };

/** 月度填报: a unit's projects for a month (the DRC sees every project, or one unit's). */
export default async function ProgressPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ month?: string; unit?: string }>;
}) {
  const actor = await requirePage("progress.read");
  const { code } = await params;
  const query = await searchParams;
  const db = prisma();
  const month = pageParam(monthParamSchema, query.month ?? null);
  const unitId = pageParam(optionalIdTextSchema, query.unit);
  const isUnit = actor.role === "EDITOR";
  const sheet = await orNotFound(monthlySheet(db, actor, decodeURIComponent(code), month, { mine: isUnit, unitId }));
  const units = isUnit
    ? []
    : await db.unit.findMany({ where: { projects: { some: { project: { plan: { code: sheet.plan.code }, deletedAt: null, ...readableProjectsScope(actor) } } } }, orderBy: { name: "asc" } });
  const counts = new Map<ReportState, number>();
  for (const r of sheet.rows) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  const returned = sheet.rows.filter((r) => r.state === "RETURNED");

  return (
    <>
      <h1>
        {monthLabel(month)}投资进度填报
        {isUnit && actor.unitName ? ` · ${actor.unitName}` : ""}
      </h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {sheet.plan.name} · 截止日期 {sheet.deadline}（次月 {sheet.plan.reportDeadlineDay} 日）· 金额单位：万元 ·{" "}
        {(Object.keys(REPORT_STATUS_LABELS) as ReportState[]).map((s) => `${REPORT_STATUS_LABELS[s]} ${counts.get(s) ?? 0}`).join("，")}
      </p>
      {sheet.locked && (
        <p className="alert" data-testid="month-locked">
          {monthLabel(month)}已于 {formatDate(sheet.locked.at)} 由{sheet.locked.by}关账，不能再修改。
        </p>
      )}
      <div className="toolbar">
        <Suspense>
          <MonthSelect label="月份" value={month} startYear={sheet.plan.startYear} />
          {!isUnit && (
            <SearchParamSelect
              label="实施单位"
              param="unit"
              value={unitId ? String(unitId) : ""}
              options={[{ value: "", label: "全部单位" }, ...units.map((u) => ({ value: String(u.id), label: u.name }))]}
            />
          )}
        </Suspense>
        {can(actor, "progress.review") && (
          <Link prefetch={false} className="button" href={`/plans/${sheet.plan.code}/progress/review?month=${monthKey(month)}`}>
            审核与催报
          </Link>
        )}
        <Link prefetch={false} className="button" href={`/plans/${sheet.plan.code}/annual-plans?year=${month.year}`}>
          年度计划
        </Link>
        <Link prefetch={false} className="button" href={`/plans/${sheet.plan.code}/issues`}>
          协调事项
        </Link>
      </div>
      {returned.length > 0 && (
        <div className="alert" data-testid="returned-reports">
          <strong>发改委退回了 {returned.length} 个项目的填报，请修改后重新提交：</strong>
          <ul>
            {returned.map((r) => (
              <li key={r.projectId}>
                第 {r.seq} 项《{r.name}》：{r.latest?.reviewComment}
              </li>
            ))}
          </ul>
        </div>
      )}
      {sheet.rows.length > 0 && sheet.rows.some((r) => r.canReport) && (isUnit || unitId) && (
        <ReportTemplatePanel
          planCode={sheet.plan.code}
          monthKey={monthKey(month)}
          monthName={monthLabel(month)}
          unitId={isUnit ? null : (unitId ?? null)}
          unitName={isUnit ? (actor.unitName ?? "") : (units.find((u) => u.id === unitId)?.name ?? "")}
        />
      )}
      {sheet.rows.length === 0 ? (
        <p className="muted">没有需要填报的项目{isUnit ? "：本单位不是本规划任何项目的实施单位" : ""}。</p>
      ) : (
        <>
          <div className="wide-only">
            <MonthlyReportGrid sheet={sheet} />
          </div>
          <div className="narrow-only">
            <MonthlyReportCards sheet={sheet} />
          </div>
        </>
      )}
    </>
  );
}
