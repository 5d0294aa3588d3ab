import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export function createPrismaClient(databaseUrl: string): PrismaClient {
  // Transactions get more than Prisma's default 5 s: on a loaded two-core machine a
  // large one (loading the demo data, an import) can take longer without being stuck.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }), transactionOptions: { maxWait: 10_000, timeout: 60_000 } });
}

// One client per server process, kept on globalThis so that Next's hot reload
// in development does not open a new pool on every edit.
const globalForPrisma = globalThis as unknown as { annexPrisma?: PrismaClient };

/** The application's shared client, on DATABASE_URL (`npm start` sets it, to the embedded server by default). */
export function prisma(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL 未设置：请用 npm start 启动，或设置 DATABASE_URL");
  globalForPrisma.annexPrisma ??= createPrismaClient(url);
  return globalForPrisma.annexPrisma;
}
