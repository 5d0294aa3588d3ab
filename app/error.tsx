"use client";

// Anything a page did not expect: a plain Chinese page with a way back and a
// retry, never a stack trace (the server logs the error with its digest).
import Link from "next/link";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="app-main error-page" data-testid="error-page">
      <title>出错了 · 重大项目管理</title>
      <h1>出错了</h1>
      <p>页面没有正常打开。请稍后重试；如果一直这样，请把下面的编号告诉管理员。</p>
      {error.digest && <p className="muted">错误编号：{error.digest}</p>}
      <p className="action-bar">
        <button className="button primary" onClick={() => reset()}>
          重试
        </button>
        <Link prefetch={false} className="button" href="/">
          返回首页
        </Link>
      </p>
    </main>
  );
}
