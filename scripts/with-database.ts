// For the command-line scripts: DATABASE_URL when set, otherwise the embedded
// server of `npm start` (started for the duration of the command).
import { EMBEDDED_DEFAULTS } from "@/lib/db/database-url";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

export async function withDatabase<T>(use: (databaseUrl: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return use(process.env.DATABASE_URL);
  const embedded = await startEmbeddedPostgres(EMBEDDED_DEFAULTS);
  try {
    return await use(embedded.url);
  } finally {
    await embedded.stop();
  }
}
