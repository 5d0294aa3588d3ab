"use client";

// The DRC reviews a month's submissions: approve several at once, or return
// one with a comment the unit will see; close the month once all is reviewed.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { api, ApiError } from "@/components/api-client";
import type { SheetRow } from "@/lib/progress/monthly-sheet";
import { addWan, formatRate, formatWanText } from "@/lib/progress/progress-format";
import { CONSTRUCTION_LABELS, progressSettingsSchema, type ConstructionStatus, type ProgressSettingsInput } from "@/lib/progress/progress-input";

export function ReviewTable({ rows }: { rows: SheetRow[] }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [comments, setComments] = useState<Record<number, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function decide(decision: "APPROVE" | "RETURN", targets: SheetRow[], comment = "") {
    setBusy(true);
    try {
      const reports = targets.map((r) => ({ id: r.latest!.id, version: r.latest!.version }));
      const result = await api<{ reviewed: number }>("/api/progress/reviews", { method: "POST", body: { decision, reports, comment } });
      setMessage({ ok: true, text: `${decision === "APPROVE" ? "已审核通过" : "已退回"} ${result.reviewed} 份填报` });
      setSelected(new Set());
      router.refresh();
    } catch (error) {
      setMessage({ ok: false, text: error instanceof ApiError ? error.message : "操作失败" });
    } finally {
      setBusy(false);
    }
  }

  const messageLine = message && (
    <p className={message.ok ? "save-ok" : "alert"} role={message.ok ? "status" : "alert"} data-testid="review-message">
      {message.text}
    </p>
  );
  // After the last one is decided the refreshed page has none left: the outcome stays said above that.
  if (rows.length === 0) {
    return (
      <>
        {messageLine}
        <p className="muted">没有等待审核的填报。</p>
      </>
    );
  }
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  return (
    <>
      <div className="action-bar">
        <button className="button primary" disabled={busy || selected.size === 0} onClick={() => void decide("APPROVE", rows.filter((r) => selected.has(r.projectId)))}>
          通过所选（{selected.size}）
        </button>
        <button className="button" type="button" onClick={() => setSelected(selected.size === rows.length ? new Set() : new Set(rows.map((r) => r.projectId)))}>
          {selected.size === rows.length ? "取消全选" : "全选"}
        </button>
      </div>
      {messageLine}
      <table className="plain" data-testid="review-table">
        <thead>
          <tr>
            <th></th>
            <th className="num">序号</th>
            <th>项目</th>
            <th>实施单位</th>
            <th className="num">当月完成（万元）</th>
            <th className="num">本年累计（万元）</th>
            <th className="num">年度计划（万元）</th>
            <th>状态</th>
            <th>形象进度</th>
            <th>审核</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const ytd = addWan(r.yearToDateBeforeWan, r.latest!.monthWan);
            return (
              <tr key={r.projectId} data-testid={`review-row-${r.seq}`}>
                <td>
                  <input type="checkbox" aria-label={`选择第 ${r.seq} 项`} checked={selected.has(r.projectId)} onChange={() => toggle(r.projectId)} />
                </td>
                <td className="num">{r.seq}</td>
                <td className="name">
                  <Link prefetch={false} href={`/projects/${r.projectId}`}>{r.name}</Link>
                  {r.latest!.revision > 1 && <span className="badge warn">第 {r.latest!.revision} 次报送</span>}
                  {r.previousReported && (
                    <div className="muted">原{r.previousReported.status === "APPROVED" ? "已审核" : "已提交"}数：{formatWanText(r.previousReported.monthWan)} 万元</div>
                  )}
                </td>
                <td className="name">{r.units}</td>
                <td className="num">{formatWanText(r.latest!.monthWan)}</td>
                <td className="num">{formatWanText(ytd)}</td>
                <td className="num">
                  {formatWanText(r.figures?.annualPlanWan ?? null)}
                  {r.figures?.annualPlanWan && <div className="muted">{formatRate(r.figures.annualRate)}</div>}
                </td>
                <td>{CONSTRUCTION_LABELS[r.latest!.construction as ConstructionStatus]}</td>
                <td style={{ maxWidth: "18rem" }}>{r.latest!.physicalProgress}</td>
                <td style={{ minWidth: "16rem" }}>
                  <div style={{ display: "flex", gap: "0.4rem" }}>
                    <button className="button" disabled={busy} onClick={() => void decide("APPROVE", [r])}>
                      通过
                    </button>
                    <input
                      aria-label={`第 ${r.seq} 项退回意见`}
                      placeholder="退回意见"
                      value={comments[r.projectId] ?? ""}
                      onChange={(e) => setComments({ ...comments, [r.projectId]: e.target.value })}
                    />
                    <button
                      className="button danger"
                      disabled={busy}
                      onClick={() => {
                        const comment = (comments[r.projectId] ?? "").trim();
                        if (!comment) return setMessage({ ok: false, text: `退回第 ${r.seq} 项时请填写退回意见` });
                        void decide("RETURN", [r], comment);
                      }}
                    >
                      退回
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/**
 * 关账本月 / 重新开放本月. Closing asks for confirmation naming what is still
 * unreported; reopening needs a reason. Both send the month's version as the
 * page showed it, so that two people acting at once cannot both succeed.
 */
export function MonthClosingControl({
  planCode,
  year,
  month,
  closing,
  unreported,
  awaiting,
}: {
  planCode: string;
  year: number;
  month: number;
  closing: { state: "NEVER_CLOSED" | "OPEN" | "CLOSED"; version: number | null };
  unreported: { seq: number; name: string; units: string }[];
  awaiting: number;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const closed = closing.state === "CLOSED";
  const label = `${year}年${month}月`;

  async function send(body: Record<string, unknown>, done: string) {
    setBusy(true);
    try {
      await api(`/api/plans/${planCode}/progress/lock`, { method: "PUT", body: { year, month, version: closing.version, ...body } });
      setMessage({ ok: true, text: done });
      setReason("");
      router.refresh();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : "操作失败" });
    } finally {
      setBusy(false);
    }
  }

  function close() {
    if (awaiting > 0) {
      setMessage({ ok: false, text: `${label}还有 ${awaiting} 份填报等待审核，请先审核再关账` });
      return;
    }
    const listed = unreported.slice(0, 15).map((p) => `  第 ${p.seq} 项《${p.name}》（${p.units || "未填实施单位"}）`);
    const more = unreported.length > 15 ? [`  …等共 ${unreported.length} 个项目`] : [];
    const what = unreported.length ? [`以下 ${unreported.length} 个项目本月仍未报送，关账后按未报送计：`, ...listed, ...more, ""] : ["本月应报项目均已报送。", ""];
    const ok = window.confirm([...what, `关账后，${label}的填报、审核和${year}年已关账月份的年度计划都不能再修改。确认关账吗？`].join("\n"));
    if (!ok) {
      setMessage({ ok: false, text: "已取消，未关账" });
      return;
    }
    void send({ action: "close" }, `已关账${label}`);
  }

  function reopen() {
    if (!reason.trim()) {
      setMessage({ ok: false, text: "请填写重新开放的原因" });
      return;
    }
    void send({ action: "reopen", reason }, `已重新开放${label}`);
  }

  return (
    <span className="toolbar" data-testid="month-closing" style={{ margin: 0 }}>
      {closed ? (
        <>
          <label>
            重新开放原因
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="必填，记入本月关账记录" />
          </label>
          <button className="button" disabled={busy} onClick={reopen}>
            重新开放本月
          </button>
        </>
      ) : (
        <button className="button danger" disabled={busy} onClick={close}>
          关账本月
        </button>
      )}
      {message && (
        <span className={message.ok ? "save-ok" : "error-text"} role={message.ok ? "status" : "alert"} data-testid="month-closing-message">
          {message.text}
        </span>
      )}
    </span>
  );
}

/** 截止日 and 红黄灯 thresholds, validated in the browser with the server's own schema. */
export function ProgressSettingsForm({ planCode, initial }: { planCode: string; initial: ProgressSettingsInput }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const { register, handleSubmit, formState } = useForm<ProgressSettingsInput>({
    resolver: zodResolver(progressSettingsSchema),
    defaultValues: initial,
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      await api(`/api/plans/${planCode}/progress/settings`, { method: "PUT", body: values });
      setStatus({ ok: true, text: "已保存" });
      router.refresh();
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError ? e.message : "保存失败" });
    }
  });
  const error = (k: keyof ProgressSettingsInput) => formState.errors[k]?.message;
  return (
    <form className="toolbar" onSubmit={onSubmit} data-testid="progress-settings">
      <label>
        填报截止日（次月几日）
        <input type="number" {...register("reportDeadlineDay", { valueAsNumber: true })} />
        {error("reportDeadlineDay") && <span className="error-text">{error("reportDeadlineDay")}</span>}
      </label>
      <label>
        黄灯：落后序时进度（百分点）≥
        <input type="number" {...register("yellowLagPoints", { valueAsNumber: true })} />
        {error("yellowLagPoints") && <span className="error-text">{error("yellowLagPoints")}</span>}
      </label>
      <label>
        红灯：落后序时进度（百分点）&gt;
        <input type="number" {...register("redLagPoints", { valueAsNumber: true })} />
        {error("redLagPoints") && <span className="error-text">{error("redLagPoints")}</span>}
      </label>
      <button className="button" type="submit" disabled={formState.isSubmitting}>
        保存设置
      </button>
      <span className="muted">灯色阈值的修改只影响未关账的月份，已关账的月份保持关账时的灯色。</span>
      {status && <span className={status.ok ? "save-ok" : "error-text"}>{status.text}</span>}
    </form>
  );
}
