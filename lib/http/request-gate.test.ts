// The request gate's logic: a bound on requests at once, first come first
// served, a wait that ends in a timeout error, a release that is idempotent and
// frees the place even when the request failed. Timers are faked: nothing here
// depends on how fast the machine is.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bypassesGate, GateTimeoutError, RequestGate, requestGateOptions } from "./request-gate";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A clock the test moves by hand (with the fake timers). */
function gate(concurrency: number, queueTimeoutMs = 1_000) {
  return new RequestGate({ concurrency, queueTimeoutMs }, () => Date.now());
}

/** Settles pending promise callbacks without advancing time. */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe("RequestGate", () => {
  it("admits up to its bound at once and queues the rest", async () => {
    const g = gate(2);
    const admitted: number[] = [];
    const releases: (() => void)[] = [];
    for (const n of [1, 2, 3, 4]) void g.enter().then((release) => (admitted.push(n), releases.push(release)));
    await flush();
    expect(admitted).toEqual([1, 2]);
    expect(g.stats()).toMatchObject({ running: 2, queued: 2 });
  });

  it("lets the waiting in first come, first served, one per release", async () => {
    const g = gate(1, 60_000);
    const order: string[] = [];
    const release: Record<string, () => void> = {};
    for (const name of ["a", "b", "c", "d"]) void g.enter().then((r) => (order.push(name), (release[name] = r)));
    await flush();
    expect(order).toEqual(["a"]);
    release.a!();
    await flush();
    expect(order).toEqual(["a", "b"]);
    release.b!();
    await flush();
    release.c!();
    await flush();
    expect(order).toEqual(["a", "b", "c", "d"]);
    expect(g.stats()).toMatchObject({ running: 1, queued: 0, admitted: 4 });
  });

  it("a new request does not overtake those already waiting", async () => {
    const g = gate(1, 60_000);
    const order: string[] = [];
    const first = await g.enter();
    void g.enter().then(() => order.push("waiting"));
    first();
    // Enters in the same turn as the release: the one that waited goes first.
    void g.enter().then(() => order.push("late"));
    await flush();
    expect(order).toEqual(["waiting"]);
  });

  it("answers a request that waited past the timeout with GateTimeoutError, and forgets it", async () => {
    const g = gate(1, 1_000);
    const holder = await g.enter();
    const waiting = g.enter();
    const outcome = waiting.then(
      () => "admitted",
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(g.stats().queued).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(GateTimeoutError);
    expect(g.stats()).toMatchObject({ queued: 0, timedOut: 1 });
    // The timed-out request does not take the place freed later.
    holder();
    expect(g.stats().running).toBe(0);
  });

  it("a release called twice frees one place only", async () => {
    const g = gate(2);
    const a = await g.enter();
    await g.enter();
    const admitted: string[] = [];
    void g.enter().then(() => admitted.push("c"));
    void g.enter().then(() => admitted.push("d"));
    a();
    a();
    await flush();
    expect(admitted).toEqual(["c"]);
    expect(g.stats()).toMatchObject({ running: 2, queued: 1 });
  });

  it("frees the place of a request that failed (release in finally)", async () => {
    const g = gate(1);
    const work = async () => {
      const release = await g.enter();
      try {
        throw new Error("boom");
      } finally {
        release();
      }
    };
    await expect(work()).rejects.toThrow("boom");
    expect(g.stats().running).toBe(0);
    const next = await g.enter();
    expect(g.stats().running).toBe(1);
    next();
  });

  it("reports the longest wait in the queue", async () => {
    const g = gate(1, 60_000);
    const first = await g.enter();
    const second = g.enter();
    await vi.advanceTimersByTimeAsync(2_500);
    first();
    (await second)();
    expect(g.stats(true).longestWaitMs).toBe(2_500);
    expect(g.stats().longestWaitMs).toBe(0);
  });
});

describe("bypassesGate", () => {
  it("lets static files, health and metrics through, and queues pages and API routes", () => {
    expect(bypassesGate("/_next/static/chunks/app.js")).toBe(true);
    expect(bypassesGate("/api/health")).toBe(true);
    expect(bypassesGate("/api/metrics?reset=1")).toBe(true);
    expect(bypassesGate("/plans/p1/rollups?month=2026-05")).toBe(false);
    expect(bypassesGate("/api/projects?plan=p1")).toBe(false);
    expect(bypassesGate("/api/auth/session")).toBe(false);
    // Exports wait too: their workers' CPU is the machine's.
    expect(bypassesGate("/api/plans/p1/export?format=pdf")).toBe(false);
    // A query string that ends like a file is no static file.
    expect(bypassesGate("/api/projects?plan=a.js")).toBe(false);
  });

  it("lets every request with a body through: a body still arriving must not hold a place", () => {
    expect(bypassesGate("/api/auth/callback/credentials", "POST")).toBe(true);
    expect(bypassesGate("/api/plans/p1/imports", "POST")).toBe(true);
    expect(bypassesGate("/api/projects/1", "PATCH")).toBe(true);
    expect(bypassesGate("/plans/p1/rollups", "HEAD")).toBe(false);
    expect(bypassesGate("/plans/p1/rollups", "GET")).toBe(false);
  });
});

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

describe("requestGateOptions", () => {
  it("reads the bound, the timeout and the longest hold from the environment, with defaults for missing or bad values", () => {
    expect(requestGateOptions(env({ ANNEX_MAX_CONCURRENT_REQUESTS: "6", ANNEX_REQUEST_QUEUE_TIMEOUT_S: "30", ANNEX_REQUEST_MAX_HOLD_S: "12" }))).toEqual({ concurrency: 6, queueTimeoutMs: 30_000, maxHoldMs: 12_000 });
    expect(requestGateOptions(env({ ANNEX_MAX_CONCURRENT_REQUESTS: "0", ANNEX_REQUEST_QUEUE_TIMEOUT_S: "abc", ANNEX_REQUEST_MAX_HOLD_S: "-1" }))).toEqual({ concurrency: 2, queueTimeoutMs: 90_000, maxHoldMs: 30_000 });
    expect(requestGateOptions(env({}))).toEqual({ concurrency: 2, queueTimeoutMs: 90_000, maxHoldMs: 30_000 });
  });
});
