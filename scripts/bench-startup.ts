// A fresh clone's start-up, measured: `git clone` of the committed HEAD into a
// temporary folder, `npm install`, then `npm start` until the login page is
// served — each phase timed, with the build's share read from npm start's
// own output. Ports of its own (BENCH_STARTUP_PORT, BENCH_STARTUP_PG_PORT).
import { spawn, spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export type StartupResult = { commit: string; installSeconds: number; startSeconds: number; buildSeconds: number | null; totalSeconds: number };

export async function measureStartup(log: (text: string) => void): Promise<StartupResult> {
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
  const dir = await mkdtemp(path.join(tmpdir(), "annex-fresh-clone-"));
  // As root, the embedded PostgreSQL runs as an unprivileged user of its own, which must reach its
  // binaries and data inside the clone: mkdtemp's 0700 would refuse it (initdb: EACCES).
  await chmod(dir, 0o755);
  const port = Number(process.env.BENCH_STARTUP_PORT ?? 3480);
  const env = { ...process.env, PORT: String(port), EMBEDDED_PG_PORT: process.env.BENCH_STARTUP_PG_PORT ?? "55480", DATABASE_URL: "", NEXTAUTH_SECRET: "", NEXTAUTH_URL: "" };
  for (const key of ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL"] as const) delete env[key];
  // As a user types them in a shell: nothing of the `npm run bench` around this process
  // (its npm_* settings would otherwise steer the clone's own npm install).
  for (const key of Object.keys(env)) if (key.startsWith("npm_") || key === "INIT_CWD") delete env[key as keyof typeof env];
  try {
    const clone = spawnSync("git", ["clone", "-q", process.cwd(), dir]);
    if (clone.status !== 0) throw new Error(`git clone 失败：${clone.stderr}`);
    log(`启动：新克隆 ${commit}，npm install`);
    const t0 = performance.now();
    const install = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, env, stdio: "ignore" });
    if (install.status !== 0) throw new Error("npm install 失败");
    const t1 = performance.now();
    log(`启动：npm install ${Math.round((t1 - t0) / 1000)} 秒，npm start`);
    const start = spawn("npm", ["start"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    let buildStarted: number | null = null;
    let buildEnded: number | null = null;
    start.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (buildStarted === null && output.includes("正在构建应用")) buildStarted = performance.now();
      if (buildStarted !== null && buildEnded === null && output.includes("打开 http://localhost")) buildEnded = performance.now();
    });
    start.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      for (;;) {
        if (start.exitCode !== null) throw new Error(`npm start 退出（${start.exitCode}）：${output.slice(-2000)}`);
        try {
          const response = await fetch(`http://127.0.0.1:${port}/login`);
          if (response.ok) break;
        } catch {
          // not serving yet
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      // The whole process group: npm, the start script, next and the embedded PostgreSQL.
      try {
        process.kill(-start.pid!, "SIGINT");
      } catch {
        // gone already
      }
      await new Promise((r) => setTimeout(r, 3000));
      try {
        process.kill(-start.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }
    const t2 = performance.now();
    const s = (ms: number) => Math.round(ms / 100) / 10;
    const result = { commit, installSeconds: s(t1 - t0), startSeconds: s(t2 - t1), buildSeconds: buildStarted !== null && buildEnded !== null ? s(buildEnded - buildStarted) : null, totalSeconds: s(t2 - t0) };
    log(`启动：npm install ${result.installSeconds} 秒，npm start 到首页 ${result.startSeconds} 秒（其中构建 ${result.buildSeconds} 秒）`);
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
