// The application behind PgBouncer in transaction mode (Debian's pgbouncer),
// where a server connection is lent for one transaction only: interactive
// transactions, the unit summary's refresh under pg_advisory_xact_lock, and
// concurrent readers must all come out as they do on a direct connection.
// Skipped, with the reason, where pgbouncer is not installed (.ci/run installs it).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoData, WENZHOU_PLAN } from "@/lib/plans/demo-data";
import { rollup } from "@/lib/rollups/rollups";
import { pgBouncerInstalled, startPgBouncer, stopByPidFile } from "@/scripts/bench-cluster";
import { freePort } from "@/tests/free-port";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

const installed = pgBouncerInstalled();
if (!installed) console.warn("跳过 PgBouncer 测试：未安装 pgbouncer（apt-get install pgbouncer；.ci/run 会安装）");


describe.skipIf(!installed)("behind PgBouncer in transaction mode", () => {
  let database: TestDatabase;
  let dir: string;
  let child: ChildProcess;
  let pooled: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.prisma);
    dir = await mkdtemp(path.join(tmpdir(), "annex-pgbouncer-"));
    const bouncer = await startPgBouncer(database.url, await freePort(), dir);
    child = bouncer.child;
    pooled = createPrismaClient(bouncer.url);
  }, 120_000);

  afterAll(async () => {
    await pooled?.$disconnect();
    child?.kill("SIGTERM");
    if (dir) {
      stopByPidFile(path.join(dir, "pgbouncer.pid"));
      await rm(dir, { recursive: true, force: true });
    }
    await database?.drop();
  });

  it("refreshes the unit summary under its advisory lock, from several readers at once, as a direct connection sums it", async () => {
    const asOf = { year: 2025, month: 6 };
    // Mark every unit stale: each reader below wants the refresh, which runs one at a time under the lock.
    await database.prisma.$executeRaw`UPDATE "Project" SET "totalWan" = "totalWan" + 1 WHERE "totalState" = 'VALUE'`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => rollup(pooled, WENZHOU_PLAN.code, "unit", { asOf })));
    const live = await rollup(database.prisma, WENZHOU_PLAN.code, "unit", { asOf, live: true });
    for (const answer of answers) expect(answer).toEqual(live);
    const [stale] = await database.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "UnitMonthFiguresStale"`;
    expect(stale?.n).toBe(0);
  }, 120_000);

  it("keeps an interactive transaction on one server connection (its own writes seen, a rollback undone)", async () => {
    const project = await pooled.project.findFirstOrThrow({ where: { plan: { code: WENZHOU_PLAN.code } }, orderBy: { seq: "asc" } });
    await expect(
      pooled.$transaction(async (tx) => {
        await tx.project.update({ where: { id: project.id }, data: { content: "事务内的修改" } });
        const seen = await tx.project.findUniqueOrThrow({ where: { id: project.id } });
        expect(seen.content).toBe("事务内的修改");
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect((await database.prisma.project.findUniqueOrThrow({ where: { id: project.id } })).content).toBe(project.content);
  }, 60_000);
});
