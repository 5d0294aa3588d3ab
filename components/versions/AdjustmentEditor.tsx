"use client";

// The adjustment page's controls: add a line (checked in the browser with the
// same zod schema the server parses it with), take in a unit's change request,
// remove a line, submit, approve or return. Every call carries the adjustment's
// version as shown: a page left open while someone else changed it gets the
// server's 409 message, and nothing is changed.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { adjustmentLineSchema, LINE_KIND_LABELS, type AdjustmentLineInput, type LineKind } from "@/lib/versions/adjustment-input";

type Option = { id: number; label: string };

function useCall() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const call = async (url: string, init: { method?: string; body?: unknown }) => {
    setBusy(true);
    setError(null);
    setWarnings(null);
    try {
      await api(url, { method: "POST", ...init });
      router.refresh();
      return true;
    } catch (e) {
      // A warning to confirm (a project of the same name already in the plan): shown, and added only if confirmed.
      if (e instanceof ApiError && e.code === "needs_confirmation") setWarnings(e.details?.warnings ?? [e.message]);
      else setError(e instanceof ApiError ? e.message : "操作失败");
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { call, error, busy, setError, warnings };
}

export function RemoveLineButton({ adjustmentId, version, lineId }: { adjustmentId: number; version: number; lineId: number }) {
  const { call, error, busy } = useCall();
  return (
    <>
      <button className="button" type="button" disabled={busy} onClick={() => call(`/api/adjustments/${adjustmentId}/lines/${lineId}?version=${version}`, { method: "DELETE" })}>
        删除
      </button>
      {error && <span className="error-text"> {error}</span>}
    </>
  );
}

const EMPTY = { projectId: "", reason: "", total: "", fyp: "", unit: "万元" as "万元" | "亿元", period: "", content: "", domainId: "", name: "", type: "新建", location: "", units: "" };

export function AddLineForm({ adjustmentId, version, projects, domains, requests }: { adjustmentId: number; version: number; projects: Option[]; domains: Option[]; requests: Option[] }) {
  const { call, error, busy, setError, warnings } = useCall();
  const [kind, setKind] = useState<LineKind>("AMOUNTS");
  const [f, setF] = useState(EMPTY);
  const [requestId, setRequestId] = useState("");
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setF({ ...f, [key]: e.target.value });
  const amount = (text: string) => (text.trim() ? { text, unit: f.unit } : undefined);

  const line = (): AdjustmentLineInput => {
    const projectId = Number(f.projectId) || 0;
    switch (kind) {
      case "ADD":
        return {
          kind,
          reason: f.reason,
          project: {
            domainId: Number(f.domainId) || 0,
            name: f.name,
            type: f.type,
            period: f.period,
            locationText: f.location,
            content: f.content,
            total: { text: f.total, unit: f.unit },
            fyp: { text: f.fyp, unit: f.unit },
            units: f.units.split(/[、,，\n]/).map((u) => u.trim()).filter(Boolean),
          },
        };
      case "CANCEL":
        return { kind, reason: f.reason, projectId };
      case "AMOUNTS":
        return { kind, reason: f.reason, projectId, ...(amount(f.total) ? { total: amount(f.total) } : {}), ...(amount(f.fyp) ? { fyp: amount(f.fyp) } : {}) };
      case "PERIOD_CONTENT":
        return { kind, reason: f.reason, projectId, ...(f.period.trim() ? { period: f.period } : {}), ...(f.content.trim() ? { content: f.content } : {}) };
    }
  };

  const projectPicker = (
    <div className="field">
      <label>
        项目
        <select value={f.projectId} onChange={set("projectId")} aria-label="项目">
          <option value="">（请选择）</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
  const text = (key: keyof typeof EMPTY, label: string, placeholder?: string) => (
    <div className="field">
      <label>
        {label}
        <input value={f[key]} onChange={set(key)} placeholder={placeholder} aria-label={label} />
      </label>
    </div>
  );
  const unitPicker = (
    <div className="field">
      <label>
        金额单位
        <select value={f.unit} onChange={set("unit")} aria-label="金额单位">
          <option value="万元">万元</option>
          <option value="亿元">亿元</option>
        </select>
      </label>
    </div>
  );

  return (
    <section aria-label="添加调整行">
      <h2>添加调整行</h2>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const input = line();
          const parsed = adjustmentLineSchema.safeParse(input);
          if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join("；"));
          if (await call(`/api/adjustments/${adjustmentId}/lines`, { body: { version, line: input } })) setF(EMPTY);
        }}
      >
        <div className="field">
          <label>
            调整类型
            <select value={kind} onChange={(e) => setKind(e.target.value as LineKind)} aria-label="调整类型">
              {(Object.keys(LINE_KIND_LABELS) as LineKind[]).map((k) => (
                <option key={k} value={k}>
                  {LINE_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {kind === "ADD" ? (
          <>
            <div className="field">
              <label>
                领域
                <select value={f.domainId} onChange={set("domainId")} aria-label="领域">
                  <option value="">（请选择）</option>
                  {domains.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {text("name", "项目名称")}
            {text("type", "项目类型")}
            {text("period", "项目期限", "2023-2025")}
            {text("location", "建设地点")}
            {text("content", "建设内容和规模")}
            {unitPicker}
            {text("total", "总投资")}
            {text("fyp", "“十四五”投资")}
            {text("units", "实施单位（多个用顿号分隔）")}
          </>
        ) : (
          projectPicker
        )}
        {kind === "AMOUNTS" && (
          <>
            {unitPicker}
            {text("total", "调整后总投资", "不调整则留空")}
            {text("fyp", "调整后“十四五”投资", "不调整则留空")}
          </>
        )}
        {kind === "PERIOD_CONTENT" && (
          <>
            {text("period", "调整后项目期限", "不调整则留空")}
            {text("content", "调整后建设内容", "不调整则留空")}
          </>
        )}
        {text("reason", "调整理由")}
        <button className="button" type="submit" disabled={busy}>
          添加
        </button>
        {error && <p className="error-text">{error}</p>}
        {warnings && (
          <p className="error-text">
            {warnings.join("；")}{" "}
            <button
              className="button"
              type="button"
              disabled={busy}
              onClick={async () => {
                const input = line();
                if (input.kind !== "ADD") return;
                if (await call(`/api/adjustments/${adjustmentId}/lines`, { body: { version, line: { ...input, project: { ...input.project, confirmWarnings: true } } } })) setF(EMPTY);
              }}
            >
              仍然添加
            </button>
          </p>
        )}
      </form>
      {requests.length > 0 && (
        <form
          className="toolbar"
          onSubmit={async (event) => {
            event.preventDefault();
            if (requestId) await call(`/api/adjustments/${adjustmentId}/change-requests`, { body: { version, changeRequestId: Number(requestId) } });
          }}
        >
          <label>
            纳入单位的变更申请（投资额）
            <select value={requestId} onChange={(e) => setRequestId(e.target.value)} aria-label="变更申请">
              <option value="">（请选择）</option>
              {requests.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <button className="button" type="submit" disabled={busy || !requestId}>
            纳入
          </button>
        </form>
      )}
    </section>
  );
}

export function AdjustmentActions(props: { adjustmentId: number; version: number; canSubmit: boolean; canDecide: boolean; awaitingOther: boolean }) {
  const { call, error, busy } = useCall();
  const [comment, setComment] = useState("");
  const url = (action: string) => `/api/adjustments/${props.adjustmentId}/${action}`;
  return (
    <section className="toolbar" aria-label="提交与审批">
      {props.canSubmit && (
        <button className="button" type="button" disabled={busy} onClick={() => call(url("submit"), { body: { version: props.version } })}>
          提交审批
        </button>
      )}
      {props.awaitingOther && <span className="muted">已提交，等待编制人以外的审批人审批。</span>}
      {props.canDecide && (
        <>
          <label>
            审批意见
            <input value={comment} onChange={(e) => setComment(e.target.value)} aria-label="审批意见" />
          </label>
          <button className="button" type="button" disabled={busy} onClick={() => call(url("decision"), { body: { version: props.version, decision: "approve", comment } })}>
            批准
          </button>
          <button className="button" type="button" disabled={busy} onClick={() => call(url("decision"), { body: { version: props.version, decision: "return", comment } })}>
            退回
          </button>
        </>
      )}
      {error && <span className="error-text">{error}</span>}
    </section>
  );
}
