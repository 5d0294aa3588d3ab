// The production deployment the benchmark's load test and browser timings run
// against: PgBouncer in transaction mode in front of the database, two
// production servers (scripts/serve.mjs) on it, and nginx sharing requests between them
// round-robin. Debian's nginx and pgbouncer are installed with apt when
// missing (as root); without them the test says so and runs one instance on
// the database directly.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { serverCommand } from "./serve-command";

export type Cluster = {
  /** What people reach: the proxy, or the one instance. */
  url: string;
  /** Each instance directly (for its own metrics). */
  instances: string[];
  proxy: string | null;
  pgbouncer: boolean;
  stop(): Promise<void>;
};

export type ClusterOptions = { databaseUrl: string; basePort: number; instances: number; log: (text: string) => void };

const PGBOUNCER = "/usr/sbin/pgbouncer";
const NGINX = "/usr/sbin/nginx";

/** Installs a Debian package when its binary is missing and we may (root, apt); true when present afterwards. */
export function ensureDebianBinary(binary: string, pkg: string, log: (text: string) => void): boolean {
  if (existsSync(binary)) return true;
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) return false;
  log(`安装 ${pkg}（apt-get）`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore", env });
  spawnSync("apt-get", ["install", "-y", "-qq", pkg], { stdio: "ignore", env });
  return existsSync(binary);
}

async function waitFor(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${url}: 进程已退出（${child.exitCode}）`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} 未在 ${timeoutMs / 1000} 秒内就绪`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dir = await mkdtemp(path.join(tmpdir(), "annex-cluster-"));
  await chmod(dir, 0o755);
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    }
    stopByPidFile(path.join(dir, "pgbouncer.pid"));
    // The proxy's and the pooler's logs, kept for reading after the run.
    await mkdir(".data/bench-logs", { recursive: true });
    for (const log of ["nginx-error.log", "pgbouncer.log"]) if (existsSync(path.join(dir, log))) await copyFile(path.join(dir, log), path.join(".data/bench-logs", log));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    let appDatabaseUrl = options.databaseUrl;
    let pgbouncer = false;
    if (ensureDebianBinary(PGBOUNCER, "pgbouncer", options.log)) {
      const bouncer = await startPgBouncer(options.databaseUrl, options.basePort + 90, dir);
      children.push(bouncer.child);
      appDatabaseUrl = bouncer.url;
      pgbouncer = true;
      options.log(`PgBouncer（transaction 模式）${bouncer.url.replace(/:[^:@/]+@/, ":***@")}`);
    } else options.log("未安装 pgbouncer：实例直接连接数据库");

    const proxyAvailable = options.instances > 1 && ensureDebianBinary(NGINX, "nginx", options.log);
    const count = proxyAvailable ? options.instances : 1;
    const proxyPort = options.basePort;
    const ports = Array.from({ length: count }, (_, i) => options.basePort + 1 + i);
    const publicUrl = `http://127.0.0.1:${proxyAvailable ? proxyPort : ports[0]}`;
    // Shared by the instances, as in production (NEXTAUTH_SECRET): a session signed by one is valid on the other.
    const secret = randomBytes(32).toString("base64url");
    for (const [index, port] of ports.entries()) {
      // BENCH_NODE_ARGS: extra Node flags for the instances, for diagnosis (e.g. "--cpu-prof --cpu-prof-dir=.data/profiles");
      // BENCH_NODE_ARGS_1, _2…: for that instance only, to compare a setting side by side under the same load.
      const diagnosis = `${process.env.BENCH_NODE_ARGS ?? ""} ${process.env[`BENCH_NODE_ARGS_${index + 1}`] ?? ""}`.split(/\s+/).filter(Boolean);
      const [node, args] = serverCommand(port, "127.0.0.1", diagnosis);
      const child = spawn(node, args, {
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: appDatabaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: publicUrl, NEXT_TELEMETRY_DISABLED: "1" },
      });
      children.push(child);
      await waitFor(`http://127.0.0.1:${port}/api/health`, 180_000, child);
      options.log(`实例 http://127.0.0.1:${port} 已就绪`);
    }
    if (proxyAvailable) {
      await writeFile(
        path.join(dir, "nginx.conf"),
        `worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "nginx-error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 50m;
  # Idle upstream connections closed before Node's own keep-alive timeout (5 s) closes them under
  # nginx's feet; an instance slow to answer is not taken out of the rotation (max_fails=0).
  upstream annex { ${ports.map((p) => `server 127.0.0.1:${p} max_fails=0;`).join(" ")} keepalive 64; keepalive_timeout 4s; }
  server {
    listen 127.0.0.1:${proxyPort};
    location / {
      proxy_pass http://annex;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 300s;
      proxy_buffering on;
    }
  }
}
`,
      );
      const child = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "ignore", "inherit"] });
      children.push(child);
      await waitFor(`${publicUrl}/api/health`, 30_000, child);
      options.log(`nginx 轮询代理 ${publicUrl} → ${ports.join("、")}`);
    } else if (options.instances > 1) options.log("未安装 nginx：只启动一个实例");
    return { url: publicUrl, instances: ports.map((p) => `http://127.0.0.1:${p}`), proxy: proxyAvailable ? "nginx" : null, pgbouncer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * PgBouncer in transaction mode in front of `databaseUrl` (Debian's binary, run as `postgres` under root),
 * its files in `dir`: a server connection is lent for one transaction only, what the application must bear.
 */
export async function startPgBouncer(databaseUrl: string, port: number, dir: string): Promise<{ url: string; child: ChildProcess }> {
  const db = new URL(databaseUrl);
  const dbName = db.pathname.slice(1);
  await writeFile(
    path.join(dir, "pgbouncer.ini"),
    `[databases]
${dbName} = host=${db.hostname} port=${db.port} dbname=${dbName} user=${decodeURIComponent(db.username)} password=${decodeURIComponent(db.password)}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = any
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
ignore_startup_parameters = extra_float_digits,options
logfile = ${path.join(dir, "pgbouncer.log")}
pidfile = ${path.join(dir, "pgbouncer.pid")}
`,
  );
  const asRoot = process.getuid?.() === 0;
  // PgBouncer refuses to run as root; its folder must be writable by the user it runs as.
  if (asRoot) await chmod(dir, 0o777);
  const args = [path.join(dir, "pgbouncer.ini")];
  const child = asRoot ? spawn("runuser", ["-u", "postgres", "--", PGBOUNCER, ...args], { stdio: "ignore" }) : spawn(PGBOUNCER, args, { stdio: "ignore" });
  const url = `postgresql://${db.username}:${db.password}@127.0.0.1:${port}/${dbName}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer 已退出（${child.exitCode}）`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return { url, child };
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error("pgbouncer 未能启动");
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** PgBouncer runs under runuser: its own pid file names it, whatever became of the wrapper. */
export function stopByPidFile(file: string): void {
  let pid = 0;
  try {
    pid = Number(readFileSync(file, "utf8").trim());
  } catch {
    // No pid file, or PgBouncer removed it while stopping (the wrapper's SIGTERM reached it first): nothing to stop.
    return;
  }
  if (pid > 0) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

export function pgBouncerInstalled(): boolean {
  return existsSync(PGBOUNCER);
}

/** A signed-in session's cookies, by the login form's own route (next-auth credentials). */
export async function signIn(baseUrl: string, login: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie(), Origin: baseUrl },
    body: new URLSearchParams({ csrfToken, login, password, json: "true" }),
  });
  keep(response);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`登录失败：${login}（${response.status}）`);
  return cookie();
}
