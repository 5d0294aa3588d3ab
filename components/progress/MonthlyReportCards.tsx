"use client";

// The monthly report on a phone: one card per project with its inputs
// (a grid of fourteen columns cannot be read 390 px wide). Each card is
// checked with the same schema as the server and saved as a draft on its
// own; the drafts are submitted together.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/components/api-client";
import type { MonthlySheet, SheetRow } from "@/lib/progress/monthly-sheet";
import { addWan, formatRate, formatWanText } from "@/lib/progress/progress-format";
import { CONSTRUCTION_LABELS, CONSTRUCTION_STATUSES, REPORT_STATUS_LABELS, reportRowSchema, type ConstructionStatus, type ReportRowInput } from "@/lib/progress/progress-input";

type Draft = { monthWan: string; physicalProgress: string; construction: ConstructionStatus; actualStart: string; actualCompletion: string };

function initial(row: SheetRow): Draft {
  const base = row.latest ?? row.carry;
  return {
    monthWan: row.latest?.monthWan ?? "",
    physicalProgress: base?.physicalProgress ?? "",
    construction: (base?.construction ?? "PREPARATION") as ConstructionStatus,
    actualStart: base?.actualStart ?? "",
    actualCompletion: base?.actualCompletion ?? "",
  };
}

export function MonthlyReportCards({ sheet }: { sheet: MonthlySheet }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const monthName = `${sheet.month.year}年${sheet.month.month}月`;
  const drafts = sheet.rows.filter((r) => r.canReport && r.state === "DRAFT");

  async function submitAll() {
    if (drafts.length === 0) return setMessage({ ok: false, text: "没有待提交的草稿：请先填写并保存" });
    setBusy(true);
    try {
      const result = await api<{ submitted: number }>(`/api/plans/${sheet.plan.code}/progress/submissions`, {
        method: "POST",
        body: { year: sheet.month.year, month: sheet.month.month, projectIds: drafts.map((r) => r.projectId) },
      });
      setMessage({ ok: true, text: `已提交 ${result.submitted} 个项目的${monthName}填报，等待发改委审核` });
      router.refresh();
    } catch (error) {
      setMessage({ ok: false, text: `未提交：${error instanceof ApiError ? error.message : "提交失败"}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="report-cards" data-testid="report-cards">
      {sheet.rows.some((r) => r.canReport) && (
        <div className="action-bar">
          <button className="button primary" disabled={busy} onClick={() => void submitAll()}>
            提交全部草稿（{drafts.length}）
          </button>
        </div>
      )}
      {message && (
        <p className={message.ok ? "save-ok" : "alert"} role={message.ok ? "status" : "alert"} data-testid="cards-message">
          {message.text}
        </p>
      )}
      {sheet.rows.map((row) => (
        <ReportCard key={`${row.projectId}-${row.latest?.version ?? 0}`} sheet={sheet} row={row} />
      ))}
    </div>
  );
}

function ReportCard({ sheet, row }: { sheet: MonthlySheet; row: SheetRow }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => initial(row));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const writable = row.canReport && row.state !== "SUBMITTED";
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const id = (field: string) => `card-${row.projectId}-${field}`;

  async function save(confirmWarnings = false) {
    const input: ReportRowInput = {
      projectId: row.projectId,
      baseReportId: row.latest?.id ?? null,
      baseVersion: row.latest?.version ?? null,
      monthWan: draft.monthWan,
      physicalProgress: draft.physicalProgress,
      construction: draft.construction,
      actualStart: draft.actualStart || null,
      actualCompletion: draft.actualCompletion || null,
    };
    const parsed = reportRowSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "monthWan"), i.message])));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api(`/api/plans/${sheet.plan.code}/progress/reports`, { method: "POST", body: { year: sheet.month.year, month: sheet.month.month, rows: [input], confirmWarnings } });
      setNote({ ok: true, text: "已保存草稿" });
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError && error.code === "needs_confirmation" && window.confirm(`${error.details?.warnings?.join("\n") ?? error.message}\n\n确认保存吗？`)) {
        setBusy(false);
        return save(true);
      }
      setNote({ ok: false, text: `未保存：${error instanceof ApiError ? error.message : "保存失败"}` });
    } finally {
      setBusy(false);
    }
  }

  const ytd = draft.monthWan && /^\d+(\.\d+)?$/.test(draft.monthWan) ? addWan(row.yearToDateBeforeWan, draft.monthWan) : null;
  return (
    <article className="card report-card" data-testid={`report-card-${row.seq}`}>
      <header>
        <strong>
          {row.seq}. {row.name}
        </strong>
        <span className={`badge report-${row.state.toLowerCase()}`}>{REPORT_STATUS_LABELS[row.state]}</span>
      </header>
      <div className="muted report-card-figures">
        年度计划 {formatWanText(row.figures?.annualPlanWan ?? null)} 万元 · 截至上月 {formatWanText(row.yearToDateBeforeWan)} 万元 · 完成率 {formatRate(row.figures?.annualRate ?? null)}
      </div>
      {row.reportedIn && (
        <p className="muted" data-testid={`card-reported-in-${row.seq}`}>
          在<a href={`/plans/${row.reportedIn.planCode}/progress?month=${sheet.month.year}-${String(sheet.month.month).padStart(2, "0")}`}>《{row.reportedIn.planName}》</a>中填报（本规划引用其月报）
        </p>
      )}
      {row.state === "RETURNED" && row.latest?.reviewComment && <p className="alert">退回意见：{row.latest.reviewComment}</p>}
      <div className="field">
        <label htmlFor={id("monthWan")}>当月完成（万元）{ytd !== null && <span className="muted">，本年累计 {formatWanText(ytd)}</span>}</label>
        <input id={id("monthWan")} inputMode="decimal" value={draft.monthWan} disabled={!writable} onChange={(e) => set("monthWan", e.target.value)} />
        {errors.monthWan && <span className="field-error">{errors.monthWan}</span>}
      </div>
      <div className="field">
        <label htmlFor={id("physicalProgress")}>形象进度</label>
        <textarea id={id("physicalProgress")} rows={2} value={draft.physicalProgress} disabled={!writable} onChange={(e) => set("physicalProgress", e.target.value)} />
        {errors.physicalProgress && <span className="field-error">{errors.physicalProgress}</span>}
      </div>
      <div className="report-card-row">
        <div className="field">
          <label htmlFor={id("construction")}>项目状态</label>
          <select id={id("construction")} value={draft.construction} disabled={!writable} onChange={(e) => set("construction", e.target.value as ConstructionStatus)}>
            {CONSTRUCTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CONSTRUCTION_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("actualStart")}>实际开工</label>
          <input id={id("actualStart")} type="date" value={draft.actualStart} disabled={!writable} onChange={(e) => set("actualStart", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id("actualCompletion")}>实际竣工</label>
          <input id={id("actualCompletion")} type="date" value={draft.actualCompletion} disabled={!writable} onChange={(e) => set("actualCompletion", e.target.value)} />
          {errors.actualCompletion && <span className="field-error">{errors.actualCompletion}</span>}
        </div>
      </div>
      {writable && (
        <div className="action-bar" style={{ marginBottom: 0 }}>
          <button className="button" disabled={busy} onClick={() => void save()}>
            保存草稿
          </button>
          {note && <span className={note.ok ? "ok-text" : "error-text"}>{note.text}</span>}
        </div>
      )}
    </article>
  );
}
