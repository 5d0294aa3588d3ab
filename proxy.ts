// First gate: no page or API route is served without a session. This only
// redirects; every page, route handler and server action checks the session
// and the permission itself again (a proxy can be bypassed, they cannot).
// It also sets the security headers of every response (lib/http/security-headers.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { FILE_TOO_LARGE_MESSAGE, MAX_UPLOAD_BODY_BYTES } from "@/lib/import/import-limits";
import { mayWrite, replicaUrl, stickySeconds, WROTE_RECENTLY_COOKIE } from "@/lib/db/read-your-writes";
import { contentSecurityPolicy, securityHeaders, servedOverHttps } from "@/lib/http/security-headers";

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health", "/unavailable"];

/** A URL no page or route can mean: a NUL byte or a broken %-escape anywhere in the path or query. */
function malformedUrl(pathname: string, search: string): boolean {
  try {
    return decodeURIComponent(pathname).includes("\u0000") || decodeURIComponent(search.replace(/\+/g, " ")).includes("\u0000");
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const response = await gate(request, csp, nonce);
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders(servedOverHttps(request.nextUrl, request.headers)))) response.headers.set(name, value);
  return response;
}

async function gate(request: NextRequest, csp: string, nonce: string): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  if (malformedUrl(pathname, search)) {
    return NextResponse.json({ error: { code: "invalid_input", message: "请求地址含有不允许的字符" } }, { status: 400 });
  }
  // Next reads the nonce from the request's CSP header and puts it on its scripts.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const next = () => NextResponse.next({ request: { headers } });

  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return next();
  // The upload limit (import-limits.ts), said before the body is read: the proxy would otherwise cut the body and the route see no file.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BODY_BYTES) {
    return NextResponse.json({ error: { code: "too_large", message: FILE_TOO_LARGE_MESSAGE } }, { status: 413 });
  }

  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (!token) {
    if (isApi) return NextResponse.json({ error: { code: "unauthenticated", message: "请先登录" } }, { status: 401 });
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const response = next();
  // With a read replica: whoever may just have saved reads from the primary for a few seconds.
  if (replicaUrl() && mayWrite(request.method)) {
    response.cookies.set(WROTE_RECENTLY_COOKIE, "1", { maxAge: stickySeconds(), httpOnly: true, sameSite: "lax", path: "/" });
  }
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js|woff2?)$).*)"],
};
