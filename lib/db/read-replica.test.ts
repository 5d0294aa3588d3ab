// The heavy reads served from a hot standby, and read-your-writes: a primary
// and a streaming standby of Debian's PostgreSQL (tests/streaming-replica.ts).
// Skipped, with the reason, where those binaries are not installed (.ci/run
// installs them).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { seedDemoData, WENZHOU_PLAN } from "@/lib/plans/demo-data";
import { ensureRegions } from "@/lib/regions/seed-regions";
import { rollup } from "@/lib/rollups/rollups";
import { debianPostgresBin, startStreamingPair, waitForReplay, type StreamingPair } from "@/tests/streaming-replica";
import { freePort } from "@/tests/free-port";
import { heavyReadDatabase, isReplica } from "./read-replica";

const bin = debianPostgresBin();
if (!bin) console.warn("跳过只读副本测试：未安装 Debian 的 PostgreSQL（apt-get install postgresql；.ci/run 会安装）");


describe.skipIf(!bin)("heavy reads on a streaming replica", () => {
  let pair: StreamingPair;
  let primary: PrismaClient;
  const saved = { url: process.env.DATABASE_URL, replica: process.env.DATABASE_REPLICA_URL };

  beforeAll(async () => {
    pair = await startStreamingPair({ primary: await freePort(), standby: await freePort() });
    await applyMigrations(pair.primaryUrl);
    primary = createPrismaClient(pair.primaryUrl);
    await ensureRegions(primary);
    await seedDemoData(primary);
    await waitForReplay(pair.primaryUrl, pair.standbyUrl);
    process.env.DATABASE_URL = pair.primaryUrl;
    process.env.DATABASE_REPLICA_URL = pair.standbyUrl;
  }, 180_000);

  afterAll(async () => {
    process.env.DATABASE_URL = saved.url;
    process.env.DATABASE_REPLICA_URL = saved.replica;
    await primary?.$disconnect();
    const replica = heavyReadDatabase(false);
    if (replica.replica) await replica.db.$disconnect();
    await pair?.stop();
  });

  it("serves the rollups from the standby, and from the primary to whoever just saved", async () => {
    const route = heavyReadDatabase(false);
    expect(route.replica).toBe(true);
    expect(isReplica(route.db)).toBe(true);
    const [standby] = await route.db.$queryRaw<{ recovery: boolean }[]>`SELECT pg_is_in_recovery() AS recovery`;
    expect(standby?.recovery).toBe(true);

    // Hold the standby still, then delete one project softly on the primary: only the standby still counts it.
    await route.db.$executeRaw`SELECT pg_wal_replay_pause()`;
    const project = await primary.project.findFirstOrThrow({ where: { plan: { code: WENZHOU_PLAN.code }, deletedAt: null }, orderBy: { seq: "asc" } });
    await primary.project.update({ where: { id: project.id }, data: { deletedAt: new Date("2026-01-05T00:00:00Z") } });
    const count = (rows: { projects: number }[]) => rows.reduce((n, r) => n + r.projects, 0);

    // The published annex has 69 projects; the standby has not seen the deletion.
    expect(count(await rollup(route.db, WENZHOU_PLAN.code, "domain"))).toBe(69);
    const afterSave = heavyReadDatabase(true);
    expect(afterSave.replica).toBe(false);
    expect(count(await rollup(afterSave.db, WENZHOU_PLAN.code, "domain"))).toBe(68);

    // By unit as of a month: the standby cannot refresh the summary, and sums the projects itself.
    const byUnit = await rollup(route.db, WENZHOU_PLAN.code, "unit", { asOf: { year: 2025, month: 6 } });
    expect(byUnit.length).toBeGreaterThan(0);

    await route.db.$executeRaw`SELECT pg_wal_replay_resume()`;
    await waitForReplay(pair.primaryUrl, pair.standbyUrl);
    expect(count(await rollup(route.db, WENZHOU_PLAN.code, "domain"))).toBe(68);
  });
});
