// The benchmark's load test: signed-in sessions at once against the
// production build (scripts/bench-cluster.ts: two instances behind nginx, on
// PgBouncer), a realistic mix, driven by autocannon — one autocannon run per
// kind of request, all at the same time, so that each kind has its own
// latencies. The servers report their own event-loop delay and memory
// (GET /api/metrics, admin only), sampled during the run.
import autocannon from "autocannon";
import { hashPassword } from "@/lib/auth/password";
import pg from "pg";
import { signIn, type Cluster } from "./bench-cluster";

export type LoadKind = { kind: string; connections: number; requests: number; rps: number; p50: number; p95: number; p99: number; max: number; errors: number; non2xx: number; timeouts: number };
export type LoadResult = {
  sessions: number;
  durationS: number;
  instances: number;
  proxy: string | null;
  pgbouncer: boolean;
  kinds: LoadKind[];
  totalRequests: number;
  throughputRps: number;
  errors: number;
  failures: string[];
  servers: LoadServer[];
};

/** One instance's figures over the run (GET /api/metrics, lib/monitoring/server-metrics.ts). */
export type LoadServer = {
  url: string;
  peakRssMb: number;
  eventLoopDelayP99Ms: number | null;
  eventLoopDelayMaxMs: number | null;
  /** The memory by kind when the resident memory peaked, and the largest heap an export worker reported. */
  memoryAtPeak?: Record<string, number> | null;
  exportWorkerHeapMb?: number;
  /** CPU time of the process in the run (every thread) per response: a figure the machine's other load hardly moves. */
  cpuMsPerResponse?: number | null;
  /** Garbage collection on the request loop: pauses, their sum and the longest. */
  gc?: { count: number; totalMs: number; maxMs: number; liveAfterMarkCompactMb: number } | null;
  /** Loop stalls of 50 ms or more: how many, their sum, and the longest few with the requests in flight. */
  longBlocks?: { count: number; totalMs: number; longest: { ms: number; inFlight: string[] }[] } | null;
};

export type LoadOptions = { cluster: Cluster; planCode: string; planCodes: string[]; sessions: number; durationS: number; asOf: { year: number; month: number }; log: (text: string) => void };

export const LOAD_PASSWORD = "bench-load-2021";
const PASSWORD = LOAD_PASSWORD;
// The month units fill in during the test: one after the data set's, before any clock could refuse it as not yet begun.
const REPORT_MONTH = { year: 2026, month: 6 };

/** Accounts for the sessions: reviewers, viewers, an administrator (metrics), and one unit account per saving session. */
export async function createLoadAccounts(raw: pg.Pool, planCode: string, editors: number): Promise<{ reviewers: string[]; viewers: string[]; editors: string[]; admin: string }> {
  const hash = await hashPassword(PASSWORD);
  // Created, or reset when a run on the same data set (--reuse) made them already: their saved
  // reports and sessions refer to them, so they are updated in place, never deleted.
  const account = (login: string, role: string, unitId: number | null = null) =>
    raw.query(
      `INSERT INTO "User" (login, name, "passwordHash", role, "unitId") VALUES ($1, $1, $2, $3::"Role", $4)
       ON CONFLICT (login) DO UPDATE SET "passwordHash" = $2, role = $3::"Role", "unitId" = $4, active = true, "mustChangePassword" = false`,
      [login, hash, role, unitId],
    );
  await raw.query(`DELETE FROM "LoginAttempt"`).catch(() => null);
  await raw.query(`DELETE FROM "LoginLockout"`).catch(() => null);
  const reviewers = Array.from({ length: 5 }, (_, i) => `load-drc-${i}`);
  const viewers = Array.from({ length: 5 }, (_, i) => `load-viewer-${i}`);
  for (const login of reviewers) await account(login, "REVIEWER");
  for (const login of viewers) await account(login, "VIEWER");
  await account("load-admin", "ADMIN");
  // Units of the plan, each its own account: no two sessions save the same project.
  const units = (
    await raw.query(
      `SELECT DISTINCT pu."unitId" AS id FROM "ProjectUnit" pu JOIN "Project" p ON p.id = pu."projectId" JOIN "Plan" pl ON pl.id = p."planId"
        WHERE pl.code = $1 AND pu."isLead" ORDER BY 1 LIMIT $2`,
      [planCode, editors],
    )
  ).rows as { id: number }[];
  const names: string[] = [];
  for (const [i, unit] of units.entries()) {
    const login = `load-unit-${i}`;
    await account(login, "EDITOR", unit.id);
    names.push(login);
  }
  return { reviewers, viewers, editors: names, admin: "load-admin" };
}

