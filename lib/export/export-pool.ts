// Exports run in a small pool of worker threads, never on the request loop: a
// docx of 10,000 projects takes seconds of pure JavaScript, during which a
// server with one thread would answer nobody. Bounded on every side: a few
// workers (EXPORT_WORKERS), a short queue (EXPORT_QUEUE; beyond it a 503 "try
// again"), and a heap ceiling per worker (EXPORT_WORKER_MEMORY_MB, V8's
// resourceLimits) so that one huge export fails alone instead of taking the
// server's memory. A worker that dies is replaced; its job answers an error.
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { ExportFile, ExportRequest } from "./export-file";
import type { ExportJob, ExportJobResult } from "./export-worker";

/**
 * `recycleHeapMb`: a worker whose heap grew past this by the end of a job is ended rather
 * than kept for the next one. A 5,000-project PDF leaves a worker's heap at about 250 MB
 * (the fonts, the buffered pages, their garbage), which V8 keeps as long as the worker
 * lives: under load that heap alone decided whether the process stayed under 1 GB. A new
 * worker costs about a second of start-up, once per such export.
 */
export type ExportPoolOptions = { workers: number; maxQueued: number; memoryMb: number; idleMs: number; recycleHeapMb?: number };

type Pending = { job: ExportJob; resolve: (file: ExportFile) => void; reject: (error: unknown) => void };
type Slot = { worker: Worker; job: Pending | null; idle: NodeJS.Timeout | null };

export function exportPoolOptions(env: NodeJS.ProcessEnv = process.env): ExportPoolOptions {
  const number = (value: string | undefined, fallback: number) => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : fallback);
  // One core stays with the request loop; never more than two documents built at once.
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return {
    workers: number(env.EXPORT_WORKERS, Math.min(2, Math.max(1, cores - 1))),
    maxQueued: number(env.EXPORT_QUEUE, 8),
    memoryMb: number(env.EXPORT_WORKER_MEMORY_MB, 512),
    idleMs: 60_000,
    recycleHeapMb: number(env.EXPORT_WORKER_RECYCLE_MB, 128),
  };
}

export class ExportPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  /** The largest heap a worker reported at the end of a job since the last reset (MB). */
  private peakWorkerHeapMb = 0;

  constructor(private readonly options: ExportPoolOptions) {}

  /** The file, built in a worker; a 503 when the queue is full. */
  run(databaseUrl: string, request: ExportRequest): Promise<ExportFile> {
    const busy = this.slots.filter((s) => s.job).length;
    if (busy >= this.options.workers && this.queue.length >= this.options.maxQueued) {
      return Promise.reject(new AppError("unavailable", "导出任务较多，请稍后再试"));
    }
    return new Promise<ExportFile>((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, databaseUrl, request }, resolve, reject });
      this.dispatch();
    });
  }

  /** Jobs running and waiting (for the metrics endpoint). */
  stats(reset = false) {
    const stats = { workers: this.slots.length, running: this.slots.filter((s) => s.job).length, queued: this.queue.length, peakWorkerHeapMb: this.peakWorkerHeapMb };
    if (reset) this.peakWorkerHeapMb = 0;
    return stats;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch() {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.options.workers) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift()!;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      slot.job = pending;
      slot.worker.ref();
      slot.worker.postMessage(pending.job);
    }
  }

  private spawn(): Slot {
    // The entry is imported from a string, at run time: the bundler of `next build` would otherwise
    // follow the worker's file and try to bundle tsx and esbuild's binary into the route.
    const entry = pathToFileURL(path.join(process.cwd(), "lib/export/export-worker-entry.mjs")).href;
    const worker = new Worker(`import(${JSON.stringify(entry)}).catch((error) => { console.error(error); process.exit(1); });`, {
      eval: true,
      // A young generation of its own size: the server's --max-semi-space-size=32 (V8's flags are the process's) gave a worker 96 MB of it.
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: 24 },
    });
    const slot: Slot = { worker, job: null, idle: null };
    worker.on("message", (result: ExportJobResult) => {
      const pending = slot.job;
      slot.job = null;
      if (this.options.recycleHeapMb !== undefined && (result.heapMb ?? 0) > this.options.recycleHeapMb) this.retire(slot);
      else this.park(slot);
      this.peakWorkerHeapMb = Math.max(this.peakWorkerHeapMb, result.heapMb ?? 0);
      if (!pending || pending.job.id !== result.id) return;
      if (result.ok) pending.resolve({ title: result.title, fileName: result.fileName, bytes: result.bytes });
      else if (result.error) pending.reject(new AppError(result.error.code as ErrorCode, result.error.message, result.error.details));
      else pending.reject(new Error(`导出失败：${result.message}`));
      this.dispatch();
    });
    // A worker that runs out of its heap or crashes: its job fails alone, the slot is freed.
    const lost = (error: unknown) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      if (slot.idle) clearTimeout(slot.idle);
      const pending = slot.job;
      slot.job = null;
      if (pending) {
        const outOfMemory = error instanceof Error && "code" in error && error.code === "ERR_WORKER_OUT_OF_MEMORY";
        pending.reject(outOfMemory ? new AppError("unprocessable", "导出内容过大，超出了服务器为一次导出设定的内存上限，请缩小范围（按领域、区县等筛选）后分批导出") : error);
      }
      this.dispatch();
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`导出进程意外退出（${code}）`)));
    this.slots.push(slot);
    return slot;
  }

  /** Ended now, its heap given back; the next job starts a new worker. */
  private retire(slot: Slot) {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
  }

  /** An idle worker does not keep the process alive, and is ended after a while. */
  private park(slot: Slot) {
    slot.worker.unref();
    slot.idle = setTimeout(() => {
      const index = this.slots.indexOf(slot);
      if (index >= 0 && !slot.job) {
        this.slots.splice(index, 1);
        void slot.worker.terminate();
      }
    }, this.options.idleMs);
    slot.idle.unref();
  }
}

// One pool per server process (kept on globalThis across hot reloads in development).
const globalForPool = globalThis as unknown as { annexExportPool?: ExportPool };

export function exportPool(): ExportPool {
  globalForPool.annexExportPool ??= new ExportPool(exportPoolOptions());
  return globalForPool.annexExportPool;
}
