// The backup round trip: a database with the real annex, a month of demo
// progress, history and audit rows → db:backup → wiped → db:restore → every
// row of every table equal, compared in PostgreSQL's own text form.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedDemoData, WENZHOU_PLAN } from "@/lib/plans/demo-data";
import { seedDemoProgress } from "@/lib/progress/demo-progress";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { backupDatabase, restoreDatabase, tableCount } from "./backup";

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "annex-backup-"));
  await seedDemoData(db.prisma);
  await seedDemoProgress(db.prisma, WENZHOU_PLAN.code, new Date("2025-11-20T02:00:00Z"));
  await db.prisma.auditEvent.create({ data: { actorLogin: "=HYPERLINK(\"x\")", action: "auth.login", summary: { a: 1 }, outcome: "FAILED", at: new Date("2026-01-02T03:04:05.678Z") } });
}, 300_000);
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Every table's rows as text, ordered, plus each sequence's position. */
async function snapshot(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.t);
    const out: Record<string, string[]> = {};
    for (const t of tables) {
      const { rows } = await client.query<{ r: string }>(`SELECT x::text AS r FROM ${pg.escapeIdentifier(t)} x ORDER BY 1`);
      out[t] = rows.map((r) => r.r);
    }
    const seqs = await client.query<{ s: string; v: string }>("SELECT sequencename AS s, coalesce(last_value, 0)::text AS v FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1");
    out["(sequences)"] = seqs.rows.map((r) => `${r.s}=${r.v}`);
    const triggers = await client.query<{ t: string }>("SELECT tgname AS t FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1");
    out["(triggers)"] = triggers.rows.map((r) => r.t);
    return out;
  } finally {
    await client.end();
  }
}

it("backs up, and restores into a wiped database every project, report, history and audit row", async () => {
  const before = await snapshot(db.url);
  expect(before.Project!.length).toBe(69);
  expect(before.ProgressReport!.length).toBeGreaterThan(0);
  expect(before.ProjectChange!.length).toBeGreaterThan(0);
  expect(before.AuditEvent!.length).toBe(1);

  const file = path.join(dir, "annex.dump");
  await backupDatabase(db.url, file);

  // Refused over a database that is not empty, unless told to replace it.
  await expect(restoreDatabase(db.url, file, { replace: false })).rejects.toThrow(/--replace/);

  // Wipe: drop the database and create it empty.
  const admin = new pg.Client({ connectionString: db.url.replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  const name = new URL(db.url).pathname.slice(1);
  await db.prisma.$disconnect();
  await admin.query(`DROP DATABASE ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await admin.end();
  expect(await tableCount(db.url)).toBe(0);

  await restoreDatabase(db.url, file, { replace: false });
  const after = await snapshot(db.url);
  expect(Object.keys(after)).toEqual(Object.keys(before));
  for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);

  // And over the restored (non-empty) database with --replace: the same again.
  await restoreDatabase(db.url, file, { replace: true });
  expect(await snapshot(db.url)).toEqual(before);
}, 300_000);
