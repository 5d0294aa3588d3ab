// `npm run db:restore -- FILE [--replace]`: a backup of db:backup into
// DATABASE_URL (as its owner) or the embedded default, in one transaction;
// then the application role's grants again (roles are not in the backup).
import { parseArgs } from "node:util";
import { prepareAppConnection } from "@/lib/db/app-role";
import { restoreDatabase } from "@/lib/db/backup";
import { withDatabase } from "./with-database";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { replace: { type: "boolean" } } });
const file = positionals[0];
if (!file) {
  console.error("用法：npm run db:restore -- FILE [--replace]（--replace：替换目标数据库的全部现有内容）");
  process.exit(2);
}
try {
  await withDatabase(async (url, embeddedAdminUrl) => {
    await restoreDatabase(url, file, { replace: Boolean(values.replace) });
    await prepareAppConnection(url, embeddedAdminUrl);
  });
  console.log(`已从 ${file} 恢复`);
} catch (error) {
  console.error(`恢复失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
