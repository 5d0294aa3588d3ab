// The production server: Next's own request handler (the documented custom
// server, `next({ dev: false })`) behind the request gate of
// lib/http/request-gate.ts, so that a process works on a few requests at once
// and queues the rest instead of holding all of them in its heap. `npm start`
// and the benchmark's cluster run this in place of `next start`.
//   node --import tsx scripts/serve.ts --port 3000 [--hostname 127.0.0.1]
import http from "node:http";
import next from "next";
import { bypassesGate, GateTimeoutError, processRequestGate, requestGateOptions } from "@/lib/http/request-gate";
import { requestAdmitted } from "@/lib/monitoring/server-metrics";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const port = Number(argument("port") ?? process.env.PORT ?? 3000);
const hostname = argument("hostname");
const BUSY_MESSAGE = "服务器繁忙，请稍后再试";

async function main() {
  const app = next({ dev: false, dir: process.cwd(), port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const options = requestGateOptions();
  const gate = processRequestGate(options);

  const server = http.createServer((request, response) => {
    if (bypassesGate(request.url ?? "")) {
      void handle(request, response);
      return;
    }
    gate.enter().then(
      (release) => {
        requestAdmitted(request);
        // Released when the answer is sent or the client went away, whichever comes first.
        response.once("close", release);
        Promise.resolve(handle(request, response)).catch((error: unknown) => {
          console.error(error);
          if (!response.headersSent) {
            response.statusCode = 500;
            response.end();
          }
          release();
        });
      },
      (error: unknown) => {
        if (!(error instanceof GateTimeoutError)) throw error;
        // Waited past the queue's timeout: the same 503 as any "try again later" (lib/errors.ts).
        const api = (request.url ?? "").startsWith("/api/");
        response.writeHead(503, { "Content-Type": api ? "application/json" : "text/plain; charset=utf-8", "Retry-After": "10" });
        response.end(api ? JSON.stringify({ error: { code: "unavailable", message: BUSY_MESSAGE } }) : BUSY_MESSAGE);
      },
    );
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
}

main().catch((error) => {
  console.error(`服务启动失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
