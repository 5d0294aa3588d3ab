import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/session";
import { LoginForm } from "@/components/auth/LoginForm";

export const metadata = { title: "登录 · 重大项目管理" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallback(callbackUrl);
  if (await currentActor()) redirect(target);
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

/** Only same-site paths: a login link must not send people elsewhere. */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}
