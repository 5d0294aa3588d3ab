"use client";

// Which projects fell under which county, and why (the location as written
// and the rule or alias that resolved it); the DRC corrects a county here.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { countyAttributionRow, type AnnexRow, type CountyAttributionRow as DrillDownRow } from "@/lib/projects/annex-row";

/** The counties with their project counts; a county's projects are read (the grid's data, filtered by county) when it is opened. */
type Props = { planCode: string; groups: { county: string; count: number }[]; regionOptions: { value: string; label: string }[]; canCorrect: boolean };

function Correction({ row, options }: { row: DrillDownRow; options: Props["regionOptions"] }) {
  const router = useRouter();
  const [value, setValue] = useState(row.regionCode ?? "");
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  async function save() {
    try {
      await api(`/api/projects/${row.id}?via=grid`, { method: "PATCH", body: { version: row.version, regionCode: value } });
      setState({ ok: true, text: "已改正" });
      router.refresh();
    } catch (e) {
      setState({ ok: false, text: e instanceof ApiError ? e.message : "保存失败" });
    }
  }
  return (
    <span style={{ display: "inline-flex", gap: "0.3rem", alignItems: "center" }}>
      <select aria-label={`第 ${row.seq} 项所属区县`} value={value} onChange={(e) => setValue(e.target.value)}>
        <option value="" disabled>
          选择区县…
        </option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <button className="button" disabled={!value || value === row.regionCode} onClick={() => void save()}>
        改正
      </button>
      {state && <span className={state.ok ? "save-ok" : "error-text"}>{state.text}</span>}
    </span>
  );
}

export function CountyDrillDown({ planCode, groups, regionOptions, canCorrect }: Props) {
  return (
    <div data-testid="county-drilldown">
      {groups.map((g) => (
        // A correction changes the counts: the groups it touched read their projects again.
        <CountyGroup key={`${g.county}:${g.count}`} planCode={planCode} group={g} regionOptions={regionOptions} canCorrect={canCorrect} />
      ))}
    </div>
  );
}

/**
 * One county, closed unless its projects need a look (未定, 无法识别). Its projects
 * are read when it is opened: a plan of thousands of projects sends none of them
 * with the page.
 */
function CountyGroup({ planCode, group: g, regionOptions, canCorrect }: { planCode: string; group: Props["groups"][number]; regionOptions: Props["regionOptions"]; canCorrect: boolean }) {
  const [open, setOpen] = useState(g.county === "无法识别" || g.county === "未定");
  const [rows, setRows] = useState<DrillDownRow[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!open || rows) return;
    let current = true;
    api<{ projects: AnnexRow[] }>(`/api/projects?plan=${encodeURIComponent(planCode)}&county=${encodeURIComponent(g.county)}`)
      .then((data) => current && setRows(data.projects.map(countyAttributionRow)))
      .catch((e: unknown) => current && setFailed(e instanceof ApiError ? e.message : "读取失败，请刷新页面重试"));
    return () => {
      current = false;
    };
  }, [open, rows, planCode, g.county]);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {g.county}（{g.count} 个项目）
      </summary>
      {open && !rows && <p className={failed ? "error-text" : "muted"}>{failed ?? "正在读取…"}</p>}
      {open && rows && (
        <table className="plain compact">
          <thead>
            <tr>
              <th className="num">序号</th>
              <th>项目</th>
              <th>建设地点（原文）</th>
              <th>归入依据</th>
              {canCorrect && <th>改正区县</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid={`county-row-${r.seq}`}>
                <td className="num">{r.seq}</td>
                <td className="name">
                  <Link prefetch={false} href={`/projects/${r.id}`}>{r.name}</Link>
                </td>
                <td className="name">{r.locationText || <span className="muted">（空）</span>}</td>
                <td className="name">{r.locationRule}</td>
                {canCorrect && (
                  <td>
                    <Correction row={r} options={regionOptions} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
