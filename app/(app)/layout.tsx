import Link from "next/link";
import { requireSignedIn } from "@/lib/pages/require-page";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { can } from "@/lib/auth/actor";
import { SignOutButton } from "@/components/auth/SignOutButton";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireSignedIn();
  return (
    <>
      <header className="app-header">
        <Link href="/" className="brand">
          重大项目管理
        </Link>
        <nav>
          <Link href="/">规划</Link>
          <Link href="/progress">进度填报</Link>
          <Link href="/change-requests">变更申请</Link>
          <Link href="/units">单位名录</Link>
          {can(actor, "users.manage") && <Link href="/admin/users">用户管理</Link>}
          {can(actor, "audit.read") && <Link href="/admin/audit">审计日志</Link>}
        </nav>
        <div className="who" data-testid="current-user">
          <span>
            {actor.name}（{ROLE_LABELS[actor.role]}
            {actor.unitName ? ` · ${actor.unitName}` : ""}）
          </span>
          <Link href="/account/password" className="button link-light">
            修改密码
          </Link>
          <SignOutButton />
        </div>
      </header>
      <main className="app-main">{children}</main>
    </>
  );
}
