// The body of an export worker thread (started by export-pool.ts through
// export-worker-entry.mjs): reads the rows on a database connection of its own
// and writes the file, so that building a document of 10,000 projects never
// blocks the server's request loop. One job at a time per worker.
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { PrismaPg } from "@prisma/adapter-pg";
import { AppError } from "@/lib/errors";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { exportFile, type ExportRequest } from "./export-file";

export type ExportJob = { id: number; databaseUrl: string; request: ExportRequest };
export type ExportJobResult =
  | { id: number; ok: true; title: string; fileName: string; bytes: Uint8Array; heapMb: number }
  | { id: number; ok: false; error: { code: string; message: string; details?: unknown } | null; message: string; heapMb: number };

/** This worker's heap as the job ends (what it held at its largest, as a rule: nothing is collected yet), for the metrics. */
const heapMb = () => Math.round(getHeapStatistics().total_heap_size / 2 ** 20);

// A client per database URL (the primary, or a read replica), a small pool each: the worker runs one job at a time.
const clients = new Map<string, PrismaClient>();
function client(url: string): PrismaClient {
  let db = clients.get(url);
  if (!db) {
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
    clients.set(url, db);
  }
  return db;
}

parentPort!.on("message", async (job: ExportJob) => {
  try {
    const { title, fileName, bytes } = await exportFile(client(job.databaseUrl), job.request);
    // The bytes are moved to the main thread, not copied.
    const copy = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    parentPort!.postMessage({ id: job.id, ok: true, title, fileName, bytes: copy, heapMb: heapMb() } satisfies ExportJobResult, [copy.buffer as ArrayBuffer]);
  } catch (error) {
    const known = error instanceof AppError ? { code: error.code, message: error.message, details: error.details } : null;
    parentPort!.postMessage({ id: job.id, ok: false, error: known, message: error instanceof Error ? error.stack ?? error.message : String(error), heapMb: heapMb() } satisfies ExportJobResult);
  }
});
