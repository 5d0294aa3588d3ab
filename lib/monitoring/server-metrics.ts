// What a server process feels like from the inside: the event loop's delay
// (perf_hooks' histogram: how long a ready callback waited for the loop),
// the longest blocks of the loop with the requests in flight at the time,
// garbage collection, memory by kind, and the export workers. Started with the
// server (instrumentation.ts); read by administrators and the benchmark
// through GET /api/metrics.
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { getHeapStatistics } from "node:v8";
import { constants, monitorEventLoopDelay, PerformanceObserver, performance, type IntervalHistogram } from "node:perf_hooks";
import { LongBlocks, type LongBlock } from "./long-blocks";

type Memory = { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number };
/** `liveAfterMarkCompactMb`: the largest heap left after a full collection — what the process really held, not garbage waiting. */
type Gc = { count: number; totalMs: number; maxMs: number; liveAfterMarkCompactMb: number; byKind: Record<string, { count: number; totalMs: number; maxMs: number }> };
type Monitor = {
  delay: IntervalHistogram;
  peakRss: number;
  /** The memory by kind at the sample of the peak resident memory. */
  atPeak: Memory;
  since: number;
  /** process.cpuUsage() at the start of the period: the CPU the process used since, all its threads. */
  cpuSince: NodeJS.CpuUsage;
  sampler: NodeJS.Timeout | null;
  blocks: LongBlocks;
  gc: Gc;
  /** Requests received and not yet answered; `working`: past the request gate (scripts/serve.mjs), not waiting in its queue. */
  inFlight: Map<IncomingMessage, { path: string; start: number; working: boolean }>;
  /** Set once the production server's gate admits a request (the server and the routes are separate module instances: state lives here). */
  gated: boolean;
  responses: number;
};

const globalForMetrics = globalThis as unknown as { annexMetrics?: Monitor };

/** A loop stall this long or longer is recorded with the requests that were in flight. */
const LONG_BLOCK_MS = 50;
const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "scavenge",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "mark-compact",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak-callbacks",
};

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;

function memoryNow(): Memory {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) };
}

const cpuTotal = (usage: NodeJS.CpuUsage) => usage.user + usage.system;

const emptyGc = (): Gc => ({ count: 0, totalMs: 0, maxMs: 0, liveAfterMarkCompactMb: 0, byKind: {} });

/** The request passed the request gate (scripts/serve.mjs): from now on it is worked on, no longer waiting. */
export function requestAdmitted(request: IncomingMessage): void {
  const monitor = globalForMetrics.annexMetrics;
  if (!monitor) return;
  monitor.gated = true;
  const entry = monitor.inFlight.get(request);
  if (entry) entry.working = true;
}

export function startServerMetrics(): void {
  if (globalForMetrics.annexMetrics) return;
  // 10 ms resolution: the loop is sampled often enough to see a 100 ms stall, at no measurable cost.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const monitor: Monitor = {
    delay,
    peakRss: process.memoryUsage.rss(),
    atPeak: memoryNow(),
    since: Date.now(),
    cpuSince: process.cpuUsage(),
    sampler: null,
    blocks: new LongBlocks(LONG_BLOCK_MS, 20),
    gc: emptyGc(),
    inFlight: new Map(),
    gated: false,
    responses: 0,
  };
  // Requests in flight (Node's own HTTP channels: no wrapper around Next's handler), so that a long block
  // says what the server was doing; those that finished since the last tick count too (the block may have been theirs).
  let finishedSinceTick: string[] = [];
  diagnostics.subscribe("http.server.request.start", (message) => {
    const request = (message as { request: IncomingMessage }).request;
    monitor.inFlight.set(request, { path: request.url ?? "", start: performance.now(), working: !monitor.gated });
  });
  diagnostics.subscribe("http.server.response.finish", (message) => {
    const request = (message as { request: IncomingMessage }).request;
    const entry = monitor.inFlight.get(request);
    if (entry) finishedSinceTick.push(entry.path);
    monitor.responses++;
    monitor.inFlight.delete(request);
  });
  // The peak resident memory, sampled twice a second (export workers included: they live in this process);
  // the same timer, every 100 ms, sees the loop's long blocks (it fires late by as long as the loop was held).
  const TICK = 100;
  let last = performance.now();
  let ticks = 0;
  monitor.sampler = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK;
    last = now;
    if (late >= LONG_BLOCK_MS) {
      monitor.blocks.add({ at: new Date().toISOString(), ms: Math.round(late), inFlight: [...[...monitor.inFlight.values()].filter((r) => r.working).map((r) => r.path), ...finishedSinceTick] });
    }
    finishedSinceTick = [];
    if (++ticks % 5) return;
    const rss = process.memoryUsage.rss();
    if (rss > monitor.peakRss) {
      monitor.peakRss = rss;
      monitor.atPeak = memoryNow();
    }
  }, TICK);
  monitor.sampler.unref();
  // Garbage collection: the pauses it makes on this thread, by kind.
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS[(entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0] ?? "other";
      const gc = monitor.gc;
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      const k = (gc.byKind[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
      k.count++;
      k.totalMs += entry.duration;
      k.maxMs = Math.max(k.maxMs, entry.duration);
      if (kind === "mark-compact") gc.liveAfterMarkCompactMb = Math.max(gc.liveAfterMarkCompactMb, mb(getHeapStatistics().used_heap_size));
    }
  });
  gcObserver.observe({ entryTypes: ["gc"] });
  globalForMetrics.annexMetrics = monitor;
}

