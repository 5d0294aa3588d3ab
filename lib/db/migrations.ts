// Migrations through Prisma's schema engine compiled to WebAssembly.
//
// Why not `prisma migrate deploy`: the Prisma CLI downloads a native
// schema-engine binary on first use, and these machines cannot reach the host
// it comes from. The same engine ships on npm as @prisma/schema-engine-wasm
// (version pinned in package.json), which records migrations in
// `_prisma_migrations` exactly as the CLI does. The day the native binary is
// reachable, `applyMigrations` becomes `prisma migrate deploy` — one line in
// package.json's db:migrate script — and the migrations folder is unchanged.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

type EngineModule = typeof import("@prisma/schema-engine-wasm");

const PROJECT_ROOT = process.cwd();
export const SCHEMA_PATH = path.join(PROJECT_ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma/migrations");
const LOCKFILE = "migration_lock.toml";
const NO_FILTERS = { externalTables: [], externalEnums: [] };

let engineModule: Promise<EngineModule> | null = null;

/**
 * Loads the engine once. The package's own entry imports the .wasm as an ES
 * module, which Node refuses, and its exports map hides the files: so the
 * glue and the binary are loaded by path and wired up by hand.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(path.join(PROJECT_ROOT, "package.json"));
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const glue = (await import(path.join(dir, "schema_engine_bg.js"))) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const imports: Record<string, unknown> = { ...glue };
    // The engine arms timers (a 10 s one among them) that it never clears;
    // unreferenced, they no longer keep a finished command alive.
    for (const name of Object.keys(imports).filter((k) => k.startsWith("__wbg_setTimeout"))) {
      imports[name] = (callback: () => void, ms: number) => {
        const timer = setTimeout(callback, ms >>> 0);
        timer.unref();
        return timer;
      };
    }
    const { instance } = await WebAssembly.instantiate(await readFile(path.join(dir, "schema_engine_bg.wasm")), {
      "./schema_engine_bg.js": imports as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return engineModule;
}

/**
 * PrismaPg, except that a migration script runs whole. The adapter splits a
 * script on every ";", which breaks hand-written SQL such as a function body
 * ($$ … $$); pg's simple query protocol runs a multi-statement script as one
 * implicit transaction instead, as the native engine does — so a migration
 * that fails half-way leaves nothing behind.
 */
class WholeScriptPrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const pool = adapter.underlyingDriver() as pg.Pool;
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        // The adapter's own translation into the engine's error format.
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  }
}

async function withEngine<T>(databaseUrl: string, use: (engine: SchemaEngine, schema: string) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  // Our own pool, ended afterwards: the engine takes a session-level advisory
  // lock and never closes its connections, which would make the next run wait.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(new WholeScriptPrismaPg(pool));
  const logs: string[] = [];
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, (log: string) => logs.push(log), adapterFactory);
  try {
    return await use(engine, schema);
  } catch (error) {
    throw new Error(`${engineErrorMessage(error)}${logs.length ? `\n${logs.slice(-5).join("\n")}` : ""}`);
  } finally {
    engine.free();
    await pool.end();
  }
}

function engineErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error && "message" in error) return String((error as { message: unknown }).message);
  return String(error);
}

/** The migrations folder as the engine reads it (sorted by name, i.e. by timestamp). */
export function readMigrationList(dir = MIGRATIONS_DIR): MigrationList {
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
        .map((e) => e.name)
        .sort()
    : [];
  const lockPath = path.join(dir, LOCKFILE);
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(path.join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** Applies the pending migrations, as `prisma migrate deploy` would; returns the names applied. */
export async function applyMigrations(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrationList(dir), filters: NO_FILTERS });
    return { applied: result.appliedMigrationNames };
  });
}

/** The datamodel each migration brings a database to, kept beside its SQL. */
const SNAPSHOT = "schema.prisma";

/**
 * The datamodel as of the newest migration. Why snapshots: replaying the
 * migrations into a shadow database and introspecting it fails through the
 * pg adapter (it cannot read PostgreSQL's internal "char" catalog columns),
 * so migrations are diffed datamodel to datamodel instead; the integration
 * test checks that the SQL of the migrations really produces that datamodel.
 */
export function latestSnapshot(dir = MIGRATIONS_DIR): { migration: string; schema: string } | null {
  const list = readMigrationList(dir);
  const latest = list.migrationDirectories.at(-1);
  if (!latest) return null;
  const file = path.join(dir, latest.path, SNAPSHOT);
  if (!existsSync(file)) throw new Error(`迁移 ${latest.path} 缺少 ${SNAPSHOT}（该迁移对应的数据模型快照）`);
  return { migration: latest.path, schema: readFileSync(file, "utf8") };
}

/** SQL from one datamodel to another (null = an empty database). Needs no database. */
export async function diffDatamodels(from: string | null, to: string, databaseUrl: string): Promise<string> {
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = result.stdout ?? "";
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? "" : sql;
  });
}

/** What a new migration would have to do to reach prisma/schema.prisma; "" when nothing. */
export async function pendingSchemaChanges(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<string> {
  return diffDatamodels(latestSnapshot(dir)?.schema ?? null, readFileSync(SCHEMA_PATH, "utf8"), databaseUrl);
}

/** Writes prisma/migrations/<timestamp>_<name>/ with the SQL and the datamodel snapshot. */
export async function createMigration(name: string, databaseUrl: string, dir = MIGRATIONS_DIR): Promise<string | null> {
  const sql = await pendingSchemaChanges(databaseUrl, dir);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const target = path.join(dir, `${stamp}_${name}`);
  mkdirSync(target, { recursive: true });
  writeFileSync(path.join(target, "migration.sql"), sql);
  writeFileSync(path.join(target, SNAPSHOT), readFileSync(SCHEMA_PATH, "utf8"));
  return target;
}
