// Recognises "the database cannot be reached right now" among the errors of
// Prisma, its pg adapter and pg itself, so that the edge answers 503 ("try
// again later") instead of a 500 or, worse, a misleading domain message.
// Duck-typed on purpose: this module is imported by lib/errors.ts, which must
// not pull the Prisma client into every bundle.

// Prisma: can't reach / timed out / server closed the connection / pool exhausted.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// The pg adapter's classification of socket and server errors.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
// PostgreSQL SQLSTATEs: connection exceptions (08…), shutdown and startup (57P01–57P03), too many connections.
const SQLSTATES = /^(08...|57P0[123]|53300)$/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);

type Loose = { name?: unknown; code?: unknown; kind?: unknown; message?: unknown; meta?: unknown; cause?: unknown; errors?: unknown };

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const e = error as Loose;
  if (e.name === "PrismaClientInitializationError") return true;
  if (typeof e.code === "string") {
    if (PRISMA_CODES.has(e.code) || SOCKET_CODES.has(e.code) || SQLSTATES.test(e.code)) return true;
    // Waiting for a connection to start the transaction ran out of time: the pool is stuck.
    if (e.code === "P2028" && typeof e.message === "string" && e.message.includes("Unable to start a transaction")) return true;
  }
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (e.kind === "postgres" && typeof (e as { code?: unknown }).code === "string" && SQLSTATES.test((e as { code: string }).code)) return true;
  if (typeof e.message === "string" && /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(e.message)) return true;
  const meta = e.meta as { driverAdapterError?: unknown } | undefined;
  if (meta?.driverAdapterError && isDatabaseUnavailable(meta.driverAdapterError, depth + 1)) return true;
  if (e.cause && isDatabaseUnavailable(e.cause, depth + 1)) return true;
  if (Array.isArray(e.errors)) return e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
  return false;
}
