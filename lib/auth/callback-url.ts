// Where the login page may send someone after signing in: a path of this
// application, never another host. Parsed with the URL parser the browser
// uses (so "/\evil.example", "/\t/evil.example", "%2F%2Fevil.example" and
// "javascript:" are seen as the browser would see them), then kept only when
// the result is on the application's own origin.
const BASE = "http://app.invalid";

export function safeCallbackPath(raw: string | undefined | null): string {
  if (!raw) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  // Re-parse what we would hand to the browser: it must resolve to the same place.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  return new URL(path, BASE).origin === BASE ? path : "/";
}
