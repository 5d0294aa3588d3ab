"use client";

import { useState } from "react";
import type { ImportPreview } from "@/lib/import/import-annex";
import { api, ApiError } from "@/components/api-client";

const STATUS = { add: "新增", change: "修改", same: "不变" } as const;

/** Upload → preview (nothing written) → confirm (all or nothing). */
export function ImportWizard({ defaultPlanCode }: { defaultPlanCode: string }) {
  const [planCode, setPlanCode] = useState(defaultPlanCode);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload() {
    if (!file) return setError("请选择要导入的 Excel（.xlsx）或 CSV 文件");
    setBusy(true);
    setError(null);
    setDone(null);
    setPreview(null);
    try {
      const form = new FormData();
      form.set("file", file);
      const response = await fetch(`/api/plans/${encodeURIComponent(planCode.trim())}/imports`, { method: "POST", body: form });
      const body = await response.json();
      if (!response.ok) throw new ApiError(response.status, body.error?.code, body.error?.message ?? "上传失败");
      setPreview(body.preview);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "上传失败");
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (!preview) return;
    setBusy(true);
    try {
      const result = await api<{ planCode: string; counts: ImportPreview["counts"] }>(`/api/imports/${preview.importId}/apply`, { method: "POST" });
      setDone(`已导入：新增 ${result.counts.add}，修改 ${result.counts.change}，删除 ${result.counts.remove}。`);
      setPreview(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "导入失败");
    } finally {
      setBusy(false);
    }
  }

  const errors = preview?.issues.filter((i) => i.severity === "error") ?? [];
  return (
    <>
      <div className="card toolbar">
        <label>
          规划代码
          <input value={planCode} onChange={(e) => setPlanCode(e.target.value)} aria-label="规划代码" />
        </label>
        <label>
          文件（.xlsx 或 .csv）
          <input type="file" accept=".xlsx,.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-label="导入文件" />
        </label>
        <button className="button primary" type="button" onClick={upload} disabled={busy}>
          {busy ? "正在读取…" : "上传并预览"}
        </button>
      </div>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      {done && (
        <div className="notice" role="status">
          {done} <a href={`/plans/${encodeURIComponent(planCode.trim())}`}>查看重大项目表</a>
        </div>
      )}
      {preview && (
        <div data-testid="import-preview">
          <h2>
            预览：{preview.fileName} → {preview.planExists ? `规划 ${preview.planCode}` : `新规划 ${preview.planCode}（${preview.title ?? ""}）`}
          </h2>
          <p data-testid="import-counts">
            共 {preview.counts.rows} 个项目：新增 {preview.counts.add}，修改 {preview.counts.change}，不变 {preview.counts.same}，删除 {preview.counts.remove}；
            错误 {preview.counts.errors} 处，提示 {preview.counts.warnings} 处。金额单位：{preview.moneyUnit}。
          </p>
          {errors.length > 0 ? (
            <p className="error-text">文件有错误，修正后重新上传才能导入。</p>
          ) : (
            <button className="button primary" type="button" onClick={confirm} disabled={busy}>
              确认导入
            </button>
          )}
          {preview.issues.length > 0 && (
            <>
              <h2>错误与提示</h2>
              <table className="plain" data-testid="import-issues">
                <thead>
                  <tr>
                    <th>行</th>
                    <th>列</th>
                    <th>类别</th>
                    <th>说明</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.issues.map((i, n) => (
                    <tr key={n} className={i.severity === "error" ? "error-text" : ""}>
                      <td>{i.row}</td>
                      <td>{i.column ?? ""}</td>
                      <td>{i.severity === "error" ? "错误" : "提示"}</td>
                      <td>{i.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {preview.removed.length > 0 && (
            <>
              <h2>将删除（文件中没有，可恢复）</h2>
              <ul>
                {preview.removed.map((r) => (
                  <li key={r.id}>
                    {r.seq}. {r.name}（{r.domain}）
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2>各行将保存为</h2>
          <table className="plain" data-testid="import-rows">
            <thead>
              <tr>
                <th>行</th>
                <th>状态</th>
                <th>序号</th>
                <th>领域</th>
                <th>项目名称</th>
                <th>类型</th>
                <th>期限</th>
                <th>地点 → 区县</th>
                <th>总投资（亿元）</th>
                <th>“十四五”投资（亿元）</th>
                <th>实施单位</th>
                <th>变化</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{STATUS[r.status]}</td>
                  <td>{r.seq}</td>
                  <td>{r.domain}</td>
                  <td>{r.name}</td>
                  <td>{r.type}</td>
                  <td>{r.period}</td>
                  <td>
                    {r.location} <span className="muted">→ {r.county}</span>
                  </td>
                  <td>{r.total}</td>
                  <td>{r.fyp}</td>
                  <td>{r.units.join("、")}</td>
                  <td>
                    {r.changes.map((c) => (
                      <div key={c.field}>
                        {c.field}：<s>{c.old}</s> → {c.new}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
