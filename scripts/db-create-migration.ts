// `npm run db:migration -- NAME`: writes prisma/migrations/<timestamp>_NAME/
// (migration.sql and the schema.prisma snapshot it leads to) from the
// difference between the newest migration's snapshot and prisma/schema.prisma
// — the developer's `prisma migrate dev --create-only`. Review the SQL.
import path from "node:path";
import { createMigration } from "@/lib/db/migrations";
import { withDatabase } from "./with-database";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("用法：npm run db:migration -- <name>（小写字母、数字和下划线）");
  process.exit(2);
}

const dir = await withDatabase((url) => createMigration(name, url));
console.log(dir ? `已写入 ${path.relative(process.cwd(), dir)}/migration.sql` : "schema.prisma 与最新迁移一致，无需新迁移。");
