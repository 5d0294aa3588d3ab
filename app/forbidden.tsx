import Link from "next/link";

/** Shown (with status 403) when a signed-in person opens a page their role does not allow. */
export default function Forbidden() {
  return (
    <main className="app-main">
      <div className="card">
        <h1>没有权限</h1>
        <p>您的账号无权查看此页面。如需使用，请联系系统管理员。</p>
        <Link prefetch={false} href="/">返回首页</Link>
      </div>
    </main>
  );
}
