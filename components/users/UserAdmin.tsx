"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import type { UserView } from "@/lib/users/list-users";
import { formatDateTime } from "@/lib/time/time-zone";

type RegionOption = { code: string; name: string };
/** DRC and read-only accounts may belong to a region (the server checks it again: lib/users/user-schema.ts). */
const regional = (role: Role) => role === "REVIEWER" || role === "VIEWER";

function RegionSelect({ label, value, regions, onChange }: { label: string; value: string; regions: RegionOption[]; onChange: (code: string) => void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">全部地区</option>
      {regions.map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}（{r.code}）
        </option>
      ))}
    </select>
  );
}

/** The accounts: create, disable/enable, reset a password, change role, unit and region. The server checks everything again. */
export function UserAdmin({ users, units, regions, selfLogin }: { users: UserView[]; units: string[]; regions: RegionOption[]; selfLogin: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [draft, setDraft] = useState({ login: "", name: "", role: "VIEWER" as Role, unitName: "", regionCode: "", password: "" });

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      setMessage({ ok: true, text: done });
      router.refresh();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : "操作失败" });
    }
  }

  const userPath = (login: string, what: string) => `/api/users/${encodeURIComponent(login)}/${what}`;

  return (
    <>
      {message && (
        <div className={message.ok ? "notice" : "alert"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </div>
      )}
      <datalist id="unit-names">
        {units.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      <section className="card" aria-label="新建账号">
        <h2>新建账号</h2>
        <div className="toolbar">
          <label>
            登录名
            <input value={draft.login} onChange={(e) => setDraft({ ...draft, login: e.target.value })} />
          </label>
          <label>
            姓名
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <label>
            角色
            <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          {draft.role === "EDITOR" && (
            <label>
              所属单位
              <input list="unit-names" value={draft.unitName} onChange={(e) => setDraft({ ...draft, unitName: e.target.value })} />
            </label>
          )}
          {regional(draft.role) && (
            <label>
              所属地区
              <RegionSelect label="所属地区" value={draft.regionCode} regions={regions} onChange={(regionCode) => setDraft({ ...draft, regionCode })} />
            </label>
          )}
          <label>
            初始密码
            <input type="password" autoComplete="new-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} />
          </label>
          <button
            className="button primary"
            type="button"
            onClick={() =>
              run(
                () => api("/api/users", { method: "POST", body: { ...draft, unitName: draft.role === "EDITOR" ? draft.unitName : undefined, regionCode: regional(draft.role) && draft.regionCode ? draft.regionCode : undefined } }),
                `已创建账号“${draft.login}”，首次登录须修改密码`,
              )
            }
          >
            创建
          </button>
        </div>
      </section>
      <table className="plain" data-testid="users">
        <thead>
          <tr>
            <th>登录名</th>
            <th>姓名</th>
            <th>角色</th>
            <th>单位 / 地区</th>
            <th>状态</th>
            <th>最近登录</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow key={u.id} user={u} self={u.login === selfLogin} regions={regions} run={run} path={userPath} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function UserRow({
  user,
  self,
  regions,
  run,
  path,
}: {
  user: UserView;
  self: boolean;
  regions: RegionOption[];
  run: (action: () => Promise<unknown>, done: string) => Promise<void>;
  path: (login: string, what: string) => string;
}) {
  const [role, setRole] = useState<Role>(user.role as Role);
  const [unitName, setUnitName] = useState(user.unitName ?? "");
  const [regionCode, setRegionCode] = useState(user.regionCode ?? "");
  const [password, setPassword] = useState("");
  return (
    <tr data-login={user.login}>
      <td>{user.login}</td>
      <td>{user.name}</td>
      <td>
        <select aria-label={`${user.login} 的角色`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td>
        {role === "EDITOR" ? (
          <input aria-label={`${user.login} 的单位`} list="unit-names" value={unitName} onChange={(e) => setUnitName(e.target.value)} />
        ) : regional(role) ? (
          <RegionSelect label={`${user.login} 的地区`} value={regionCode} regions={regions} onChange={setRegionCode} />
        ) : (
          "—"
        )}
        <button
          className="button"
          type="button"
          onClick={() => run(() => api(path(user.login, "role"), { method: "POST", body: { role, unitName: role === "EDITOR" ? unitName : undefined, regionCode: regional(role) && regionCode ? regionCode : undefined } }), `已修改“${user.login}”的角色`)}
        >
          保存角色
        </button>
      </td>
      <td>
        {user.active ? "启用" : "已停用"}
        {user.mustChangePassword ? "（待改密码）" : ""}
      </td>
      <td>{user.lastSignIn ? formatDateTime(user.lastSignIn) : "—"}</td>
      <td>
        {!self && (
          <button
            className="button"
            type="button"
            onClick={() => run(() => api(path(user.login, "active"), { method: "POST", body: { active: !user.active } }), `已${user.active ? "停用" : "启用"}“${user.login}”`)}
          >
            {user.active ? "停用" : "启用"}
          </button>
        )}
        <input
          aria-label={`${user.login} 的新密码`}
          type="password"
          autoComplete="new-password"
          placeholder="新密码"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button className="button" type="button" onClick={() => run(() => api(path(user.login, "password"), { method: "POST", body: { password } }), `已重置“${user.login}”的密码`)}>
          重置密码
        </button>
      </td>
    </tr>
  );
}
