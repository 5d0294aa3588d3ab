// Heavy reads (rollups, the dashboard, exports) may go to a streaming replica
// (DATABASE_REPLICA_URL), so that an installation grows on PostgreSQL's own
// replication. A person who has just saved something reads from the primary
// for a few seconds (a cookie set by every successful mutation), so that they
// see their own change at once even while the replica lags behind.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient, prisma } from "./client";
import { replicaUrl, WROTE_RECENTLY_COOKIE } from "./read-your-writes";

const replicas = new WeakSet<PrismaClient>();

/** True for a client on the read replica: nothing may be written through it (a hot standby refuses). */
export function isReplica(db: PrismaClient): boolean {
  return replicas.has(db);
}

export function createReplicaClient(url: string): PrismaClient {
  const db = createPrismaClient(url);
  replicas.add(db);
  return db;
}

const globalForReplica = globalThis as unknown as { annexReplica?: { url: string; db: PrismaClient } };

export type HeavyRead = { db: PrismaClient; databaseUrl: string; replica: boolean };

/** Where a heavy read goes: the replica when there is one, unless the person wrote in the last few seconds. */
export function heavyReadDatabase(wroteRecently: boolean, env: NodeJS.ProcessEnv = process.env): HeavyRead {
  const url = replicaUrl(env);
  if (!url || wroteRecently) return { db: prisma(), databaseUrl: env.DATABASE_URL!, replica: false };
  if (globalForReplica.annexReplica?.url !== url) globalForReplica.annexReplica = { url, db: createReplicaClient(url) };
  return { db: globalForReplica.annexReplica.db, databaseUrl: url, replica: true };
}

/** The same, for the request being served (pages and route handlers): reads the cookie. */
export async function heavyRead(): Promise<HeavyRead> {
  if (!replicaUrl()) return heavyReadDatabase(false);
  const { cookies } = await import("next/headers");
  return heavyReadDatabase((await cookies()).has(WROTE_RECENTLY_COOKIE));
}
