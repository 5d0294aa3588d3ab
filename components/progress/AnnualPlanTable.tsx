"use client";

// 年度计划投资 for a year: the DRC types the plan, a unit its proposals for its
// own projects; only the changed figures are sent, checked by the server's schema.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/components/api-client";
import type { AnnualPlanRow } from "@/lib/progress/annual-plans";
import { formatWanText } from "@/lib/progress/progress-format";
import { annualPlanSchema } from "@/lib/progress/progress-input";

export function AnnualPlanTable({
  planCode,
  year,
  rows,
  mode,
  ownProjectIds,
}: {
  planCode: string;
  year: number;
  rows: AnnualPlanRow[];
  mode: "set" | "propose" | "read";
  ownProjectIds: number[];
}) {
  const router = useRouter();
  const own = new Set(ownProjectIds);
  const [typed, setTyped] = useState<Record<number, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const column = mode === "set" ? "plannedWan" : "proposedWan";

  async function save() {
    const entries = Object.entries(typed).map(([id, text]) => ({ projectId: Number(id), wan: text.trim() === "" ? null : text }));
    if (entries.length === 0) return;
    const parsed = annualPlanSchema.safeParse({ year, entries });
    if (!parsed.success) return setMessage({ ok: false, text: parsed.error.issues.map((i) => i.message).join("；") });
    try {
      const result = await api<{ fromMonth?: number }>(`/api/plans/${planCode}/annual-plans`, { method: "PUT", body: { year, entries } });
      // After months of the year were closed, the plan counts from the first open month: say so.
      const from = mode === "set" && result.fromMonth && result.fromMonth > 1 ? `，自 ${result.fromMonth} 月起生效（已关账的 1–${result.fromMonth - 1} 月不变）` : "";
      setTyped({});
      setMessage({ ok: true, text: `已保存 ${entries.length} 个项目的${mode === "set" ? "年度计划" : "年度计划建议"}${from}` });
      router.refresh();
    } catch (error) {
      setMessage({ ok: false, text: error instanceof ApiError ? error.message : "保存失败" });
    }
  }

  // A project reported in a lower plan (same 项目代码) has its annual plan there: read-only here.
  const editable = (r: AnnualPlanRow) => !r.reportedIn && (mode === "set" || (mode === "propose" && own.has(r.projectId)));
  const shown = mode === "propose" ? rows.filter((r) => own.has(r.projectId)) : rows;
  return (
    <>
      {mode !== "read" && (
        <div className="action-bar">
          <button className="button primary" disabled={Object.keys(typed).length === 0} onClick={() => void save()}>
            保存{Object.keys(typed).length ? `（${Object.keys(typed).length}）` : ""}
          </button>
          <span className="muted">金额单位：万元；清空即取消。{mode === "propose" ? "本单位填写的是建议数，由发改委确定年度计划。" : ""}</span>
        </div>
      )}
      {message && (
        <p className={message.ok ? "save-ok" : "alert"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
      <table className="plain" data-testid="annual-plans">
        <thead>
          <tr>
            <th className="num">序号</th>
            <th>项目</th>
            <th>实施单位</th>
            <th className="num">“十四五”投资（万元）</th>
            <th className="num">单位建议（万元）</th>
            <th className="num">{year} 年计划（万元）</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.projectId}>
              <td className="num">{r.seq}</td>
              <td className="name">
                {r.name}
                {r.reportedIn && <span className="muted">（在《{r.reportedIn.planName}》中填报）</span>}
              </td>
              <td className="name">{r.units}</td>
              <td className="num">{r.fypState === "VALUE" ? formatWanText(r.fypWan) : r.fypState === "PENDING" ? "待定" : "——"}</td>
              {(["proposedWan", "plannedWan"] as const).map((key) => (
                <td className="num" key={key}>
                  {key === column && editable(r) ? (
                    <input
                      aria-label={`第 ${r.seq} 项${key === "plannedWan" ? "年度计划" : "建议"}`}
                      style={{ width: "8rem", textAlign: "right" }}
                      value={typed[r.projectId] ?? r[key] ?? ""}
                      onChange={(e) => setTyped({ ...typed, [r.projectId]: e.target.value })}
                    />
                  ) : (
                    formatWanText(r[key])
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
