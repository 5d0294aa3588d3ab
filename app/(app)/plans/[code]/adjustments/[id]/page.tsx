import Link from "next/link";
import { notFound } from "next/navigation";
import { AdjustmentActions, AddLineForm, RemoveLineButton } from "@/components/versions/AdjustmentEditor";
import { can } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { formatDateTime } from "@/lib/time/time-zone";
import { idParam } from "@/lib/validation/ids";
import { getAdjustment } from "@/lib/versions/adjustments";
import { readScope } from "@/lib/auth/scope";
import { findVersion, versionAnnexRows } from "@/lib/versions/plan-versions";

export const dynamic = "force-dynamic";
export const metadata = { title: "中期调整" };

/** One 中期调整: its lines (before → after, with reasons); the DRC edits and submits it, another reviewer approves or returns it. */
export default async function AdjustmentPage({ params }: { params: Promise<{ code: string; id: string }> }) {
  const actor = await requirePage("annex.read");
  const { code, id } = await params;
  const planCode = decodeURIComponent(code);
  const db = prisma();
  const adjustment = await orNotFound(Promise.resolve().then(() => getAdjustment(db, idParam(id, "中期调整"), readScope(actor))));
  if (adjustment.planCode !== planCode) notFound();
  const editable = (adjustment.state === "DRAFT" || adjustment.state === "RETURNED") && can(actor, "plan-adjustment.prepare");
  const base = `/plans/${encodeURIComponent(planCode)}`;
  const plan = await db.plan.findUniqueOrThrow({ where: { code: planCode }, include: { domains: { orderBy: { position: "asc" } } } });
  const projects = editable ? (await versionAnnexRows(db, await findVersion(db, planCode))).map((r) => ({ id: r.id, label: `${r.seq}. ${r.name}` })) : [];
  const openRequests = editable
    ? // A proposed split by county is no line of an adjustment (it is decided on its own).
      (await db.changeRequest.findMany({ where: { status: "OPEN", project: { planId: plan.id, deletedAt: null } }, include: { project: true }, orderBy: { id: "asc" } })).filter(
        (r) => !(r.proposed && typeof r.proposed === "object" && "countyShares" in r.proposed),
      )
    : [];
  return (
    <>
      <p className="muted">
        <Link prefetch={false} href={`${base}/versions`}>← 版本与中期调整</Link>
      </p>
      <h1>
        中期调整 #{adjustment.id}：{adjustment.title}
      </h1>
      <dl className="fields">
        <dt>状态</dt>
        <dd data-testid="adjustment-state">{adjustment.stateLabel}</dd>
        <dt>编制人</dt>
        <dd>
          {adjustment.preparedBy}，{formatDateTime(adjustment.createdAt)}
        </dd>
        <dt>调整对象</dt>
        <dd>第 {adjustment.baseVersion} 版{adjustment.resultVersion && <>，批准后生成 <Link prefetch={false} href={`${base}/versions/${adjustment.resultVersion}`}>第 {adjustment.resultVersion} 版</Link></>}</dd>
        {adjustment.decidedBy && (
          <>
            <dt>审批</dt>
            <dd>
              {adjustment.decidedBy}，{formatDateTime(adjustment.decidedAt!)}
              {adjustment.decisionComment && `：${adjustment.decisionComment}`}
            </dd>
          </>
        )}
      </dl>

      <h2>调整行</h2>
      {adjustment.lines.length === 0 ? (
        <p className="muted">还没有调整行。</p>
      ) : (
        <table className="plain" data-testid="adjustment-lines">
          <thead>
            <tr>
              <th>类型</th>
              <th>项目</th>
              <th>调整内容（调整前 → 调整后）</th>
              <th>理由</th>
              {editable && <th />}
            </tr>
          </thead>
          <tbody>
            {adjustment.lines.map((l) => (
              <tr key={l.id}>
                <td>{l.kindLabel}</td>
                <td>
                  {l.seq !== null ? `${l.seq}. ` : ""}
                  {l.name}
                </td>
                <td>
                  {l.items.map((item) => (
                    <div key={item.label}>
                      {item.label}：{item.before ? `${item.before} → ` : ""}
                      {item.after}
                    </div>
                  ))}
                </td>
                <td>
                  {l.reason}
                  {l.changeRequestId && <span className="badge">变更申请 #{l.changeRequestId}</span>}
                </td>
                {editable && (
                  <td>
                    <RemoveLineButton adjustmentId={adjustment.id} version={adjustment.version} lineId={l.id} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <AddLineForm
          adjustmentId={adjustment.id}
          version={adjustment.version}
          projects={projects}
          domains={plan.domains.map((d) => ({ id: d.id, label: d.name }))}
          requests={openRequests.map((r) => ({ id: r.id, label: `#${r.id} ${r.project.seq}. ${r.project.name}：${r.reason}` }))}
        />
      )}
      <AdjustmentActions
        adjustmentId={adjustment.id}
        version={adjustment.version}
        canSubmit={editable && adjustment.lines.length > 0}
        canDecide={adjustment.state === "SUBMITTED" && can(actor, "plan-adjustment.approve") && actor.userId !== adjustment.preparedById}
        awaitingOther={adjustment.state === "SUBMITTED" && actor.userId === adjustment.preparedById}
      />
    </>
  );
}
