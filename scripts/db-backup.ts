// `npm run db:backup -- FILE`: the whole database (DATABASE_URL, as its
// owner, or the embedded default) into FILE, in pg_dump's custom format.
import { backupDatabase } from "@/lib/db/backup";
import { withDatabase } from "./with-database";

const file = process.argv[2];
if (!file) {
  console.error("用法：npm run db:backup -- FILE");
  process.exit(2);
}
try {
  const result = await withDatabase((url) => backupDatabase(url, file));
  console.log(`已备份到 ${file}（服务器 PostgreSQL ${result.serverMajor}，工具 ${result.tool}）`);
} catch (error) {
  console.error(`备份失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
