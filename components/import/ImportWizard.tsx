"use client";

import { useState } from "react";
import type { ImportPreview } from "@/lib/import/import-annex";
import type { ImportOptions } from "@/lib/import/import-options";
import { api, ApiError } from "@/components/api-client";

const STATUS = { add: "新增", change: "修改", same: "不变" } as const;

type PlanFields = { code: string; name: string; startYear: string; endYear: string; regionCode: string };

/**
 * Upload → preview (nothing written) → answer what the file leaves open (which
 * of two columns, hidden rows and columns, a new plan's name, code and years)
 * and preview again → confirm (all or nothing, with exactly the choices shown).
 */
export function ImportWizard({ defaultPlanCode }: { defaultPlanCode: string }) {
  const [planCode, setPlanCode] = useState(defaultPlanCode);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [includeHidden, setIncludeHidden] = useState(false);
  const [columns, setColumns] = useState<Record<string, string>>({});
  const [plan, setPlan] = useState<PlanFields | null>(null);
  // A choice changed since the preview shown: preview again before confirming.
  const [dirty, setDirty] = useState(false);

  function show(next: ImportPreview) {
    setPreview(next);
    setDirty(false);
    setColumns(Object.fromEntries(next.ambiguities.filter((a) => a.chosen).map((a) => [a.key, a.chosen!])));
    const p = next.newPlan;
    setPlan(p ? { code: p.code, name: p.name ?? "", startYear: p.startYear?.toString() ?? "", endYear: p.endYear?.toString() ?? "", regionCode: p.regionCode } : null);
  }

  function options(): ImportOptions {
    const chosen = Object.fromEntries(Object.entries(columns).filter(([, v]) => v));
    const years = plan && /^\d{4}$/.test(plan.startYear) && /^\d{4}$/.test(plan.endYear) ? { startYear: Number(plan.startYear), endYear: Number(plan.endYear) } : {};
    return {
      ...(Object.keys(chosen).length ? { columns: chosen } : {}),
      ...(includeHidden ? { includeHidden: true } : {}),
      ...(plan
        ? {
            plan: {
              ...(plan.code.trim() ? { code: plan.code.trim() } : {}),
              ...(plan.name.trim() ? { name: plan.name.trim() } : {}),
              ...years,
              ...(plan.regionCode.trim() ? { regionCode: plan.regionCode.trim() } : {}),
            },
          }
        : {}),
    };
  }

  async function upload() {
    if (!file) return setError("请选择要导入的 Excel（.xlsx）或 CSV 文件");
    setBusy(true);
    setError(null);
    setDone(null);
    setPreview(null);
    try {
      const form = new FormData();
      form.set("file", file);
      form.set("options", JSON.stringify(includeHidden ? { includeHidden: true } : {}));
      const response = await fetch(`/api/plans/${encodeURIComponent(planCode.trim())}/imports`, { method: "POST", body: form });
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new ApiError(response.status, body?.error?.code, body?.error?.message ?? `上传失败（${response.status}）`);
      show(body.preview);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "上传失败");
    } finally {
      setBusy(false);
    }
  }

  async function repreview() {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      show((await api<{ preview: ImportPreview }>(`/api/imports/${preview.importId}/preview`, { method: "POST", body: options() })).preview);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "预览失败");
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (!preview) return;
    setBusy(true);
    try {
      const result = await api<{ planCode: string; counts: ImportPreview["counts"] }>(`/api/imports/${preview.importId}/apply`, { method: "POST", body: preview.options });
      setDone(`已导入：新增 ${result.counts.add}，修改 ${result.counts.change}，删除 ${result.counts.remove}。`);
      setPlanCode(result.planCode);
      setPreview(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "导入失败");
    } finally {
      setBusy(false);
    }
  }

  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setDirty(true);
  };
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
        <label>
          <input type="checkbox" checked={includeHidden} onChange={(e) => change(setIncludeHidden)(e.target.checked)} aria-label="包含隐藏的行和列" />
          包含隐藏的行和列
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
          {plan && (
            <fieldset className="card" data-testid="import-new-plan">
              <legend>新建规划（可修改）</legend>
              <label>
                规划名称
                <input value={plan.name} onChange={(e) => change(setPlan)({ ...plan, name: e.target.value })} aria-label="新规划名称" size={40} />
              </label>
              <label>
                规划代码
                <input value={plan.code} onChange={(e) => change(setPlan)({ ...plan, code: e.target.value })} aria-label="新规划代码" />
              </label>
              <label>
                起始年份
                <input value={plan.startYear} onChange={(e) => change(setPlan)({ ...plan, startYear: e.target.value })} aria-label="起始年份" size={6} inputMode="numeric" />
              </label>
              <label>
                结束年份
                <input value={plan.endYear} onChange={(e) => change(setPlan)({ ...plan, endYear: e.target.value })} aria-label="结束年份" size={6} inputMode="numeric" />
              </label>
              <label>
                所属地区（行政区划代码）
                <input value={plan.regionCode} onChange={(e) => change(setPlan)({ ...plan, regionCode: e.target.value })} aria-label="所属地区代码" size={8} inputMode="numeric" />
              </label>
              <span className="muted" data-testid="import-plan-region">
                {preview.newPlan?.regionName ?? "未知地区"}
                {preview.newPlan?.regionFrom === "title" ? "（按标题推断）" : preview.newPlan?.regionFrom === "default" ? "（标题未写地区，默认）" : ""}
              </span>
              {preview.newPlan?.yearsFrom === "periods" && <span className="muted">年度按各项目的期限推断</span>}
              {preview.newPlan?.yearsFrom === "title" && <span className="muted">年度按标题推断</span>}
            </fieldset>
          )}
          {preview.ambiguities.length > 0 && (
            <div className="card" data-testid="import-columns">
              {preview.ambiguities.map((a) => (
                <label key={a.key}>
                  {a.label}使用哪一列？
                  <select value={columns[a.key] ?? ""} onChange={(e) => change(setColumns)({ ...columns, [a.key]: e.target.value })} aria-label={`${a.label}列`}>
                    <option value="">（请选择）</option>
                    {a.candidates.map((c) => (
                      <option key={c.letter} value={c.letter}>
                        {c.letter} 列：{c.header}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          )}
          {(preview.hiddenRows.length > 0 || preview.hiddenColumns.length > 0 || preview.hiddenSheets.length > 0) && (
            <p className="notice" data-testid="import-hidden">
              {preview.hiddenRows.length > 0 && <>第 {preview.hiddenRows.join("、")} 行为隐藏行，未导入。</>}
              {preview.hiddenColumns.length > 0 && <>第 {preview.hiddenColumns.map((c) => `${c.letter}（${c.header}）`).join("、")} 列为隐藏列，未导入。</>}
              {preview.hiddenSheets.length > 0 && <>隐藏的工作表“{preview.hiddenSheets.join("”“")}”未读取。</>}
              勾选上方“包含隐藏的行和列”并重新预览即可导入它们。
            </p>
          )}
          {(dirty || preview.ambiguities.length > 0 || plan) && (
            <button className="button" type="button" onClick={repreview} disabled={busy}>
              按以上选择重新预览
            </button>
          )}
          {dirty ? (
            <p className="muted">选择已更改，请先重新预览再确认导入。</p>
          ) : errors.length > 0 ? (
            <p className="error-text">文件有错误，修正后重新上传（或按上方选择重新预览）才能导入。</p>
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
                      <td>{i.row || ""}</td>
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
