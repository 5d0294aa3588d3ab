// The one mutation path cannot be skipped: every exported handler of every
// app/api/**/route.ts is a mutationRoute (anything but GET) or a readRoute
// (GET), and every page asks requirePage. A new route or page that checks the
// session by hand, or not at all, fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Handlers that are deliberately not the application's own, with the reason. */
const EXEMPT: Record<string, string> = {
  // next-auth's own endpoints: sign-in and sign-out carry next-auth's CSRF token.
  "app/api/auth/[...nextauth]/route.ts": "next-auth",
  // Public on purpose: monitoring has no session.
  "app/api/health/route.ts": "health check",
};

function walk(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full, name);
    return entry.name === name ? [full] : [];
  });
}

/** Each exported HTTP method of a route module and the text of what it is bound to. */
function exportedHandlers(source: string): { method: string; binding: string }[] {
  const found: { method: string; binding: string }[] = [];
  for (const m of source.matchAll(/export\s+const\s+([A-Z]+)\s*=\s*([^\n]*)/g)) found.push({ method: m[1]!, binding: m[2]!.trim() });
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\s*\(/g)) found.push({ method: m[1]!, binding: "function" });
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const alias = part.trim().split(/\s+as\s+/).pop()!;
      if (HTTP_METHODS.includes(alias)) found.push({ method: alias, binding: `re-export ${part.trim()}` });
    }
  }
  return found.filter((h) => HTTP_METHODS.includes(h.method));
}

const routes = walk("app/api", "route.ts").map((file) => file.split(path.sep).join("/")).sort();

describe("every /api/ handler goes through the runner or the read wrapper", () => {
  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it.each(routes.filter((r) => !(r in EXEMPT)))("%s", (file) => {
    const handlers = exportedHandlers(readFileSync(file, "utf8"));
    expect(handlers.length, "exports no handler").toBeGreaterThan(0);
    for (const { method, binding } of handlers) {
      const expected = method === "GET" ? /^readRoute(<[^>]*>)?\(/ : /^mutationRoute\(/;
      expect(binding, `${method} of ${file} must be ${method === "GET" ? "readRoute(…)" : "mutationRoute(…)"}`).toMatch(expected);
    }
  });

  it("reads the exempt routes only for the methods they must have", () => {
    expect(exportedHandlers(readFileSync("app/api/health/route.ts", "utf8")).map((h) => h.method)).toEqual(["GET"]);
  });
});

describe("every page asks requirePage", () => {
  const PUBLIC_PAGES = new Set(["app/login/page.tsx"]);
  const pages = walk("app", "page.tsx").map((file) => file.split(path.sep).join("/")).sort();

  it("finds the pages", () => {
    expect(pages.length).toBeGreaterThan(15);
  });

  it.each(pages.filter((p) => !PUBLIC_PAGES.has(p)))("%s", (file) => {
    const source = readFileSync(file, "utf8");
    expect(source, "must call requirePage(permission) before anything else").toMatch(/await requirePage\(\s*(\[[^\]]+\]|"[a-z.-]+")\s*\)/);
    expect(source, "must not check the session by hand").not.toMatch(/currentActor\(|getServerSession\(/);
  });
});
