"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UnitView } from "@/lib/units/unit-registry";
import { UNIT_KIND_LABELS } from "@/lib/units/unit-input";
import { api, ApiError } from "@/components/api-client";

/** The units register: add, rename (the old name stays an alias), merge two names of one unit. */
export function UnitRegister({ units, canManage }: { units: UnitView[]; canManage: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [newName, setNewName] = useState("");
  const [filter, setFilter] = useState("");

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      setMessage({ ok: true, text: done });
      router.refresh();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : "操作失败" });
    }
  }

  const shown = units.filter((u) => !filter || u.name.includes(filter) || u.aliases.some((a) => a.includes(filter)));
  return (
    <>
      {message && (
        <div className={message.ok ? "notice" : "alert"} role="status">
          {message.text}
        </div>
      )}
      <div className="toolbar">
        <label>
          查找
          <input value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="查找单位" />
        </label>
        {canManage && (
          <>
            <label>
              新单位名称
              <input value={newName} onChange={(e) => setNewName(e.target.value)} aria-label="新单位名称" />
            </label>
            <button className="button primary" type="button" onClick={() => run(() => api("/api/units", { method: "POST", body: { name: newName } }), `已添加“${newName}”`)}>
              添加单位
            </button>
          </>
        )}
      </div>
      <table className="plain" data-testid="units">
        <thead>
          <tr>
            <th>单位</th>
            <th>别名</th>
            <th>类别</th>
            <th className="num">项目数</th>
            <th className="num">账号数</th>
            {canManage && <th>操作</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((u) => (
            <tr key={u.id} data-testid={`unit-${u.name}`}>
              <td className="name">{u.name}</td>
              <td className="name">{u.aliases.join("、") || <span className="muted">—</span>}</td>
              <td className="name">{UNIT_KIND_LABELS[u.kind as keyof typeof UNIT_KIND_LABELS] ?? u.kind}</td>
              <td className="num">{u.projectCount}</td>
              <td className="num">{u.userCount}</td>
              {canManage && (
                <td className="unit-actions">
                  <button
                    className="button"
                    type="button"
                    onClick={() => {
                      const name = window.prompt(`“${u.name}”改名为：`, u.name);
                      if (name && name !== u.name) run(() => api(`/api/units/${u.id}`, { method: "PATCH", body: { name } }), `已改名为“${name}”，原名保留为别名`);
                    }}
                  >
                    改名
                  </button>
                  <select
                    aria-label={`把“${u.name}”合并到`}
                    value=""
                    onChange={(e) => {
                      const into = units.find((x) => x.id === Number(e.target.value));
                      if (into && window.confirm(`把“${u.name}”合并到“${into.name}”？其 ${u.projectCount} 个项目将归入“${into.name}”，原名保留为别名。`)) {
                        run(() => api(`/api/units/${u.id}/merge`, { method: "POST", body: { intoUnitId: into.id } }), `已将“${u.name}”合并到“${into.name}”`);
                      }
                    }}
                  >
                    <option value="">合并到…</option>
                    {units
                      .filter((x) => x.id !== u.id)
                      .map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.name}
                        </option>
                      ))}
                  </select>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
