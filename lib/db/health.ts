import type { PrismaClient } from "@/lib/generated/prisma/client";

export type DatabaseHealth =
  | { status: "up"; serverVersion: string; latestMigration: string | null; appliedMigrations: number }
  | { status: "down"; error: string };

/** What /api/health reports: reachable, which server, how far migrated. */
export async function databaseHealth(db: PrismaClient): Promise<DatabaseHealth> {
  try {
    const [version] = await db.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
    const migrations = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY finished_at`;
    return {
      status: "up",
      serverVersion: version?.server_version ?? "unknown",
      latestMigration: migrations.at(-1)?.migration_name ?? null,
      appliedMigrations: migrations.length,
    };
  } catch (error) {
    return { status: "down", error: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  }
}
