// First gate: no page or API route is served without a session. This only
// redirects; every page, route handler and server action checks the session
// and the permission itself again (a proxy can be bypassed, they cannot).
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { mayWrite, replicaUrl, stickySeconds, WROTE_RECENTLY_COOKIE } from "@/lib/db/read-your-writes";

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health", "/unavailable"];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();

  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) {
    const response = NextResponse.next();
    // With a read replica: whoever may just have saved reads from the primary for a few seconds.
    if (replicaUrl() && mayWrite(request.method)) {
      response.cookies.set(WROTE_RECENTLY_COOKIE, "1", { maxAge: stickySeconds(), httpOnly: true, sameSite: "lax", path: "/" });
    }
    return response;
  }

  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: "unauthenticated", message: "请先登录" } }, { status: 401 });
  }
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js|woff2?)$).*)"],
};
