"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ChangeRequestView } from "@/lib/change-requests/change-requests";
import { api, ApiError } from "@/components/api-client";
import { formatDateTime } from "@/lib/time/time-zone";

const STATUS_LABELS = { OPEN: "待审核", ACCEPTED: "已采纳", REJECTED: "已退回" } as const;

export function ChangeRequestList({ requests, canDecide, showProject }: { requests: ChangeRequestView[]; canDecide: boolean; showProject: boolean }) {
  if (requests.length === 0) return <p className="muted">没有变更申请。</p>;
  return (
    <div className="change-requests" data-testid="change-requests">
      {requests.map((r) => (
        <ChangeRequestItem key={r.id} request={r} canDecide={canDecide} showProject={showProject} />
      ))}
    </div>
  );
}

function ChangeRequestItem({ request: r, canDecide, showProject }: { request: ChangeRequestView; canDecide: boolean; showProject: boolean }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function decide(decision: "accept" | "reject") {
    try {
      await api(`/api/change-requests/${r.id}/decision`, { method: "POST", body: { decision, comment: comment || undefined, version: r.version } });
      setError(null);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "操作失败");
    }
  }

  return (
    <div className="card change-request" data-testid={`change-request-${r.id}`}>
      <div>
        <strong>{r.kind === "county-shares" ? "区县拆分申请" : "申请"} #{r.id}</strong> <span className={`badge status-${r.status.toLowerCase()}`}>{STATUS_LABELS[r.status]}</span>{" "}
        {showProject && (
          <a href={`/projects/${r.projectId}`}>
            {r.projectSeq}. {r.projectName}
          </a>
        )}
        <span className="muted">
          {" "}
          · {r.requestedBy} · {formatDateTime(r.requestedAt)}
        </span>
      </div>
      <table className="plain compact">
        <thead>
          <tr>
            <th>项目</th>
            {r.status === "REJECTED" ? null : <th>{r.itemsAsDecided ? "采纳前" : "现值"}</th>}
            <th>{r.itemsAsDecided ? "采纳后" : "申请值"}</th>
          </tr>
        </thead>
        <tbody>
          {r.items.map((i) => (
            <tr key={i.field}>
              <td>{i.label}</td>
              {r.status === "REJECTED" ? null : <td className={r.itemsAsDecided ? "old-value" : undefined}>{i.current}</td>}
              <td>
                {r.itemsAsDecided && "→ "}
                {i.proposed}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>理由：{r.reason}</p>
      {r.projectChangedSince && r.status === "OPEN" && <p className="warn-text">提交申请后项目已有其他修改，请核对现值。</p>}
      {r.status !== "OPEN" && (
        <p>
          {r.decidedBy} 于 {r.decidedAt ? formatDateTime(r.decidedAt) : ""} {STATUS_LABELS[r.status]}
          {r.decisionComment ? `：${r.decisionComment}` : ""}
        </p>
      )}
      {canDecide && r.status === "OPEN" && (
        <div className="decision">
          <input value={comment} onChange={(e) => setComment(e.target.value)} placeholder="审核意见（退回时必填）" aria-label={`申请 #${r.id} 审核意见`} />
          <button className="button primary" type="button" onClick={() => decide("accept")}>
            采纳
          </button>
          <button className="button" type="button" onClick={() => decide("reject")}>
            退回
          </button>
          {error && (
            <span className="error-text" role="alert">
              {" "}
              {error}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
