import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { applyMigrations, diffDatamodels, latestSnapshot, pendingSchemaChanges, readMigrationList, SCHEMA_PATH } from "./migrations";

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** An empty database on the test server (not cloned from the migrated template). */
async function emptyDatabase(name: string): Promise<string> {
  const admin = inject("postgresAdminUrl");
  await query(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await query(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Tables, columns, indexes and foreign keys: what Prisma's datamodel decides.
 * CHECKs and partial indexes (… WHERE "effective") are hand-written in the
 * migrations, which the datamodel cannot express, so they are left out here.
 */
async function structure(url: string) {
  const columns = await query(
    url,
    `SELECT table_name, column_name, udt_name, is_nullable, column_default, numeric_precision, numeric_scale
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`,
  );
  const indexes = await query(url, `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexdef NOT LIKE '% WHERE %' ORDER BY indexname`);
  const foreignKeys = await query(
    url,
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conname`,
  );
  const enums = await query(
    url,
    `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY t.typname`,
  );
  return { columns, indexes, foreignKeys, enums };
}

describe("migrations through the WASM schema engine", () => {
  let url: string;
  beforeAll(async () => {
    url = await emptyDatabase("migrations_fresh");
  });

  it("applies every migration to an empty database and records it like prisma migrate deploy", async () => {
    const names = readMigrationList().migrationDirectories.map((d) => d.path);
    expect(names.length).toBeGreaterThan(0);
    const { applied } = await applyMigrations(url);
    expect(applied).toEqual(names);
    const recorded = await query<{ migration_name: string; finished_at: Date | null }>(
      url,
      "SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(names);
    expect(recorded.every((r) => r.finished_at !== null)).toBe(true);
    const tables = await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["Plan", "Domain", "Region", "Unit", "Project", "ProjectUnit", "User"]));
  });

  it("applies nothing the second time", async () => {
    expect((await applyMigrations(url)).applied).toEqual([]);
  });

  it("schema.prisma has no change that a migration does not carry (run npm run db:migration -- NAME)", async () => {
    expect(latestSnapshot()?.schema).toBe(readFileSync(SCHEMA_PATH, "utf8"));
    expect(await pendingSchemaChanges(url)).toBe("");
  });

  it("the migrations' SQL builds exactly the datamodel of the newest snapshot", async () => {
    const fromDatamodel = await emptyDatabase("migrations_from_datamodel");
    const sql = await diffDatamodels(null, latestSnapshot()!.schema, fromDatamodel);
    await query(fromDatamodel, sql);
    expect(await structure(url)).toEqual(await structure(fromDatamodel));
  });
});

describe("CHECK constraints keep an amount's state and value together", () => {
  let db: TestDatabase;
  let planId: number;
  let domainId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    const city = await db.prisma.region.findUniqueOrThrow({ where: { code: "330300" } });
    const plan = await db.prisma.plan.create({ data: { code: "t", name: "测试规划", issuer: "测试", startYear: 2021, endYear: 2025, regionId: city.id } });
    planId = plan.id;
    domainId = (await db.prisma.domain.create({ data: { planId, name: "教育", position: 1 } })).id;
  });
  afterAll(() => db.drop());

  const base = () => ({
    planId,
    domainId,
    seq: 1,
    name: "测试项目",
    type: "新建",
    periodText: "2021-2025",
    locationText: "全市",
    locationResolution: "WHOLE_CITY" as const,
    locationRule: "全市",
    content: "",
    totalState: "VALUE" as const,
    totalWan: "100",
    fypState: "VALUE" as const,
    fypWan: "50",
  });

  const refused = [
    { case: "a VALUE total without a number", data: { totalWan: null } },
    { case: "a 待定 total with a number", data: { totalState: "PENDING" as const } },
    { case: "a 不适用 十四五 amount with a number", data: { fypState: "NOT_APPLICABLE" as const } },
    { case: "a negative total", data: { totalWan: "-1" } },
    { case: "a negative 十四五 amount", data: { fypWan: "-0.5" } },
    { case: "a period ending before it starts", data: { periodStart: 2025, periodEnd: 2021 } },
  ];
  for (const { case: name, data } of refused) {
    it(`refuses ${name}`, async () => {
      await expect(db.prisma.project.create({ data: { ...base(), ...data } })).rejects.toThrow(/check constraint|violates/i);
    });
  }

  it("the backfill migration gives effective reports saved before the cumulative columns their figures", async () => {
    const project = await db.prisma.project.create({ data: { ...base(), seq: 99, name: "补算累计的项目" } });
    const user = await db.prisma.user.create({ data: { login: "backfill", name: "补算", passwordHash: "x", role: "REVIEWER" } });
    // 1–N月累计 restarts each year; 十四五累计 counts only the plan's years (2021–2025).
    const months = [
      { year: 2025, month: 11, monthWan: "10.5", ytd: "10.5", ptd: "10.5" },
      { year: 2025, month: 12, monthWan: "20", ytd: "30.5", ptd: "30.5" },
      { year: 2026, month: 1, monthWan: "7", ytd: "7", ptd: "30.5" },
    ];
    for (const m of months) {
      await db.prisma.progressReport.create({
        data: { projectId: project.id, year: m.year, month: m.month, revision: 1, status: "APPROVED", effective: true, monthWan: m.monthWan, construction: "UNDER_CONSTRUCTION", savedById: user.id },
      });
    }
    // As rows written before 20261123072603_progress_cumulative were left.
    await db.prisma.$executeRaw`UPDATE "ProgressReport" SET "yearToDateWan" = NULL, "planToDateWan" = NULL WHERE "projectId" = ${project.id}`;
    await db.prisma.$executeRawUnsafe(readFileSync("prisma/migrations/20261123093000_progress_cumulative_backfill/migration.sql", "utf8"));
    const rows = await db.prisma.progressReport.findMany({ where: { projectId: project.id }, orderBy: [{ year: "asc" }, { month: "asc" }] });
    expect(rows.map((r) => [r.yearToDateWan?.toFixed(), r.planToDateWan?.toFixed()])).toEqual(months.map((m) => [m.ytd, m.ptd]));
  });

  it("accepts 待定 and 不适用 without numbers", async () => {
    const p = await db.prisma.project.create({ data: { ...base(), totalState: "PENDING", totalWan: null, fypState: "NOT_APPLICABLE", fypWan: null } });
    expect(p.totalWan).toBeNull();
  });
});
