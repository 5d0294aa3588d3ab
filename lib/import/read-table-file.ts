// Reads an uploaded spreadsheet in a worker thread with a heap ceiling and a
// time limit (import-limits.ts), so that no file — however it is built — can
// take the memory or the event loop of the server that serves everyone else.
// A file over a limit is answered with 413, a file that is not a spreadsheet
// with 400, both in plain Chinese.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import { READER_CONCURRENCY, READER_MEMORY_MB, READER_TIME_LIMIT_MS } from "./import-limits";
import type { WorkerAnswer } from "./table-file-worker";
import type { TableSheet } from "./table-sheets";

export type { TableSheet } from "./table-sheets";

/**
 * The worker's entry, loaded by a line of code rather than named to the
 * Worker: a bundler that sees `new Worker(path)` bundles that file (and tsx
 * with it), where it must run as it is, in its own thread.
 */
const WORKER_BOOT = `import(${JSON.stringify(pathToFileURL(path.join(process.cwd(), "lib", "import", "table-file-worker.mjs")).href)})`;

let running = 0;
const waiting: (() => void)[] = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= READER_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export function readTableFile(bytes: Uint8Array, fileName: string, limits = { memoryMb: READER_MEMORY_MB, timeMs: READER_TIME_LIMIT_MS }): Promise<TableSheet[]> {
  return turn(
    () =>
      new Promise<TableSheet[]>((resolve, reject) => {
        const worker = new Worker(WORKER_BOOT, {
          eval: true,
          workerData: { bytes, fileName },
          resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 64 },
          stdout: false,
          stderr: false,
        });
        let settled = false;
        const finish = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          outcome();
        };
        const timer = setTimeout(
          () => finish(() => reject(new AppError("too_large", `读取文件“${fileName}”超过 ${limits.timeMs / 1000} 秒仍未完成，文件过大或过于复杂，已停止读取`))),
          limits.timeMs,
        );
        worker.on("message", (answer: WorkerAnswer) =>
          finish(() => {
            if (answer.ok) resolve(answer.sheets);
            else if (answer.kind === "too_large") reject(new AppError("too_large", answer.message));
            else if (answer.kind === "invalid") reject(new AppError("invalid_input", answer.message));
            else reject(new AppError("invalid_input", `文件“${fileName}”无法读取：文件可能已损坏（${answer.message}）`));
          }),
        );
        worker.on("error", (error: Error & { code?: string }) =>
          finish(() =>
            reject(
              error.code === "ERR_WORKER_OUT_OF_MEMORY"
                ? new AppError("too_large", `读取文件“${fileName}”所需内存超过上限（${limits.memoryMb} MB），文件过大或过于复杂，已停止读取`)
                : error,
            ),
          ),
        );
        worker.on("exit", (code) => finish(() => reject(new Error(`读取文件的工作线程意外退出（${code}）`))));
      }),
  );
}
