import Link from "next/link";
import { requireSignedIn } from "@/lib/pages/require-page";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { can } from "@/lib/auth/actor";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { HeaderMenu } from "@/components/layout/HeaderMenu";

// No link of the application is prefetched (prefetch={false} throughout): every
// page is dynamic and reads the database, so a prefetch is a server render —
// a page view would otherwise have the server render the dozens of pages its
// menus, toolbars and tables link to, most never opened, while its own
// figures are still streaming (README → Figures measured).
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireSignedIn();
  return (
    <>
      <header className="app-header">
        <Link prefetch={false} href="/" className="brand">
          重大项目管理
        </Link>
        <HeaderMenu>
          <nav>
            <Link prefetch={false} href="/">首页</Link>
            <Link prefetch={false} href="/progress">进度填报</Link>
            <Link prefetch={false} href="/change-requests">变更申请</Link>
            <Link prefetch={false} href="/units">单位名录</Link>
            {can(actor, "users.manage") && <Link prefetch={false} href="/admin/users">用户管理</Link>}
            {can(actor, "audit.read") && <Link prefetch={false} href="/admin/audit">审计日志</Link>}
          </nav>
          <div className="who" data-testid="current-user">
            <span>
              {actor.name}（{ROLE_LABELS[actor.role]}
              {actor.unitName ? ` · ${actor.unitName}` : ""}）
            </span>
            <Link prefetch={false} href="/account/password" className="button link-light">
              修改密码
            </Link>
            <SignOutButton />
          </div>
        </HeaderMenu>
      </header>
      <main className="app-main">{children}</main>
    </>
  );
}
