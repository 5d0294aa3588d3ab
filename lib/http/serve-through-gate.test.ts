// The gate around a real HTTP server (as scripts/serve.mjs puts it around
// Next's handler): a request's place is held until its response closes, a
// client that leaves while waiting gives its place back, a wait past the
// timeout is a 503 in Chinese, and a handler that throws frees its place.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BUSY_MESSAGE, RequestGate, serveThroughGate } from "./request-gate";

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server whose handler records each request and holds it until the test answers it. */
async function gatedServer(concurrency: number, queueTimeoutMs = 60_000, handler?: (path: string, response: http.ServerResponse) => void, maxHoldMs = 60_000) {
  const gate = new RequestGate({ concurrency, queueTimeoutMs, maxHoldMs });
  const handled: string[] = [];
  const held = new Map<string, http.ServerResponse>();
  const server = http.createServer((request, response) => {
    void serveThroughGate(gate, request, response, (req, res) => {
      const path = req.url ?? "";
      handled.push(path);
      if (handler) return handler(path, res);
      held.set(path, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { gate, handled, held, get: (path: string, init?: RequestInit) => fetch(base + path, init) };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("serveThroughGate", () => {
  it("holds a request's place until its response is sent, then lets the next in", async () => {
    const s = await gatedServer(1);
    const first = s.get("/plans/a/rollups");
    await until(() => s.handled.length === 1);
    const second = s.get("/plans/b/dashboard");
    await until(() => s.gate.stats().queued === 1);
    expect(s.handled).toEqual(["/plans/a/rollups"]);
    s.held.get("/plans/a/rollups")!.end("a");
    expect(await (await first).text()).toBe("a");
    await until(() => s.handled.length === 2);
    s.held.get("/plans/b/dashboard")!.end("b");
    expect(await (await second).text()).toBe("b");
    await until(() => s.gate.stats().running === 0);
  });

  it("static files and the health check do not wait", async () => {
    const s = await gatedServer(1, 60_000, (path, res) => (path.startsWith("/plans") ? undefined : res.end("static")));
    void s.get("/plans/a/rollups").catch(() => null);
    await until(() => s.handled.length === 1);
    expect(await (await s.get("/_next/static/chunks/app.js")).text()).toBe("static");
    expect(await (await s.get("/api/health")).text()).toBe("static");
  });

  it("a client that leaves while waiting gives its place back and is never handled", async () => {
    const s = await gatedServer(1);
    void s.get("/first").catch(() => null);
    await until(() => s.handled.length === 1);
    const controller = new AbortController();
    const leaving = s.get("/leaves", { signal: controller.signal }).catch(() => "aborted");
    await until(() => s.gate.stats().queued === 1);
    controller.abort();
    expect(await leaving).toBe("aborted");
    const third = s.get("/third");
    await until(() => s.gate.stats().queued === 2);
    s.held.get("/first")!.end();
    await until(() => s.handled.length === 2);
    expect(s.handled).toEqual(["/first", "/third"]);
    s.held.get("/third")!.end("3");
    expect(await (await third).text()).toBe("3");
  });

  it("answers a request that waited past the timeout 503, in Chinese, JSON for the API", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const s = await gatedServer(1, 200);
    void s.get("/held").catch(() => null);
    await until(() => s.handled.length === 1);
    const api = await s.get("/api/projects?plan=a");
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBe("10");
    expect(await api.json()).toEqual({ error: { code: "unavailable", message: BUSY_MESSAGE } });
    const page = await s.get("/plans/a/rollups");
    expect(page.status).toBe(503);
    expect(await page.text()).toBe(BUSY_MESSAGE);
    expect(s.handled).toEqual(["/held"]);
  });

  it("a request with a body does not wait, while reads do", async () => {
    const s = await gatedServer(1, 60_000, (path, res) => (path === "/held" ? undefined : res.end(`done ${path}`)));
    void s.get("/held").catch(() => null);
    await until(() => s.handled.length === 1);
    const saved = await s.get("/api/projects/1", { method: "PATCH", body: "{}" });
    expect(await saved.text()).toBe("done /api/projects/1");
    expect(s.gate.stats().queued).toBe(0);
  });

  it("a response nobody reads gives its place back after the longest hold", async () => {
    const s = await gatedServer(1, 60_000, undefined, 150);
    void s.get("/never-read").catch(() => null);
    await until(() => s.handled.length === 1);
    const next = s.get("/next");
    await until(() => s.gate.stats().queued === 1);
    // The first response is still open: the second is let in once the hold has run out.
    await until(() => s.handled.length === 2);
    expect(s.held.get("/never-read")!.writableEnded).toBe(false);
    s.held.get("/next")!.end("next");
    expect(await (await next).text()).toBe("next");
    s.held.get("/never-read")!.end();
    await until(() => s.gate.stats().running === 0);
  });

  it("a handler that throws answers 500 and frees its place", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const s = await gatedServer(1, 60_000, (path, res) => {
      if (path === "/throws") throw new Error("boom");
      res.end("ok");
    });
    expect((await s.get("/throws")).status).toBe(500);
    expect(error).toHaveBeenCalled();
    expect(await (await s.get("/next")).text()).toBe("ok");
    expect(s.gate.stats().running).toBe(0);
  });
});
