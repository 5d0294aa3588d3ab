// What a server process feels like from the inside: the event loop's delay
// (perf_hooks' histogram: how long a ready callback waited for the loop),
// memory, and the export workers. Started with the server
// (instrumentation.ts); read by administrators and the benchmark through
// GET /api/metrics.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

type Monitor = { delay: IntervalHistogram; peakRss: number; since: number; sampler: NodeJS.Timeout };

const globalForMetrics = globalThis as unknown as { annexMetrics?: Monitor };

export function startServerMetrics(): void {
  if (globalForMetrics.annexMetrics) return;
  // 10 ms resolution: the loop is sampled often enough to see a 100 ms stall, at no measurable cost.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // The peak resident memory, sampled twice a second (export workers included: they live in this process).
  const sampler = setInterval(() => {
    monitor.peakRss = Math.max(monitor.peakRss, process.memoryUsage.rss());
  }, 500);
  sampler.unref();
  const monitor: Monitor = { delay, peakRss: process.memoryUsage.rss(), since: Date.now(), sampler };
  globalForMetrics.annexMetrics = monitor;
}

export type ServerMetrics = {
  pid: number;
  sinceMs: number;
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number } | null;
};

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;

/** The figures since the server started or since the last reset; `reset` starts a new period. */
export function serverMetrics(reset = false): ServerMetrics {
  const monitor = globalForMetrics.annexMetrics;
  const memory = process.memoryUsage();
  const result: ServerMetrics = {
    pid: process.pid,
    sinceMs: monitor ? Date.now() - monitor.since : 0,
    rssMb: mb(memory.rss),
    peakRssMb: mb(Math.max(monitor?.peakRss ?? 0, memory.rss)),
    heapUsedMb: mb(memory.heapUsed),
    eventLoopDelayMs:
      monitor && monitor.delay.count > 0
        ? { p50: ms(monitor.delay.percentile(50)), p99: ms(monitor.delay.percentile(99)), max: ms(monitor.delay.max), mean: ms(monitor.delay.mean) }
        : null,
  };
  if (reset && monitor) {
    monitor.delay.reset();
    monitor.peakRss = memory.rss;
    monitor.since = Date.now();
  }
  return result;
}
