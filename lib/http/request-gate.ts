import type { IncomingMessage, ServerResponse } from "node:http";

// How many requests a server process works on at once (scripts/serve.mjs). Under
// load, fifty requests in flight in one Node process all held their rows and
// their half-rendered pages at once: the heap grew to 700 MB, garbage collection
// took a sixth of the time, and every turn of the event loop carried the
// callbacks of all of them (stalls of 0.5–2 s). A few at a time finish sooner
// each and the rest wait in line, holding nothing but their socket. A queue,
// not a refusal: only a request that waited longer than the queue's timeout is
// answered 503 ("try again"). Per process and in memory only: another instance
// has its own gate, and nothing in it needs to be shared.

export type RequestGateOptions = {
  /** Requests worked on at once. */
  concurrency: number;
  /** How long a request may wait for its turn before it is answered 503 (ms). */
  queueTimeoutMs: number;
  /**
   * How long an admitted request holds its place at most (ms). A response that
   * a client reads slowly, or not at all, stays open until the socket times
   * out: without a bound, a few such clients would stop the line for everyone.
   */
  maxHoldMs?: number;
};

export type GateStats = { running: number; queued: number; admitted: number; timedOut: number; longestWaitMs: number };

/** The request waited longer than the queue's timeout. */
export class GateTimeoutError extends Error {
  constructor(waitedMs: number) {
    super(`等待处理超过 ${Math.round(waitedMs / 1000)} 秒`);
    this.name = "GateTimeoutError";
  }
}

type Waiter = { resolve: (release: () => void) => void; reject: (error: Error) => void; since: number; timer: NodeJS.Timeout | null };

/**
 * A counting semaphore with a first-come, first-served queue. `enter()` resolves
 * with a release function once the request may run; the release is idempotent
 * (a response's "close" and an error may both call it). `now` is a parameter so
 * that the waits it reports do not depend on the wall clock in tests.
 */
export class RequestGate {
  private running = 0;
  private readonly queue: Waiter[] = [];
  private admitted = 0;
  private timedOut = 0;
  private longestWaitMs = 0;

  constructor(
    private readonly options: RequestGateOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(options.concurrency >= 1)) throw new Error("concurrency must be at least 1");
  }

  enter(): Promise<() => void> {
    if (this.running < this.options.concurrency && this.queue.length === 0) return Promise.resolve(this.admit(this.now()));
    return new Promise<() => void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, since: this.now(), timer: null };
      waiter.timer = setTimeout(() => {
        const index = this.queue.indexOf(waiter);
        if (index < 0) return;
        this.queue.splice(index, 1);
        this.timedOut++;
        reject(new GateTimeoutError(this.now() - waiter.since));
      }, this.options.queueTimeoutMs);
      // A waiting request alone does not keep the process alive (shutdown closes its socket anyway).
      waiter.timer.unref?.();
      this.queue.push(waiter);
    });
  }

  /** How long an admitted request holds its place at most (ms). */
  get maxHoldMs(): number {
    return this.options.maxHoldMs ?? DEFAULT_GATE_OPTIONS.maxHoldMs;
  }

  stats(reset = false): GateStats {
    const stats = { running: this.running, queued: this.queue.length, admitted: this.admitted, timedOut: this.timedOut, longestWaitMs: Math.round(this.longestWaitMs) };
    if (reset) {
      this.admitted = 0;
      this.timedOut = 0;
      this.longestWaitMs = 0;
    }
    return stats;
  }

  private admit(since: number): () => void {
    this.running++;
    this.admitted++;
    this.longestWaitMs = Math.max(this.longestWaitMs, this.now() - since);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.next();
    };
  }

  private next() {
    while (this.running < this.options.concurrency && this.queue.length) {
      const waiter = this.queue.shift()!;
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.resolve(this.admit(waiter.since));
    }
  }
}

/**
 * Requests that pass the gate without waiting: those that send a body (saves,
 * uploads, sign-in — small work, each bounded by its transaction's wait, and a
 * body still arriving must not hold one of a few places: four slow uploads, or
 * four anonymous sign-ins sending a byte a second, would stop the line for
 * minutes); the build's static files (the browser fetches a page's dozens of
 * chunks at once; they cost nothing); and the health and metrics endpoints,
 * which must answer most of all when the server is busy. What waits are the
 * reads, the requests whose rows and renders filled the heap — exports too:
 * one holds a place while a worker builds its file (lib/export/export-pool.ts),
 * which keeps the exports' CPU in step with the rest. Let through, under the
 * benchmark's load they ran half again as often and the loop's p99 rose from
 * 82–91 to 100–114 ms.
 */
