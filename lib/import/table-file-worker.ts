// The reader's worker thread: reads one file and posts its sheets back (or
// why it was refused). Started by read-table-file.ts, one file per thread, so
// that a file that takes too long or too much memory ends only this thread.
import { parentPort, workerData } from "node:worker_threads";
import { readSheets, TableFileError } from "./table-sheets";

export type WorkerAnswer =
  | { ok: true; sheets: Awaited<ReturnType<typeof readSheets>> }
  | { ok: false; kind: "invalid" | "too_large" | "crash"; message: string };

const { bytes, fileName } = workerData as { bytes: Uint8Array; fileName: string };

readSheets(bytes, fileName).then(
  (sheets) => parentPort!.postMessage({ ok: true, sheets } satisfies WorkerAnswer),
  (error: unknown) =>
    parentPort!.postMessage(
      (error instanceof TableFileError
        ? { ok: false, kind: error.kind, message: error.message }
        : { ok: false, kind: "crash", message: error instanceof Error ? error.message : String(error) }) satisfies WorkerAnswer,
    ),
);
