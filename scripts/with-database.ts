// For the command-line scripts: DATABASE_URL when set, otherwise the embedded
// server of `npm start` (started for the duration of the command). The
// second argument is the embedded server's superuser URL (null on DATABASE_URL).
import { EMBEDDED_DEFAULTS } from "@/lib/db/database-url";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

export async function withDatabase<T>(use: (databaseUrl: string, embeddedAdminUrl: string | null) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return use(process.env.DATABASE_URL, null);
  const embedded = await startEmbeddedPostgres(EMBEDDED_DEFAULTS);
  try {
    return await use(embedded.url, embedded.adminUrl);
  } finally {
    await embedded.stop();
  }
}
