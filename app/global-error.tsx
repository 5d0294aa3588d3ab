"use client";

// When even the root layout failed: the same message, with its own html.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "sans-serif", padding: "2rem" }}>
        <title>出错了 · 重大项目管理</title>
        <h1>出错了</h1>
        <p>页面没有正常打开。请稍后重试；如果一直这样，请把下面的编号告诉管理员。</p>
        {error.digest && <p>错误编号：{error.digest}</p>}
        <p>
          <button onClick={() => reset()}>重试</button> <a href="/">返回首页</a>
        </p>
      </body>
    </html>
  );
}
