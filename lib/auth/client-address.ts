// The client's address as the edge reports it. `next start` sets
// X-Forwarded-For to the socket's address only when the request has none, and
// a reverse proxy appends (or, configured as the README says, sets) it: the
// last entry is therefore the one added nearest to us. Used for throttling
// and the audit trail, never for authorisation.
type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

export function clientAddress(headers: HeaderSource): string {
  const raw = header(headers, "x-forwarded-for") ?? header(headers, "x-real-ip");
  const last = raw?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return last ? last.replace(/^::ffff:/, "").slice(0, 100) : "unknown";
}

export function userAgent(headers: HeaderSource): string | null {
  return header(headers, "user-agent")?.slice(0, 500) ?? null;
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : value;
}
