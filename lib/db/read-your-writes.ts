// Read-your-writes with a read replica: every request that may change data
// (anything but GET and HEAD, as the proxy sees it, whatever the route or the
// outcome) leaves a short-lived cookie, and while it lasts that person's heavy
// reads go to the primary (lib/db/read-replica.ts). Kept apart from the
// database client so that the proxy can use it without loading Prisma.

export const WROTE_RECENTLY_COOKIE = "annex-wrote";

export function replicaUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.DATABASE_REPLICA_URL || null;
}

/** How long after a save a person keeps reading from the primary (DATABASE_REPLICA_STICKY_SECONDS, default 10). */
export function stickySeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.DATABASE_REPLICA_STICKY_SECONDS;
  return value && /^\d+$/.test(value) ? Number(value) : 10;
}

/** Whether a request may write, so that its sender is routed to the primary for a while. */
export function mayWrite(method: string): boolean {
  return method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
}