export type ServerMetrics = {
  pid: number;
  sinceMs: number;
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  memory: Memory;
  memoryAtPeak: Memory | null;
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number } | null;
  /** Loop stalls of LONG_BLOCK_MS or more: how many, and the longest with what was in flight. */
  longBlocks: { count: number; totalMs: number; longest: LongBlock[] } | null;
  gc: Gc | null;
  requestsInFlight: number;
  /** CPU time of the process (user + system, every thread: export workers included) in the period, ms. */
  cpuMs: number;
  /** Responses finished in the period. */
  responses: number;
};

/** The figures since the server started or since the last reset; `reset` starts a new period. */
export function serverMetrics(reset = false): ServerMetrics {
  const monitor = globalForMetrics.annexMetrics;
  const memory = memoryNow();
  const round = (gc: Gc): Gc => ({
    count: gc.count,
    totalMs: Math.round(gc.totalMs),
    maxMs: Math.round(gc.maxMs),
    liveAfterMarkCompactMb: gc.liveAfterMarkCompactMb,
    byKind: Object.fromEntries(Object.entries(gc.byKind).map(([k, v]) => [k, { count: v.count, totalMs: Math.round(v.totalMs), maxMs: Math.round(v.maxMs) }])),
  });
  const result: ServerMetrics = {
    pid: process.pid,
    sinceMs: monitor ? Date.now() - monitor.since : 0,
    rssMb: memory.rssMb,
    peakRssMb: Math.max(mb(monitor?.peakRss ?? 0), memory.rssMb),
    heapUsedMb: memory.heapUsedMb,
    memory,
    memoryAtPeak: monitor ? monitor.atPeak : null,
    eventLoopDelayMs:
      monitor && monitor.delay.count > 0
        ? { p50: ms(monitor.delay.percentile(50)), p99: ms(monitor.delay.percentile(99)), max: ms(monitor.delay.max), mean: ms(monitor.delay.mean) }
        : null,
    longBlocks: monitor ? monitor.blocks.summary() : null,
    gc: monitor ? round(monitor.gc) : null,
    requestsInFlight: monitor?.inFlight.size ?? 0,
    cpuMs: monitor ? Math.round((cpuTotal(process.cpuUsage(monitor.cpuSince))) / 1000) : 0,
    responses: monitor?.responses ?? 0,
  };
  if (reset && monitor) {
    monitor.delay.reset();
    monitor.peakRss = process.memoryUsage.rss();
    monitor.atPeak = memory;
    monitor.since = Date.now();
    monitor.blocks.reset();
    monitor.gc = emptyGc();
    monitor.cpuSince = process.cpuUsage();
    monitor.responses = 0;
  }
  return result;
}
