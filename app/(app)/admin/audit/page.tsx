import Link from "next/link";
import { requirePage } from "@/lib/pages/require-page";
import { prisma } from "@/lib/db/client";
import { AUDIT_PAGE_SIZE, auditFilterSchema, beijingTime, listAuditEvents, OUTCOME_LABELS, type AuditFilter } from "@/lib/audit/audit-log";

export const metadata = { title: "审计日志 · 重大项目管理" };
export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

/** The audit trail, newest first: filter by time, actor, action, target and outcome; export what is filtered as CSV. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePage("audit.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterSchema.safeParse(raw);
  const filter: AuditFilter = parsed.success ? parsed.data : {};
  const { rows, total } = await listAuditEvents(prisma(), filter);
  const page = filter.page ?? 1;
  const query = (extra: Record<string, string | number>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v !== undefined && v !== "") params.set(k, String(v));
    return params.toString();
  };
  const { page: _page, ...withoutPage } = filter;
  const exportQuery = new URLSearchParams(Object.entries(withoutPage).filter(([, v]) => v) as [string, string][]).toString();
  return (
    <>
      <h1>审计日志</h1>
      <p className="muted">登录与失败、退出、锁定、账号变更、导入导出、设置与阈值、关账与重开、单位改名与合并，以及所有修改操作。记录只增不改：数据库拒绝修改或删除。</p>
      {!parsed.success && (
        <div className="alert" role="alert">
          {parsed.error.issues.map((i) => i.message).join("；")}
        </div>
      )}
      <form className="toolbar" method="get" aria-label="筛选">
        <label>
          起始日期
          <input type="date" name="from" defaultValue={filter.from ?? ""} />
        </label>
        <label>
          截止日期
          <input type="date" name="to" defaultValue={filter.to ?? ""} />
        </label>
        <label>
          操作人
          <input name="actor" defaultValue={filter.actor ?? ""} />
        </label>
        <label>
          操作
          <input name="action" defaultValue={filter.action ?? ""} placeholder="如 auth.login" />
        </label>
        <label>
          对象
          <input name="target" defaultValue={filter.target ?? ""} />
        </label>
        <label>
          结果
          <select name="outcome" defaultValue={filter.outcome ?? ""}>
            <option value="">全部</option>
            {Object.entries(OUTCOME_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <button className="button primary" type="submit">
          筛选
        </button>
        <a className="button" href={`/api/audit/export${exportQuery ? `?${exportQuery}` : ""}`} download>
          导出 CSV
        </a>
      </form>
      <p data-testid="audit-total">共 {total} 条</p>
      <table className="plain" data-testid="audit-events">
        <thead>
          <tr>
            <th>时间（北京时间）</th>
            <th>操作人</th>
            <th>操作</th>
            <th>对象</th>
            <th>结果</th>
            <th>来源地址</th>
            <th>内容</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{beijingTime(r.at)}</td>
              <td>{r.actorLogin}</td>
              <td>{r.action}</td>
              <td>{r.targetType ? `${r.targetType} ${r.targetId ?? ""}` : ""}</td>
              <td>{OUTCOME_LABELS[r.outcome] ?? r.outcome}</td>
              <td>{r.clientAddress ?? ""}</td>
              <td style={{ maxWidth: "28rem", wordBreak: "break-all" }}>
                <code>{JSON.stringify(r.summary)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        {page > 1 && <Link prefetch={false} href={`/admin/audit?${query({ page: page - 1 })}`}>上一页</Link>}
        {page * AUDIT_PAGE_SIZE < total && <Link prefetch={false} href={`/admin/audit?${query({ page: page + 1 })}`}>下一页</Link>}
      </div>
    </>
  );
}
