// Where pages send people while the database cannot be reached: a plain page
// answered 503, so that monitoring and proxies see the outage for what it is.
// Public and static on purpose: it touches neither the session nor the database.
export const dynamic = "force-static";

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>数据库暂时不可用</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem;">
<h1>数据库暂时不可用，请稍后重试</h1>
<p>系统暂时无法连接数据库，您的操作没有执行。请稍后<a href="/">返回首页</a>重试；如长时间无法使用，请联系系统管理员。</p>
</body></html>`;

export function GET(): Response {
  return new Response(PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" } });
}
