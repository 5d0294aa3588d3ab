import Link from "next/link";
import { Suspense } from "react";
import { MonthClosingControl, ProgressSettingsForm, ReviewTable } from "@/components/progress/ReviewPanel";
import { MonthSelect } from "@/components/progress/MonthSelect";
import { orNotFound, pageParam, requirePage } from "@/lib/pages/require-page";
import { can } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { monthlySheet } from "@/lib/progress/monthly-sheet";
import { monthParamSchema, REPORT_STATUS_LABELS } from "@/lib/progress/progress-input";
import { monthKey, monthLabel } from "@/lib/progress/reporting-calendar";
import { reportingStatus } from "@/lib/progress/reporting-months";
import { appTimeZone, formatDate, formatDateTime } from "@/lib/time/time-zone";

export const dynamic = "force-dynamic";
export const metadata = { title: "审核与催报" };

/** 审核与催报: the DRC's month — submissions per unit, reports awaiting review, late reporters, closing the month. */
export default async function ReviewPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ month?: string; unit?: string }> }) {
  const actor = await requirePage("progress.review");
  const { code } = await params;
  const planCode = decodeURIComponent(code);
  const query = await searchParams;
  const month = pageParam(monthParamSchema, query.month ?? null);
  // ?unit=ID (from the home page's queue): the reports awaiting review of that unit only.
  const unitId = Number(query.unit) || undefined;
  const db = prisma();
  const [sheet, status] = await Promise.all([
    orNotFound(monthlySheet(db, actor, planCode, month, { unitId })),
    orNotFound(reportingStatus(db, actor, planCode, month)),
  ]);
  // Reviewed where reported: a project a lower plan lists too (its 项目代码) awaits review in that plan, not here.
  const awaiting = sheet.rows.filter((r) => r.state === "SUBMITTED" && !r.reportedIn);
  const timeZone = appTimeZone();
  const late = status.projects.filter((p) => p.late);
  // The units table's 合计: the projects it counts (those with a unit), each once.
  const counted = status.projects.filter((p) => p.units.length > 0);

  return (
    <>
      <h1>{monthLabel(month)}填报审核与催报</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {sheet.plan.name} · 截止日期 {status.deadline}
        {status.deadlinePassed ? "（已过）" : "（未到）"} · 应报项目 {status.projects.length} 个（已竣工的项目此后不再报送）
      </p>
      <div className="toolbar">
        <Suspense>
          <MonthSelect label="月份" value={month} startYear={sheet.plan.startYear} />
        </Suspense>
        <Link prefetch={false} className="button" href={`/plans/${sheet.plan.code}/progress?month=${monthKey(month)}`}>
          填报表格
        </Link>
        {status.locked && <span className="badge">已关账</span>}
        {can(actor, "progress.manage") && (
          <MonthClosingControl
            planCode={sheet.plan.code}
            year={month.year}
            month={month.month}
            closing={{ state: status.closing.state, version: status.closing.version }}
            unreported={status.projects
              .filter((p) => p.state !== "SUBMITTED" && p.state !== "APPROVED")
              .map((p) => ({ seq: p.seq, name: p.name, units: p.units.map((u) => u.name).join("、") }))}
            awaiting={awaiting.length}
          />
        )}
      </div>

      <h2>各单位报送情况</h2>
      <table className="plain" data-testid="unit-reporting">
        <thead>
          <tr>
            <th>实施单位</th>
            <th className="num">应报</th>
            <th className="num">按时报送</th>
            <th className="num">逾期报送</th>
            <th className="num">未报送</th>
            <th className="num">待审核</th>
            <th className="num">已退回</th>
            <th className="num">已审核</th>
          </tr>
        </thead>
        <tbody>
          {status.units.map((u) => (
            <tr key={u.unitId} data-testid={`unit-reporting-${u.unitName}`}>
              <td>
                <Link prefetch={false} href={`/plans/${sheet.plan.code}/progress?month=${monthKey(month)}&unit=${u.unitId}`}>{u.unitName}</Link>
                {u.late > 0 && status.deadlinePassed && <span className="badge warn">逾期 {u.late}</span>}
              </td>
              <td className="num">{u.required}</td>
              <td className="num">{u.submittedOnTime}</td>
              <td className="num">{u.submittedLate}</td>
              <td className="num">{u.notSubmitted}</td>
              <td className="num">{u.awaitingReview}</td>
              <td className="num">{u.returned}</td>
              <td className="num">{u.approved}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {/* Each project once: a project of several units counts under each of them above. */}
          <tr className="total-row" data-testid="total-row">
            <td>合计（不重复计算）</td>
            <td className="num">{counted.length}</td>
            <td className="num">{counted.filter((p) => p.punctuality === "ON_TIME").length}</td>
            <td className="num">{counted.filter((p) => p.punctuality === "LATE").length}</td>
            <td className="num">{counted.filter((p) => p.punctuality === "NOT_SUBMITTED").length}</td>
            <td className="num">{counted.filter((p) => p.state === "SUBMITTED").length}</td>
            <td className="num">{counted.filter((p) => p.state === "RETURNED").length}</td>
            <td className="num">{counted.filter((p) => p.state === "APPROVED").length}</td>
          </tr>
        </tfoot>
      </table>

      <h2>
        等待审核（{awaiting.length}）
        {unitId && (
          <>
            {" "}
            · {status.units.find((u) => u.unitId === unitId)?.unitName ?? "所选单位"}{" "}
            <Link prefetch={false} className="button" href={`/plans/${sheet.plan.code}/progress/review?month=${monthKey(month)}`}>
              全部单位
            </Link>
          </>
        )}
      </h2>
      <ReviewTable rows={awaiting} />

      <h2>逾期项目（{late.length}）</h2>
      {!status.deadlinePassed && <p className="muted">截止日期未到，尚无逾期；下表为截至目前仍未报送的项目。</p>}
      <table className="plain" data-testid="late-projects">
        <thead>
          <tr>
            <th>序号</th>
            <th>项目</th>
            <th>实施单位</th>
            <th>填报状态</th>
            <th>情况</th>
          </tr>
        </thead>
        <tbody>
          {(status.deadlinePassed ? late : status.projects.filter((p) => p.punctuality === "NOT_SUBMITTED")).map((p) => (
            <tr key={p.projectId}>
              <td className="num">{p.seq}</td>
              <td className="name">
                <Link prefetch={false} href={`/projects/${p.projectId}`}>{p.name}</Link>
              </td>
              <td className="name">{p.units.map((u) => u.name).join("、")}</td>
              <td>{REPORT_STATUS_LABELS[p.state]}</td>
              <td>{p.punctuality === "LATE" ? `逾期报送（${formatDate(p.firstSubmittedAt!, timeZone)}）` : "未报送"}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {status.closing.events.length > 0 && (
        <>
          <h2>关账记录</h2>
          <table className="plain" data-testid="month-history">
            <thead>
              <tr>
                <th>时间</th>
                <th>操作</th>
                <th>操作人</th>
                <th>原因 / 说明</th>
                <th>关账时未报送</th>
              </tr>
            </thead>
            <tbody>
              {status.closing.events.map((e, i) => (
                <tr key={i}>
                  <td>{formatDateTime(e.at, timeZone)}</td>
                  <td>{e.action === "CLOSE" ? "关账" : "重新开放"}</td>
                  <td>{e.by}</td>
                  <td>{e.reason || "—"}</td>
                  <td>{e.action === "CLOSE" ? (e.unreported.length ? `${e.unreported.length} 个项目：${e.unreported.map((p) => p.seq).join("、")}` : "无") : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {can(actor, "progress.manage") && (
        <>
          <h2>填报设置</h2>
          <ProgressSettingsForm
            planCode={sheet.plan.code}
            initial={{ reportDeadlineDay: sheet.plan.reportDeadlineDay, yellowLagPoints: sheet.plan.yellowLagPoints, redLagPoints: sheet.plan.redLagPoints }}
          />
        </>
      )}
    </>
  );
}
