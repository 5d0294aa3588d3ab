"use client";

// A project's split by county: one row per county or zone, amounts in 万元 or a
// percentage of the project's amounts (rounded down to 0.0001 万元); what the
// rows leave is shown as 未拆分 (and the rollup by county shows it apart). The
// DRC saves it (mode "set"); a unit proposes it for its own project with a
// reason (mode "propose"), as a change request the DRC accepts or returns.
// Rows suggested from the project's content (“鹿城区4201套…”) are filled in, or
// put back with 按建设内容预填, to be checked. The server refuses rows over the
// project's amounts, with the reason.
import { useRouter } from "next/navigation";
import { useState } from "react";
import Decimal from "decimal.js";
import { api, ApiError } from "@/components/api-client";
import { countySharesProposalSchema, countySharesSchema } from "@/lib/projects/county-shares-input";

type Row = { regionCode: string; total: string; fyp: string; percent?: string };

const NUMBER = /^\d+(\.\d+)?$/;

export function CountySharesForm(props: {
  projectId: number;
  version: number;
  totalWan: string | null;
  fypWan: string | null;
  regions: { value: string; label: string }[];
  initial: Row[];
  suggested: boolean;
  /** The rows read from the content, offered again by a button (empty: none found). */
  suggestions?: Row[];
  mode?: "set" | "propose";
}) {
  const router = useRouter();
  const propose = props.mode === "propose";
  const [rows, setRows] = useState<Row[]>(props.initial.length ? props.initial : [{ regionCode: "", total: "", fyp: "" }]);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const sum = (pick: "total" | "fyp") => rows.reduce((s, r) => (NUMBER.test(r[pick].trim()) ? s.plus(r[pick].trim()) : s), new Decimal(0));
  const left = (amount: string | null, pick: "total" | "fyp") => (amount === null ? "—" : new Decimal(amount).minus(sum(pick)).toFixed());
  const update = (i: number, key: keyof Row, value: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [key]: value, ...(key === "percent" ? {} : { percent: "" }) } : r)));
  // A percentage fills both amounts: that part of the project's, rounded down so that 100% is never exceeded.
  const part = (amount: string | null, percent: string) => (amount === null ? "0" : new Decimal(amount).times(percent).dividedBy(100).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed());
  const setPercent = (i: number, value: string) =>
    setRows(rows.map((r, j) => (j !== i ? r : NUMBER.test(value.trim()) ? { ...r, percent: value, total: part(props.totalWan, value.trim()), fyp: part(props.fypWan, value.trim()) } : { ...r, percent: value })));
  return (
    <form
      data-testid={propose ? "county-shares-proposal-form" : "county-shares-form"}
      onSubmit={async (event) => {
        event.preventDefault();
        setSaved(false);
        const shares = rows
          .filter((r) => r.regionCode || r.total || r.fyp)
          .map((r) => ({ regionCode: r.regionCode, total: { text: r.total || "0", unit: "万元" as const }, fyp: { text: r.fyp || "0", unit: "万元" as const } }));
        const parsed = propose
          ? countySharesProposalSchema.safeParse({ projectId: props.projectId, shares, reason })
          : countySharesSchema.safeParse({ projectId: props.projectId, version: props.version, shares });
        if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join("；"));
        try {
          await api(`/api/projects/${props.projectId}/county-shares`, propose ? { method: "POST", body: { shares, reason } } : { method: "PUT", body: { version: props.version, shares } });
          setError(null);
          setSaved(true);
          router.refresh();
        } catch (e) {
          setError(e instanceof ApiError ? e.message : "保存失败");
        }
      }}
    >
      {props.suggested && <p className="muted">已按建设内容中各区县的数量预填（按比例拆分，舍去到 0.0001 万元），请核对后{propose ? "提交" : "保存"}。</p>}
      <p className="muted">按金额（万元）或按比例（占项目总投资和“十四五”投资的百分比）填写；各行之和不能超过项目金额，余下部分为“未拆分”。</p>
      <table className="plain">
        <thead>
          <tr>
            <th>区县</th>
            <th className="num">比例（%）</th>
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
                <input value={r.percent ?? ""} onChange={(e) => setPercent(i, e.target.value)} aria-label={`第 ${i + 1} 行比例`} inputMode="decimal" size={6} />
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
            <td />
            <td className="num" data-testid="unsplit-total">{left(props.totalWan, "total")}</td>
            <td className="num">{left(props.fypWan, "fyp")}</td>
            <td />
          </tr>
        </tbody>
      </table>
      {propose && (
        <label>
          拆分理由
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="如：按各区县承担的安置套数拆分" size={40} />
        </label>
      )}
      <div className="action-bar">
        <button className="button" type="button" onClick={() => setRows([...rows, { regionCode: "", total: "", fyp: "" }])}>
          添加一行
        </button>
        {props.suggestions && props.suggestions.length > 0 && (
          <button className="button" type="button" onClick={() => setRows(props.suggestions!)}>
            按建设内容预填
          </button>
        )}
        <button className="button primary" type="submit">
          {propose ? "提交拆分申请" : "保存拆分"}
        </button>
        {saved && <span className="muted">{propose ? "已提交，等待发改委审核。" : "已保存。"}</span>}
        {error && <span className="error-text">{error}</span>}
      </div>
    </form>
  );
}
