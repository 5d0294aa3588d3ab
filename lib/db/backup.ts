// Backup and restore with PostgreSQL's own tools (pg_dump's custom format,
// pg_restore), of the same major version as the server or newer: pg_dump
// refuses a server newer than itself. The embedded default is PostgreSQL 15
// for that reason: Debian ships postgresql-client-15 (see the README).
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export type ClientTool = "pg_dump" | "pg_restore";

export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(rows[0]!.v) / 10000);
  } finally {
    await client.end();
  }
}

async function toolMajor(binary: string): Promise<number | null> {
  try {
    const { stdout } = await run(binary, ["--version"]);
    const match = /(\d+)(?:\.\d+)?/.exec(stdout);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * The client tool for a server of `major`: PG_BIN (a folder) when set, else
 * Debian's /usr/lib/postgresql/<N>/bin with N = major or the nearest newer,
 * else the one on PATH if it is new enough.
 */
export async function findClientTool(tool: ClientTool, major: number): Promise<string> {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(path.join(process.env.PG_BIN, tool));
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const majors = readdirSync(debian).map(Number).filter((n) => Number.isInteger(n) && n >= major).sort((a, b) => a - b);
    for (const n of majors) candidates.push(path.join(debian, String(n), "bin", tool));
  }
  candidates.push(tool);
  for (const candidate of candidates) {
    const found = await toolMajor(candidate);
    if (found !== null && found >= major) return candidate;
  }
  throw new Error(`找不到 PostgreSQL ${major} 或更新版本的 ${tool}：请安装对应版本的客户端（Debian：apt-get install postgresql-client-${major}），或用 PG_BIN 指定其 bin 目录`);
}

/** The URL without its password, and the password for PGPASSWORD (never on a command line). */
function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Writes the whole database to `file` (pg_dump custom format, without owners or grants: roles differ between servers). */
export async function backupDatabase(url: string, file: string): Promise<{ tool: string; serverMajor: number }> {
  const major = await serverMajor(url);
  const tool = await findClientTool("pg_dump", major);
  const { url: dbname, env } = splitPassword(url);
  await run(tool, ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${dbname}`], { env, maxBuffer: 64 * 1024 * 1024 });
  return { tool, serverMajor: major };
}

export async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/**
 * Restores `file` into the database at `url` (as its owner), in one
 * transaction: all of it or nothing. An empty database is required unless
 * `replace`, which first drops everything in the public schema.
 */
export async function restoreDatabase(url: string, file: string, options: { replace: boolean }): Promise<void> {
  if (!existsSync(file)) throw new Error(`备份文件不存在：${file}`);
  const tables = await tableCount(url);
  if (tables > 0 && !options.replace) throw new Error(`目标数据库已有 ${tables} 张表：恢复会替换其全部内容，确认请加 --replace`);
  const major = await serverMajor(url);
  const tool = await findClientTool("pg_restore", major);
  if (tables > 0) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("DROP SCHEMA public CASCADE");
      await client.query("CREATE SCHEMA public");
    } finally {
      await client.end();
    }
  }
  const { url: dbname, env } = splitPassword(url);
  await run(tool, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${dbname}`, file], { env, maxBuffer: 64 * 1024 * 1024 });
}