export function bypassesGate(url: string, method = "GET"): boolean {
  if (method !== "GET" && method !== "HEAD") return true;
  const path = url.split("?")[0] ?? "";
  return (
    path.startsWith("/_next/static/") ||
    path === "/api/health" ||
    path === "/api/metrics" ||
    path === "/favicon.ico" ||
    /\.(?:png|svg|ico|css|js|map|woff2?|txt)$/.test(path)
  );
}

export const DEFAULT_GATE_OPTIONS: Required<RequestGateOptions> = { concurrency: 2, queueTimeoutMs: 90_000, maxHoldMs: 30_000 };

/** The gate's settings: ANNEX_MAX_CONCURRENT_REQUESTS (default 2), ANNEX_REQUEST_QUEUE_TIMEOUT_S (default 90) and ANNEX_REQUEST_MAX_HOLD_S (default 30). */
export function requestGateOptions(env: NodeJS.ProcessEnv = process.env): RequestGateOptions {
  const positive = (value: string | undefined, fallback: number) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : fallback);
  return {
    concurrency: positive(env.ANNEX_MAX_CONCURRENT_REQUESTS, DEFAULT_GATE_OPTIONS.concurrency),
    queueTimeoutMs: positive(env.ANNEX_REQUEST_QUEUE_TIMEOUT_S, DEFAULT_GATE_OPTIONS.queueTimeoutMs / 1000) * 1000,
    maxHoldMs: positive(env.ANNEX_REQUEST_MAX_HOLD_S, DEFAULT_GATE_OPTIONS.maxHoldMs / 1000) * 1000,
  };
}

// One gate per server process, kept on globalThis: the server (scripts/serve.mjs) and the metrics route (bundled by Next) share it.
const globalForGate = globalThis as unknown as { annexRequestGate?: RequestGate };

export function processRequestGate(options?: RequestGateOptions): RequestGate {
  globalForGate.annexRequestGate ??= new RequestGate(options ?? requestGateOptions());
  return globalForGate.annexRequestGate;
}

/** The process's gate if the server made one (not under `next dev`). */
export function existingRequestGate(): RequestGate | null {
  return globalForGate.annexRequestGate ?? null;
}

export const BUSY_MESSAGE = "服务器繁忙，请稍后再试";

/**
 * Serves one request through the gate: `handle` runs once the request's turn
 * comes, its place held until the response closes (sent, or the client gone).
 * A client that left while waiting gives its place back at once; one that
 * waited past the timeout is answered 503 (JSON for /api/, text otherwise).
 */
export function serveThroughGate(
  gate: RequestGate,
  request: IncomingMessage,
  response: ServerResponse,
  handle: (request: IncomingMessage, response: ServerResponse) => unknown,
  onAdmitted: (request: IncomingMessage) => void = () => {},
): Promise<void> {
  // Next answers its own errors; one that escapes it is logged and answered 500, never left to crash the process.
  const failed = (error: unknown) => {
    console.error(error);
    if (!response.headersSent) {
      response.statusCode = 500;
      response.end();
    }
  };
  if (bypassesGate(request.url ?? "", request.method)) {
    return Promise.resolve()
      .then(() => handle(request, response))
      .then(() => undefined, failed);
  }
  // A client that leaves while waiting: its "close" has come and gone by the time it is admitted.
  let gone = false;
  const leave = () => {
    gone = true;
  };
  response.once("close", leave);
  return gate.enter().then(
    async (release) => {
      response.off("close", leave);
      if (gone || response.destroyed) {
        release();
        return;
      }
      onAdmitted(request);
      // Given back when the response closes, or after the longest hold: a client that does not read its answer keeps its socket, not its place.
      const hold = setTimeout(release, gate.maxHoldMs);
      hold.unref?.();
      response.once("close", () => {
        clearTimeout(hold);
        release();
      });
      try {
        await handle(request, response);
      } catch (error) {
        failed(error);
        release();
      }
    },
    (error: unknown) => {
      response.off("close", leave);
      if (!(error instanceof GateTimeoutError)) return failed(error);
      // Waited past the queue's timeout: the same 503 as any "try again later" (lib/errors.ts).
      const api = (request.url ?? "").startsWith("/api/");
      response.writeHead(503, { "Content-Type": api ? "application/json" : "text/plain; charset=utf-8", "Retry-After": "10" });
      response.end(api ? JSON.stringify({ error: { code: "unavailable", message: BUSY_MESSAGE } }) : BUSY_MESSAGE);
    },
  );
}
