// `npm run db:migrate`: applies pending migrations to DATABASE_DIRECT_URL or
// DATABASE_URL (or the embedded default) and loads the reference regions. Safe to run repeatedly.
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { ensureRegions } from "@/lib/regions/seed-regions";
import { prepareAppConnection } from "@/lib/db/app-role";
import { withDatabase } from "./with-database";

try {
  await withDatabase(async (url, embeddedAdminUrl) => {
    // Behind PgBouncer in transaction mode, migrations go to PostgreSQL directly: the schema
    // engine holds a session-level advisory lock, which a pooler in that mode cannot keep.
    const { applied } = await applyMigrations(process.env.DATABASE_DIRECT_URL || url);
    console.log(applied.length ? `已应用迁移：\n  ${applied.join("\n  ")}` : "没有待应用的迁移，数据库结构已是最新。");
    const db = createPrismaClient(url);
    try {
      await ensureRegions(db);
    } finally {
      await db.$disconnect();
    }
    // New tables get the application role's grants (APP_DATABASE_URL's role; annex_app on the embedded default).
    const appUrl = await prepareAppConnection(url, embeddedAdminUrl);
    if (appUrl) console.log(`已授予应用角色权限：${new URL(appUrl).username}`);
  });
} catch (error) {
  console.error(`迁移失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
