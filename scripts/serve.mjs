// The production server: Next's own request handler (the documented custom
// server, `next({ dev: false })`) behind the request gate of
// lib/http/request-gate.ts, so that a process works on a few requests at once
// and queues the rest instead of holding all of them in its heap. `npm start`
// and the benchmark's cluster run this in place of `next start`
// (scripts/serve-command.ts).
//   node scripts/serve.mjs --port 3000 [--hostname 127.0.0.1]
// Plain JavaScript: the gate's TypeScript modules are loaded through tsx's
// scoped import, so that no TypeScript loader hooks sit in the path of every
// module the server loads later (Next's route chunks, loaded on first use).
import http from "node:http";
import next from "next";
import { tsImport } from "tsx/esm/api";


/** @param {string} name */
function argument(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const port = Number(argument("port") ?? process.env.PORT ?? 3000);
const hostname = argument("hostname");

try {
  const app = next({ dev: false, dir: process.cwd(), port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  // After Next's start: tsx's scoped loader, active while it imports, would otherwise stand in the way of
  // the require hook with which Next loads next.config.ts and the modules it imports.
  /** @type {typeof import("../lib/http/request-gate")} */
  const { processRequestGate, requestGateOptions, serveThroughGate } = await tsImport("../lib/http/request-gate.ts", import.meta.url);
  /** @type {typeof import("../lib/monitoring/server-metrics")} */
  const { requestAdmitted } = await tsImport("../lib/monitoring/server-metrics.ts", import.meta.url);
  const options = requestGateOptions();
  const gate = processRequestGate(options);

  const server = http.createServer((request, response) => {
    void serveThroughGate(gate, request, response, handle, requestAdmitted);
  });
  // Longer than a proxy's idle upstream connections (nginx: keepalive_timeout 4 s), as with `next start`.
  server.keepAliveTimeout = 5_000;
  server.listen(port, hostname, () => {
    console.log(`▲ 已在 http://${hostname ?? "localhost"}:${port} 提供服务（同时处理 ${options.concurrency} 个请求，其余排队，最长等待 ${options.queueTimeoutMs / 1000} 秒）`);
  });
  const shutdown = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests still running after a grace period do not keep the process from stopping.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
} catch (error) {
  console.error(`服务启动失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
