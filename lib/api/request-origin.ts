// Cross-site request forgery stops here. A browser tells where a request
// comes from (Origin, Sec-Fetch-Site); a mutation is accepted only from the
// application's own origin — same scheme, host and port: another port of the
// same host is another site for this purpose. A request with neither header
// is not a browser's (curl, scripts): it may pass, but only with a JSON (or,
// for uploads, multipart) body, which a foreign page cannot make a browser
// send without CORS, and this application answers no CORS preflight.
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/audit/audit-events";
import { clientAddress, userAgent } from "@/lib/auth/client-address";

export type BodyKind = "json" | "multipart";

const CROSS_SITE = "拒绝跨站请求：请在本系统的页面上操作";

/** The origins this application is served under: the request's own host (as the proxy in front says), and NEXTAUTH_URL's. */
export function ownOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  const headers = request.headers;
  const host = firstValue(headers.get("x-forwarded-host")) ?? headers.get("host") ?? url.host;
  const proto = firstValue(headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  const origins = new Set([`${proto}://${host}`.toLowerCase(), url.origin.toLowerCase()]);
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      origins.add(new URL(configured).origin.toLowerCase());
    } catch {
      // A malformed setting adds nothing.
    }
  }
  return origins;
}

function firstValue(header: string | null): string | null {
  const first = header?.split(",")[0]?.trim();
  return first ? first : null;
}

/** Refuses (403) a browser request that does not come from the application's own pages. */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (origin !== null) {
    if (!ownOrigins(request).has(origin.toLowerCase())) throw new AppError("forbidden", CROSS_SITE);
  }
  // "none": typed into the address bar or a bookmark, never a page's doing.
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") throw new AppError("forbidden", CROSS_SITE);
}

/**
 * The body's declared type must be the one the mutation takes. A body-less
 * request (DELETE, a confirmation) may omit it: an HTML form always sends one.
 */
export function assertContentType(request: Request, kind: BodyKind, hasBody: boolean): void {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!type && !hasBody) return;
  const expected = kind === "json" ? "application/json" : "multipart/form-data";
  if (type !== expected) {
    throw new AppError("unsupported_media_type", kind === "json" ? "请求内容应为 JSON（Content-Type: application/json）" : "请以 multipart/form-data 上传文件");
  }
}

/** The client's address and browser, for the audit trail (the same reading as the login throttle's). */
export function requestMeta(request: Request): RequestMeta {
  return { clientAddress: clientAddress(request.headers), userAgent: userAgent(request.headers) };
}
