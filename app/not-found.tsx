import Link from "next/link";

export const metadata = { title: "页面不存在 · 重大项目管理" };

/** Every unknown address and every record that does not exist (or was deleted). */
export default function NotFound() {
  return (
    <main className="app-main error-page" data-testid="not-found">
      <h1>页面不存在</h1>
      <p>您要找的页面或记录不存在，可能已被删除，或链接有误。</p>
      <p className="action-bar">
        <Link prefetch={false} className="button primary" href="/">
          返回首页
        </Link>
        <Link prefetch={false} className="button" href="/progress">
          进度填报
        </Link>
      </p>
    </main>
  );
}
