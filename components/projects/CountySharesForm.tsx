"use client";

// The DRC's split of a project by county: one row per county or zone, amounts
// in 万元; what the rows leave is shown as 未拆分 (and the rollup by county
// shows it apart). Rows suggested from the project's content (“鹿城区4201套…”)
// are filled in, to be checked and saved. The server refuses rows over the
// project's amounts, with the reason.
import { useRouter } from "next/navigation";
import { useState } from "react";
import Decimal from "decimal.js";
import { api, ApiError } from "@/components/api-client";
import { countySharesSchema } from "@/lib/projects/county-shares-input";

type Row = { regionCode: string; total: string; fyp: string };

export function CountySharesForm(props: {
  projectId: number;
  version: number;
  totalWan: string | null;
  fypWan: string | null;
  regions: { value: string; label: string }[];
  initial: Row[];
  suggested: boolean;
}) {
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(props.initial.length ? props.initial : [{ regionCode: "", total: "", fyp: "" }]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const sum = (pick: "total" | "fyp") => rows.reduce((s, r) => (/^\d+(\.\d+)?$/.test(r[pick].trim()) ? s.plus(r[pick].trim()) : s), new Decimal(0));
  const left = (amount: string | null, pick: "total" | "fyp") => (amount === null ? "—" : new Decimal(amount).minus(sum(pick)).toFixed());
  const update = (i: number, key: keyof Row, value: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <form
      data-testid="county-shares-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setSaved(false);
        const input = {
          projectId: props.projectId,
          version: props.version,
          shares: rows.filter((r) => r.regionCode || r.total || r.fyp).map((r) => ({ regionCode: r.regionCode, total: { text: r.total || "0", unit: "万元" as const }, fyp: { text: r.fyp || "0", unit: "万元" as const } })),
        };
        const parsed = countySharesSchema.safeParse(input);
        if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join("；"));
        try {
          await api(`/api/projects/${props.projectId}/county-shares`, { method: "PUT", body: { version: input.version, shares: input.shares } });
          setError(null);
          setSaved(true);
          router.refresh();
        } catch (e) {
          setError(e instanceof ApiError ? e.message : "保存失败");
        }
      }}
    >
      {props.suggested && <p className="muted">已按建设内容中各区县的数量预填（按比例拆分，舍去到 0.0001 万元），请核对后保存。</p>}
      <table className="plain">
        <thead>
          <tr>
            <th>区县</th>
            <th className="num">总投资（万元）</th>
            <th className="num">“十四五”投资（万元）</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <select value={r.regionCode} onChange={(e) => update(i, "regionCode", e.target.value)} aria-label={`第 ${i + 1} 行区县`}>
                  <option value="">（请选择）</option>
                  {props.regions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input value={r.total} onChange={(e) => update(i, "total", e.target.value)} aria-label={`第 ${i + 1} 行总投资`} inputMode="decimal" />
              </td>
              <td>
                <input value={r.fyp} onChange={(e) => update(i, "fyp", e.target.value)} aria-label={`第 ${i + 1} 行“十四五”投资`} inputMode="decimal" />
              </td>
              <td>
                <button className="button" type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  删除
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td>未拆分</td>
            <td className="num" data-testid="unsplit-total">{left(props.totalWan, "total")}</td>
            <td className="num">{left(props.fypWan, "fyp")}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <div className="action-bar">
        <button className="button" type="button" onClick={() => setRows([...rows, { regionCode: "", total: "", fyp: "" }])}>
          添加一行
        </button>
        <button className="button primary" type="submit">
          保存拆分
        </button>
        {saved && <span className="muted">已保存。</span>}
        {error && <span className="error-text">{error}</span>}
      </div>
    </form>
  );
}
