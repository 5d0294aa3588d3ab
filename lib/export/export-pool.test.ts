// The export workers against a real database: the file built off the main
// thread is the same the writer builds in-process, errors cross back as the
// AppError they were, and the pool's bounds (queue, heap ceiling) hold.
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { seedDemoData, WENZHOU_PLAN } from "@/lib/plans/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { ExportPool } from "./export-pool";

let database: TestDatabase;
const pools: ExportPool[] = [];
const pool = (options: Partial<ConstructorParameters<typeof ExportPool>[0]> = {}) => {
  const p = new ExportPool({ workers: 1, maxQueued: 4, memoryMb: 256, idleMs: 60_000, ...options });
  pools.push(p);
  return p;
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await database.drop();
});

describe("ExportPool", () => {
  it("builds a docx and an xlsx of the annex in a worker thread", async () => {
    const p = pool();
    const docx = await p.run(database.url, { planCode: WENZHOU_PLAN.code, format: "docx", table: "annex" });
    expect(docx.title).toBe(`${WENZHOU_PLAN.name}重大项目表`);
    const xml = await (await JSZip.loadAsync(docx.bytes)).file("word/document.xml")!.async("string");
    // A project of the published annex (prisma/seed-data), and one of its units.
    expect(xml).toContain("温州龙舟运动基地");
    const xlsx = await p.run(database.url, { planCode: WENZHOU_PLAN.code, format: "xlsx", table: "summary" });
    expect(Buffer.from(xlsx.bytes.subarray(0, 2)).toString()).toBe("PK");
    expect(p.stats()).toMatchObject({ workers: 1, running: 0, queued: 0 });
    // The worker says how large its heap grew (for /api/metrics); a reset starts again from nothing.
    expect(p.stats(true).peakWorkerHeapMb).toBeGreaterThan(0);
    expect(p.stats().peakWorkerHeapMb).toBe(0);
  }, 120_000);

  it("ends a worker whose heap grew past the recycling mark, and starts a new one for the next job", async () => {
    const p = pool({ recycleHeapMb: 1 });
    const first = await p.run(database.url, { planCode: WENZHOU_PLAN.code, format: "pdf", table: "annex" });
    expect(Buffer.from(first.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(p.stats().workers).toBe(0);
    const second = await p.run(database.url, { planCode: WENZHOU_PLAN.code, format: "pdf", table: "annex" });
    expect(Buffer.from(second.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(p.stats().workers).toBe(0);
    // Below the mark the worker stays for the next job.
    const kept = pool({ recycleHeapMb: 100_000 });
    await kept.run(database.url, { planCode: WENZHOU_PLAN.code, format: "xlsx", table: "summary" });
    expect(kept.stats().workers).toBe(1);
  }, 120_000);

  it("answers an unknown plan with the AppError the worker threw", async () => {
    const error = await pool()
      .run(database.url, { planCode: "no-such-plan", format: "pdf", table: "annex" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
  }, 120_000);

  it("refuses a job beyond its queue with a 503, and runs the others", async () => {
    const p = pool({ workers: 1, maxQueued: 1 });
    const job = () => p.run(database.url, { planCode: WENZHOU_PLAN.code, format: "xlsx", table: "summary" });
    const outcomes = await Promise.allSettled([job(), job(), job()]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    const refused = (outcomes[2] as PromiseRejectedResult).reason as AppError;
    expect(refused.status).toBe(503);
  }, 120_000);

  it("fails a job alone when its worker exceeds the heap ceiling, and keeps serving", async () => {
    const p = pool({ memoryMb: 8 });
    const error = await p.run(database.url, { planCode: WENZHOU_PLAN.code, format: "pdf", table: "annex" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unprocessable");
    expect(p.stats().workers).toBe(0);
  }, 120_000);
});
