"use client";

// 填报模板 on the report page: download the month's workbook, upload it
// filled in → the preview of every row (what changes, errors per cell,
// warnings) → saved as drafts, all rows or none.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ApiError } from "@/components/api-client";
import type { TemplatePreview } from "@/lib/progress/report-template";

type Props = { planCode: string; monthKey: string; monthName: string; unitId: number | null; unitName: string };

async function post<T>(url: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body: form });
  } catch {
    throw new ApiError(0, "network", "无法连接服务器，请检查网络后重试");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? "internal", body?.error?.message ?? `请求失败（${response.status}）`, body?.error?.details);
  return body as T;
}

const ACTION_LABELS: Record<TemplatePreview["rows"][number]["action"], string> = { save: "将保存", same: "无变化", empty: "未填写", error: "有错误" };

export function ReportTemplatePanel({ planCode, monthKey, monthName, unitId, unitName }: Props) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const url = `/api/plans/${encodeURIComponent(planCode)}/progress/template`;
  const download = `${url}?month=${monthKey}${unitId ? `&unit=${unitId}` : ""}`;

  function formOf(chosen: File, mode: "preview" | "save") {
    const form = new FormData();
    form.set("file", chosen);
    form.set("month", monthKey);
    if (unitId) form.set("unit", String(unitId));
    form.set("mode", mode);
    if (mode === "save" && preview) form.set("basis", JSON.stringify(preview.basis));
    return form;
  }

  async function upload(chosen: File) {
    setBusy(true);
    setMessage(null);
    setPreview(null);
    setFile(chosen);
    try {
      const { preview } = await post<{ preview: TemplatePreview }>(`${url}/preview`, formOf(chosen, "preview"));
      setPreview(preview);
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : "上传失败" });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  async function save() {
    if (!file || !preview) return;
    setBusy(true);
    try {
      const result = await post<{ saved: { saved: number } }>(url, formOf(file, "save"));
      setPreview(null);
      setFile(null);
      setMessage({ ok: true, text: `已按填报表保存 ${result.saved.saved} 个项目的${monthName}草稿；请核对后提交` });
      router.refresh();
    } catch (e) {
      setMessage({ ok: false, text: `未保存：${e instanceof ApiError ? e.message : "保存失败"}` });
    } finally {
      setBusy(false);
    }
  }

  const c = preview?.counts;
  return (
    <section className="card template-panel" data-testid="report-template">
      <div className="action-bar" style={{ marginBottom: 0 }}>
        <strong>用 Excel 填报</strong>
        <a className="button" href={download} download>
          下载填报模板（{unitName}）
        </a>
        <label className="button">
          上传填报表
          <input
            ref={input}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label="上传填报表"
            className="visually-hidden"
            disabled={busy}
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              if (chosen) void upload(chosen);
            }}
          />
        </label>
        <span className="muted">模板含本单位项目、截至上月累计和年度计划；填好黄色单元格后上传，预览无误再保存为草稿。</span>
      </div>
      {message && (
        <p className={message.ok ? "save-ok" : "alert"} role={message.ok ? "status" : "alert"} data-testid="template-message">
          {message.text}
        </p>
      )}
      {preview && c && (
        <div data-testid="template-preview">
          <p>
            《{file?.name}》· {preview.unitName} · {preview.month.year}年{preview.month.month}月：{c.rows} 行，将保存 {c.save}，无变化 {c.same}，未填写 {c.empty}
            {c.errors > 0 && <strong className="error-text">，{c.errors} 行有错误</strong>}
            {c.warnings > 0 && <span className="warn-text">，{c.warnings} 条提示</span>}
          </p>
          <div className="table-scroll">
            <table className="plain compact">
              <thead>
                <tr>
                  <th className="num">行</th>
                  <th className="num">序号</th>
                  <th>项目</th>
                  <th>结果</th>
                  <th>变化（原 → 新）</th>
                  <th>错误与提示</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.row} data-testid={`template-row-${r.seq}`} className={r.action === "error" ? "mismatch" : undefined}>
                    <td className="num">{r.row}</td>
                    <td className="num">{r.seq || ""}</td>
                    <td className="name">{r.name}</td>
                    <td>
                      <span className={`badge template-${r.action}`}>{ACTION_LABELS[r.action]}</span>
                    </td>
                    <td className="wide">
                      {r.changes.map((ch) => (
                        <div key={ch.column}>
                          {ch.column}：<span className="muted">{ch.from || "（空）"}</span> → {ch.to || "（空）"}
                        </div>
                      ))}
                    </td>
                    <td className="wide">
                      {r.errors.map((e, i) => (
                        <div key={`e${i}`} className="error-text">
                          {e.column}：{e.message}
                        </div>
                      ))}
                      {r.warnings.map((w, i) => (
                        <div key={`w${i}`} className="warn-text">
                          {w}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="action-bar" style={{ marginTop: "0.6rem" }}>
            <button className="button primary" disabled={busy || c.errors > 0 || c.save === 0} onClick={() => void save()}>
              保存为草稿（{c.save}）
            </button>
            <button className="button" disabled={busy} onClick={() => setPreview(null)}>
              取消
            </button>
            {c.errors > 0 && <span className="error-text">请在 Excel 中改正有错误的行后重新上传；有错误时不保存任何一行。</span>}
          </div>
        </div>
      )}
    </section>
  );
}
