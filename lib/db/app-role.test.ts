// Least privilege, tried as an attacker holding the application's database
// credentials would: none of the ways to rewrite the history or the audit
// trail works for the application's role.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { ensureAppRole, grantAppRole, urlAs } from "./app-role";

let db: TestDatabase;
let app: pg.Client;
const role = `annex_app_test_${randomBytes(3).toString("hex")}`;
const password = randomBytes(12).toString("hex");

beforeAll(async () => {
  db = await createTestDatabase();
  await ensureAppRole(db.url, role, password);
  await grantAppRole(db.url, role);
  // A row of the audit trail to attack.
  await db.prisma.auditEvent.create({ data: { actorLogin: "someone", action: "auth.login", summary: {}, outcome: "SUCCESS", at: new Date("2026-01-01T00:00:00Z") } });
  app = new pg.Client({ connectionString: urlAs(db.url, role, password) });
  await app.connect();
});
afterAll(async () => {
  await app.end();
  await db.drop();
  // Roles belong to the server, not the (dropped) database.
  const admin = new pg.Client({ connectionString: db.url.replace(/\/[^/?]+(\?|$)/, "/postgres$1") });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
  await admin.end();
});

async function refused(sql: string): Promise<string> {
  try {
    await app.query(sql);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`accepted: ${sql}`);
}

describe("the application's role", () => {
  it("reads and writes ordinary rows", async () => {
    await app.query(`SELECT count(*) FROM "Project"`);
    await app.query(`INSERT INTO "LoginAttempt" (login, address, at, succeeded) VALUES ('x', 'y', now(), false)`);
    await app.query(`UPDATE "User" SET name = name WHERE false`);
    await app.query(`INSERT INTO "AuditEvent" ("actorLogin", action, summary, outcome) VALUES ('x', 'test', '{}', 'SUCCESS')`);
    await app.query(`SELECT migration_name FROM _prisma_migrations`);
  });

  for (const table of ["ProjectChange", "AuditEvent"]) {
    it(`cannot rewrite ${table}: TRUNCATE, UPDATE, DELETE, DISABLE TRIGGER, session_replication_role all fail`, async () => {
      expect(await refused(`TRUNCATE "${table}"`)).toMatch(/permission denied|不可|refuse/i);
      expect(await refused(`UPDATE "${table}" SET id = id`)).toMatch(/permission denied/);
      expect(await refused(`DELETE FROM "${table}"`)).toMatch(/permission denied/);
      expect(await refused(`ALTER TABLE "${table}" DISABLE TRIGGER ALL`)).toMatch(/must be owner|permission denied/);
      expect(await refused(`ALTER TABLE "${table}" DISABLE TRIGGER USER`)).toMatch(/must be owner|permission denied/);
      expect(await refused(`DROP TABLE "${table}"`)).toMatch(/must be owner|permission denied/);
    });
  }

  it("cannot switch triggers off for its session, create tables or grant itself more", async () => {
    expect(await refused(`SET session_replication_role = replica`)).toMatch(/permission denied/);
    expect(await refused(`CREATE TABLE evil (id int)`)).toMatch(/permission denied/);
    expect(await refused(`ALTER ROLE ${pg.escapeIdentifier(role)} SUPERUSER`)).toMatch(/permission denied|must be superuser/);
    expect(await refused(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ('x', 'x', 'x', now())`)).toMatch(/permission denied/);
  });
});

describe("the append-only triggers", () => {
  it("refuse UPDATE, DELETE and TRUNCATE of the history and the audit trail even to the owner", async () => {
    const owner = db.prisma;
    for (const table of ["ProjectChange", "AuditEvent"]) await expect(owner.$executeRawUnsafe(`TRUNCATE "${table}"`)).rejects.toThrow(/不可修改或删除/);
    await expect(owner.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'x'`)).rejects.toThrow(/不可修改或删除/);
    await expect(owner.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/不可修改或删除/);
  });
});
