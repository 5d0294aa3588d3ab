// Least privilege in PostgreSQL. Two roles:
// - the owner, who runs the migrations (creates and alters tables) and backups;
// - the application's role, which the web server connects as: it may read and
//   write rows, nothing more. It owns nothing, so it cannot ALTER, DROP,
//   TRUNCATE or disable a trigger, and it is no superuser, so it cannot set
//   session_replication_role. On the append-only tables (the project history,
//   the audit trail, login attempts and lockouts) it may only INSERT and
//   SELECT, and a trigger refuses UPDATE, DELETE and TRUNCATE to anyone.
// The grants are applied after every migration, so a new table is covered.
import pg from "pg";

export const APPEND_ONLY_TABLES = ["ProjectChange", "AuditEvent", "LoginAttempt", "LoginLockout"] as const;
// Read-only for the application: the migration history (/api/health reads it).
const READ_ONLY_TABLES = ["_prisma_migrations"] as const;

/** Grants the application's role exactly what it needs on the database at `ownerUrl`. Idempotent. */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = pg.escapeIdentifier(appRole);
    const { rows } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const tables = new Set(rows.map((r) => r.name));
    const database = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db;
    await client.query("BEGIN");
    await client.query(`GRANT CONNECT ON DATABASE ${pg.escapeIdentifier(database)} TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    // Start from nothing on every table, so that a grant given by hand is taken back too.
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    for (const table of [...APPEND_ONLY_TABLES, ...READ_ONLY_TABLES]) {
      if (!tables.has(table)) continue;
      await client.query(`REVOKE UPDATE, DELETE ON ${pg.escapeIdentifier(table)} FROM ${role}`);
    }
    for (const table of READ_ONLY_TABLES) if (tables.has(table)) await client.query(`REVOKE INSERT ON ${pg.escapeIdentifier(table)} FROM ${role}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Creates the application's role if it does not exist (the embedded default
 * does this; on a real server the DBA creates it, see the README), or resets
 * its password, as a plain login role: not a superuser, no CREATEDB,
 * no CREATEROLE, no BYPASSRLS.
 */
export async function ensureAppRole(adminUrl: string, appRole: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [appRole]);
    const literal = pg.escapeLiteral(password);
    const role = pg.escapeIdentifier(appRole);
    await client.query(
      exists.rowCount
        ? `ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal}`
        : `CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal}`,
    );
  } finally {
    await client.end();
  }
}

/** The same URL, signed in as another role. */
export function urlAs(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The role a URL signs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** The application's role on the embedded default (a local server: a fixed password is enough there). */
export const EMBEDDED_APP_ROLE = { user: "annex_app", password: "annex_app" } as const;

/**
 * After the migrations: the URL the web server should connect with. On the
 * embedded default the role is created here; on a real server it is
 * APP_DATABASE_URL's (created by the DBA), granted here. Null when no
 * application role is configured (the server then runs as the owner: the
 * README says why that is to be avoided).
 */
export async function prepareAppConnection(ownerUrl: string, embeddedAdminUrl: string | null): Promise<string | null> {
  if (embeddedAdminUrl) {
    await ensureAppRole(embeddedAdminUrl, EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password);
    await grantAppRole(ownerUrl, EMBEDDED_APP_ROLE.user);
    return urlAs(ownerUrl, EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password);
  }
  const appUrl = process.env.APP_DATABASE_URL;
  if (!appUrl) return null;
  if (roleOf(appUrl) === roleOf(ownerUrl)) throw new Error("APP_DATABASE_URL 与 DATABASE_URL 使用同一个数据库角色：应用应以只有读写权限的独立角色连接");
  await grantAppRole(ownerUrl, roleOf(appUrl));
  return appUrl;
}
