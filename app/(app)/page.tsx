import { readScope } from "@/lib/auth/scope";
import Link from "next/link";
import { can } from "@/lib/auth/actor";
import { requirePage } from "@/lib/pages/require-page";
import { ReviewerTodoCard, UnitTodoCard } from "@/components/home/TodoCards";
import { reviewerTodo, unitTodo, type ReviewerTodo, type UnitTodo } from "@/lib/progress/todo";
import { prisma } from "@/lib/db/client";
import { listPlans } from "@/lib/plans/plans";
import { monthlySheet, type MonthlySheet } from "@/lib/progress/monthly-sheet";
import { REPORT_STATUS_LABELS } from "@/lib/progress/progress-input";
import { monthKey, monthLabel, reportingMonth } from "@/lib/progress/reporting-calendar";
import { appNow } from "@/lib/time/clock";

export const dynamic = "force-dynamic";
export const metadata = { title: "首页 · 重大项目管理" };

export default async function HomePage() {
  const actor = await requirePage("annex.read");
  const db = prisma();
  const plans = await listPlans(db, readScope(actor));
  // A unit's home: its projects with this month's report state, plan by plan.
  const now = appNow();
  const month = reportingMonth(now);
  const unitSheets =
    actor.role === "EDITOR"
      ? await Promise.all(plans.map(async (p) => [p.code, await monthlySheet(db, actor, p.code, month, { mine: true })] as const))
      : [];
  const sheetOf = new Map(unitSheets);
  // What to do today: the DRC's queue per plan, a unit's returned reports and issues.
  const reviewerTodos = new Map<string, ReviewerTodo>(
    can(actor, "progress.review") ? await Promise.all(plans.map(async (p) => [p.code, await reviewerTodo(db, actor, p.code, now)] as const)) : [],
  );
  const unitTodos = new Map<string, UnitTodo>(
    actor.role === "EDITOR" ? await Promise.all(plans.map(async (p) => [p.code, await unitTodo(db, actor, p.code, now)] as const)) : [],
  );
  return (
    <>
      <h1>规划</h1>
      {can(actor, "progress.read") && plans.length > 0 && (
        <p>
          <Link prefetch={false} className="button" href="/overview">
            全部规划汇总
          </Link>
        </p>
      )}
      {plans.length === 0 && <p className="muted">还没有规划。管理员可以用命令行导入重大项目表（见 README）。</p>}
      <div className="plan-list">
        {plans.map((plan) => (
          <div className="card" key={plan.id}>
            <h2 style={{ marginTop: 0 }}>
              <Link prefetch={false} href={`/plans/${plan.code}`}>{plan.name}</Link>
            </h2>
            <div className="muted">
              {plan.issuer} · {plan.regionName} · {plan.startYear}—{plan.endYear} 年 · {plan.projectCount} 个重大项目 · 代码 {plan.code}
            </div>
            {reviewerTodos.get(plan.code) && <ReviewerTodoCard todo={reviewerTodos.get(plan.code)!} />}
            {unitTodos.get(plan.code) && sheetOf.get(plan.code)?.rows.length ? <UnitTodoCard todo={unitTodos.get(plan.code)!} planCode={plan.code} /> : null}
            {sheetOf.get(plan.code)?.rows.length ? (
              <UnitMonth sheet={sheetOf.get(plan.code)!} />
            ) : null}
            <div className="action-bar" style={{ margin: "0.6rem 0 0" }}>
              <Link prefetch={false} className="button" href={`/plans/${plan.code}/dashboard`}>
                概览
              </Link>
              <Link prefetch={false} className="button" href={`/plans/${plan.code}`}>
                重大项目表
              </Link>
              <Link prefetch={false} className="button" href={`/plans/${plan.code}/progress`}>
                进度填报
              </Link>
              <Link prefetch={false} className="button" href={`/plans/${plan.code}/rollups`}>
                汇总
              </Link>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}

function UnitMonth({ sheet }: { sheet: MonthlySheet }) {
  // A project a lower plan lists too is reported there: it waits in that plan's count, not here.
  const elsewhere = sheet.rows.filter((r) => r.reportedIn).length;
  const waiting = sheet.rows.filter((r) => !r.finished && !r.reportedIn && (r.state === "NONE" || r.state === "DRAFT" || r.state === "RETURNED")).length;
  return (
    <div data-testid={`unit-month-${sheet.plan.code}`} style={{ marginTop: "0.75rem" }}>
      <p style={{ margin: "0 0 0.4rem" }}>
        本单位 {sheet.rows.length} 个项目{elsewhere > 0 ? `（其中 ${elsewhere} 个在下级规划中填报）` : ""} · {monthLabel(sheet.month)}填报截止 {sheet.deadline}
        {waiting > 0 ? <strong className="error-text">，还有 {waiting} 个待填报或待提交</strong> : "，已全部提交"}{" "}
        <Link prefetch={false} className="button primary" href={`/plans/${sheet.plan.code}/progress?month=${monthKey(sheet.month)}`}>
          填报{monthLabel(sheet.month)}
        </Link>
      </p>
      <div className="table-scroll">
      <table className="plain compact">
        <thead>
          <tr>
            <th>序号</th>
            <th>项目</th>
            <th>{monthLabel(sheet.month)}</th>
            <th>审核意见</th>
          </tr>
        </thead>
        <tbody>
          {[...sheet.rows].sort((a, b) => Number(b.state === "RETURNED") - Number(a.state === "RETURNED") || a.seq - b.seq).map((r) => (
            <tr key={r.projectId}>
              <td>{r.seq}</td>
              <td>
                <Link prefetch={false} href={`/projects/${r.projectId}`}>{r.name}</Link>
              </td>
              <td>
                <span className={`badge report-${r.state.toLowerCase()}`}>{REPORT_STATUS_LABELS[r.state]}</span>
              </td>
              <td>{r.state === "RETURNED" ? r.latest?.reviewComment : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}
