// The server's own figures: a stall of the event loop is recorded with the
// request that was being worked on (Node's HTTP channels), a request waiting
// at the gate is not counted as worked on, and a reset starts a new period.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestAdmitted, serverMetrics, startServerMetrics } from "./server-metrics";

let server: http.Server;
let base = "";
/** Requests the test holds open: the handler answers when told. */
const held = new Map<string, () => void>();

beforeAll(async () => {
  startServerMetrics();
  server = http.createServer((request, response) => {
    const path = request.url ?? "";
    if (path.startsWith("/worked-on")) requestAdmitted(request);
    held.set(path, () => response.end("ok"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};
/** Holds the thread, as a long synchronous render would. */
const busy = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};

describe("serverMetrics", () => {
  it("records a stall with the requests being worked on, not those waiting at the gate", async () => {
    serverMetrics(true);
    const workedOn = fetch(`${base}/worked-on/plans/bench-01/rollups?month=2025-06`);
    // In this order: the first admission tells the monitor that requests pass a gate.
    await until(() => held.size === 1);
    const waiting = fetch(`${base}/waiting/api/projects?plan=bench-01`);
    await until(() => held.size === 2);
    expect(serverMetrics().requestsInFlight).toBe(2);
    // Two requests are under way; the loop is held far beyond the 100 ms tick plus the 50 ms threshold.
    busy(300);
    // The longest recorded is this one (a busy machine may add shorter stalls of its own).
    await until(() => (serverMetrics().longBlocks?.longest[0]?.ms ?? 0) >= 150);
    expect(serverMetrics().longBlocks!.longest[0]!.inFlight).toEqual(["/worked-on/plans/:id/rollups"]);
    for (const answer of held.values()) answer();
    await Promise.all([workedOn, waiting].map(async (r) => (await r).text()));
    await until(() => serverMetrics().requestsInFlight === 0);
    expect(serverMetrics().responses).toBeGreaterThanOrEqual(2);
  });

  it("reports memory by kind and CPU time, and a reset starts a new period", () => {
    const before = serverMetrics(true);
    expect(before.memory.heapUsedMb).toBeGreaterThan(0);
    expect(before.memory.rssMb).toBeGreaterThanOrEqual(before.memory.heapUsedMb);
    const after = serverMetrics();
    expect(after.longBlocks).toEqual({ count: 0, totalMs: 0, longest: [] });
    expect(after.responses).toBe(0);
    expect(after.cpuMs).toBeGreaterThanOrEqual(0);
  });
});