/** A kind's figures: autocannon's counts, and percentiles of every response time it reported (its own table has no p95). */
function kindResult(kind: string, connections: number, runs: autocannon.Result[], times: number[], failed: number): LoadKind {
  times.sort((a, b) => a - b);
  const at = (p: number) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!) : 0);
  const requests = runs.reduce((n, r) => n + r.requests.total, 0);
  const duration = Math.max(...runs.map((r) => r.duration));
  return {
    kind,
    connections,
    requests,
    rps: Math.round((requests / duration) * 10) / 10,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: at(100),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: failed,
    timeouts: runs.reduce((n, r) => n + r.timeouts, 0),
  };
}

export async function measureLoad(raw: pg.Pool, options: LoadOptions): Promise<LoadResult> {
  const { cluster, planCode, sessions, durationS, asOf, log } = options;
  const month = `${asOf.year}-${String(asOf.month).padStart(2, "0")}`;
  // The mix: what a province's users do at once (connections per kind, 100 in all by default).
  const share = (part: number) => Math.max(1, Math.round((sessions * part) / 100));
  const mix = { grid: share(20), rollups: share(10), dashboard: share(15), project: share(30), save: share(24), export: 1 };
  const accounts = await createLoadAccounts(raw, planCode, mix.save);
  mix.save = accounts.editors.length;
  const projectIds = (await raw.query(`SELECT p.id FROM "Project" p JOIN "Plan" pl ON pl.id = p."planId" WHERE pl.code = ANY($1) AND p."deletedAt" IS NULL ORDER BY p.id`, [options.planCodes])).rows.map((r) => r.id as number);

  log(`负载：登录 ${Object.values(mix).reduce((a, b) => a + b, 0)} 个会话`);
  const signInAll = async (logins: string[]) => {
    const cookies: string[] = [];
    // A few at a time: bcrypt costs each login ~0.1 s of CPU.
    for (let i = 0; i < logins.length; i += 4) cookies.push(...(await Promise.all(logins.slice(i, i + 4).map((l) => signIn(cluster.url, l, PASSWORD)))));
    return cookies;
  };
  const readers = (n: number, offset: number) => Array.from({ length: n }, (_, i) => (i % 2 ? accounts.viewers : accounts.reviewers)[(i + offset) % 5]!);
  const cookies = {
    grid: await signInAll(readers(mix.grid, 0)),
    rollups: await signInAll(readers(mix.rollups, 1)),
    dashboard: await signInAll(readers(mix.dashboard, 2)),
    project: await signInAll(readers(mix.project, 3)),
    save: await signInAll(accounts.editors),
    export: await signInAll(readers(mix.export, 4)),
  };
  const admin = await signIn(cluster.url, accounts.admin, PASSWORD);

  // Each instance's figures, from a fresh start of the period; the peak memory sampled during the run.
  type Metrics = {
    peakRssMb: number;
    eventLoopDelayMs: { p99: number; max: number } | null;
    memoryAtPeak?: Record<string, number> | null;
    gc?: { count: number; totalMs: number; maxMs: number; liveAfterMarkCompactMb?: number; byKind?: Record<string, { count: number; totalMs: number; maxMs?: number }> } | null;
    longBlocks?: { count: number; totalMs: number; longest: { at: string; ms: number; inFlight: string[] }[] } | null;
    exports?: { peakWorkerHeapMb?: number };
    requests?: { admitted: number; timedOut: number; longestWaitMs: number } | null;
    cpuMs?: number;
    responses?: number;
  };
  const metrics = async (url: string, reset = false) => (await (await fetch(`${url}/api/metrics${reset ? "?reset=1" : ""}`, { headers: { Cookie: admin } })).json()) as Metrics;
  for (const url of cluster.instances) await metrics(url, true);

  const plans = options.planCodes;
  let projectCursor = 0;
  const common = { url: cluster.url, duration: durationS, timeout: 120 };
  const failures: string[] = [];
  // One autocannon per session (one connection each), its cookie in the default headers: those
  // go with every request of the list, where client.setHeaders would set them on the current
  // request only (the others then went without a session and got 401).
  const run = async (kind: keyof typeof mix, opts: Partial<autocannon.Options>) => {
    const times: number[] = [];
    let failed = 0;
    const runs = await Promise.all(
      cookies[kind].map((cookie) => {
        const instance = autocannon({ ...common, connections: 1, headers: { Cookie: cookie, Origin: cluster.url }, ...opts } as autocannon.Options);
        (instance as unknown as NodeJS.EventEmitter).on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
          times.push(ms);
          if (status < 200 || status >= 300) {
            failed++;
            if (failures.length < 20) failures.push(`${kind}: HTTP ${status}`);
          }
        });
        return instance as unknown as Promise<autocannon.Result>;
      }),
    );
    return kindResult(kind, mix[kind], runs, times, failed);
  };

  log(`负载：${durationS} 秒，${JSON.stringify(mix)}`);
  const started = Date.now();
  const kinds = await Promise.all([
    // The grid's rows as the grid page asks for them (components/annex/AnnexGridOnClient.tsx): its fields, compact.
    run("grid", {
      requests: [
        { method: "GET", path: `/api/projects?plan=${planCode}&fields=grid&format=compact` },
        { method: "GET", path: `/api/projects?plan=${planCode}&domain=${encodeURIComponent("领域03")}&fields=grid&format=compact` },
        { method: "GET", path: `/api/projects?plan=${planCode}&progress=${month}&light=${encodeURIComponent("红灯")}&fields=grid&format=compact` },
      ],
    }),
    run("rollups", { requests: plans.map((code) => ({ method: "GET", path: `/plans/${code}/rollups?month=${month}` })) }),
    run("dashboard", { requests: plans.map((code) => ({ method: "GET", path: `/plans/${code}/dashboard?month=${month}` })) }),
    run("project", {
      requests: [
        {
          method: "GET",
          setupRequest: (req: autocannon.Request) => ({ ...req, path: `/projects/${projectIds[(projectCursor = (projectCursor + 7919) % projectIds.length)]}` }),
        },
      ],
    }),
    run("save", {
      // A unit opens the month's sheet of its projects, then saves its first project's figures on top of what it read.
      requests: [
        { method: "GET", path: `/api/plans/${planCode}/progress?month=${REPORT_MONTH.year}-${String(REPORT_MONTH.month).padStart(2, "0")}&mine=1`,
          onResponse: (status: number, body: string, ctx: object) => {
            const context = ctx as Record<string, unknown>;
            if (status !== 200) return;
            const sheet = JSON.parse(body) as { rows: { projectId: number; canReport: boolean; latest: { id: number; version: number } | null }[] };
            const row = sheet.rows.find((r) => r.canReport);
            context.row = row ? { projectId: row.projectId, baseReportId: row.latest?.id ?? null, baseVersion: row.latest?.version ?? null } : null;
          } },
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          setupRequest: (req: autocannon.Request, ctx: object) => {
            const context = ctx as Record<string, unknown>;
            const row = context.row as { projectId: number; baseReportId: number | null; baseVersion: number | null } | null;
            const n = ((context.n as number | undefined) ?? 0) + 1;
            context.n = n;
            return {
              ...req,
              path: `/api/plans/${planCode}/progress/reports`,
              body: JSON.stringify({ ...REPORT_MONTH, rows: row ? [{ ...row, monthWan: `${n}.5`, physicalProgress: `负载测试第 ${n} 次保存`, construction: "UNDER_CONSTRUCTION", actualStart: null, actualCompletion: null }] : [] }),
            };
          },
        },
      ],
    }),
    run("export", { requests: (["xlsx", "docx", "pdf"] as const).map((format) => ({ method: "GET", path: `/api/plans/${planCode}/export?format=${format}` })) }),
    // Sampling each server's memory while the load runs.
    (async () => {
      while (Date.now() - started < durationS * 1000) {
        await new Promise((r) => setTimeout(r, 2000));
        for (const url of cluster.instances) await metrics(url).catch(() => null);
      }
      return null;
    })(),
  ]);
  const results = kinds.filter((k): k is LoadKind => k !== null);
  const servers: LoadServer[] = [];
  for (const url of cluster.instances) {
    const m = await metrics(url);
    const longBlocks = m.longBlocks ? { count: m.longBlocks.count, totalMs: m.longBlocks.totalMs, longest: m.longBlocks.longest.slice(0, 5).map((b) => ({ ms: b.ms, inFlight: b.inFlight })) } : null;
    servers.push({
      url,
      peakRssMb: m.peakRssMb,
      eventLoopDelayP99Ms: m.eventLoopDelayMs?.p99 ?? null,
      eventLoopDelayMaxMs: m.eventLoopDelayMs?.max ?? null,
      memoryAtPeak: m.memoryAtPeak ?? null,
      exportWorkerHeapMb: m.exports?.peakWorkerHeapMb ?? 0,
      cpuMsPerResponse: m.cpuMs !== undefined && (m.requests?.admitted ?? m.responses) ? Math.round(m.cpuMs / (m.requests?.admitted ?? m.responses)!) : null,
      gc: m.gc ? { count: m.gc.count, totalMs: m.gc.totalMs, maxMs: m.gc.maxMs, liveAfterMarkCompactMb: m.gc.liveAfterMarkCompactMb ?? 0 } : null,
      longBlocks,
    });
    // What the delay was made of, for the reader of the log.
    const peak = m.memoryAtPeak;
    if (peak) log(`负载：${url} 内存峰值时 RSS ${peak.rssMb} MB（堆 ${peak.heapUsedMb}/${peak.heapTotalMb} MB，external ${peak.externalMb} MB，其中 ArrayBuffer ${peak.arrayBuffersMb} MB）；导出线程堆峰值 ${m.exports?.peakWorkerHeapMb ?? 0} MB`);
    // Per request of the mix: those the gate admitted (the metrics polls and static files pass it by).
    const served = m.requests?.admitted ?? m.responses ?? 0;
    if (m.cpuMs !== undefined && served) log(`负载：${url} CPU ${Math.round(m.cpuMs / 1000)} s（含导出线程），${served} 个请求，每个请求 ${Math.round(m.cpuMs / served)} ms CPU`);
    if (m.requests) log(`负载：${url} 请求队列：处理 ${m.requests.admitted} 个，最长等待 ${m.requests.longestWaitMs} ms，超时 ${m.requests.timedOut} 个`);
    if (m.gc) {
      const kinds = Object.entries(m.gc.byKind ?? {}).map(([kind, k]) => `${kind} ${k.count} 次 ${k.totalMs} ms${k.maxMs !== undefined ? `（最长 ${k.maxMs} ms）` : ""}`).join("，");
      log(`负载：${url} 垃圾回收 ${m.gc.count} 次，共 ${m.gc.totalMs} ms，最长 ${m.gc.maxMs} ms，全量回收后堆最多 ${m.gc.liveAfterMarkCompactMb ?? 0} MB${kinds ? `（${kinds}）` : ""}`);
    }
    if (longBlocks) {
      log(`负载：${url} 事件循环阻塞 ≥50 ms 共 ${longBlocks.count} 次，合计 ${longBlocks.totalMs} ms；最长几次：`);
      for (const b of longBlocks.longest) log(`  ${b.ms} ms，进行中：${b.inFlight.join("，")}`);
    }
  }
  const totalRequests = results.reduce((n, k) => n + k.requests, 0);
  return {
    sessions: Object.values(mix).reduce((a, b) => a + b, 0),
    durationS,
    instances: cluster.instances.length,
    proxy: cluster.proxy,
    pgbouncer: cluster.pgbouncer,
    kinds: results,
    totalRequests,
    throughputRps: Math.round((totalRequests / durationS) * 10) / 10,
    errors: results.reduce((n, k) => n + k.errors + k.non2xx + k.timeouts, 0),
    failures,
    servers,
  };
}
