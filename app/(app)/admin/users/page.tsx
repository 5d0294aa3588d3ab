import { UserAdmin } from "@/components/users/UserAdmin";
import { requirePage } from "@/lib/pages/require-page";
import { prisma } from "@/lib/db/client";
import { listUsers } from "@/lib/users/list-users";

export const metadata = { title: "用户管理 · 重大项目管理" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const actor = await requirePage("users.manage");
  const db = prisma();
  const [users, units, regions] = await Promise.all([
    listUsers(db),
    db.unit.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    // The levels a DRC account can belong to: the province, the cities, the counties (a functional zone has no DRC of its own).
    db.region.findMany({ where: { kind: { not: "FUNCTIONAL_ZONE" } }, select: { code: true, name: true }, orderBy: { code: "asc" } }),
  ]);
  return (
    <>
      <h1>用户管理</h1>
      <p className="muted">
        新建账号和重置密码时由管理员设定的密码，本人首次登录须修改。发改委（审核）和只读账号可属于某个地区（省、市或区县）：只能看到该地区及其下级的规划和位于该地区的项目；不选地区即为全部。停用账号、重置密码、修改角色、单位或地区会立即结束该账号的所有会话。每项操作都记入审计日志。
      </p>
      <UserAdmin users={users} units={units.map((u) => u.name)} regions={regions} selfLogin={actor.login} />
    </>
  );
}
