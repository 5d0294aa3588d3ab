import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/session";
import { LoginForm } from "@/components/auth/LoginForm";
import { safeCallbackPath } from "@/lib/auth/callback-url";

export const metadata = { title: "登录 · 重大项目管理" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(typeof callbackUrl === "string" ? callbackUrl : undefined);
  // During a database outage the form is still shown; signing in then says why it fails.
  const actor = await currentActor().catch(() => null);
  if (actor) redirect(target);
  return (
    <main className="login-page">
      <div className="card login-card">
        <h1>重大项目管理系统</h1>
        <p className="muted" style={{ textAlign: "center", marginTop: 0 }}>“十四五”规划重大项目表</p>
        <LoginForm callbackUrl={target} />
      </div>
    </main>
  );
}
