// `npm start`: everything a fresh clone needs to serve the application.
// 1. the database: DATABASE_URL, or an embedded PostgreSQL in .data/postgres;
// 2. pending migrations and the reference regions;
// 3. on the embedded default (or with SEED_DEMO=1), the real Wenzhou annex and
//    the demo accounts, when the database has no plan yet, and the demo clock:
//    today is DEMO_TODAY (2025-11-20) unless ANNEX_TODAY says otherwise;
// 4. a production build when the sources are newer than the last one;
// 5. the production server (scripts/serve.mjs: `next` behind a request queue) on
//    PORT (3000), until Ctrl-C (`npm run dev`: `next dev` instead).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/client";
import { EMBEDDED_DEFAULTS } from "@/lib/db/database-url";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { prepareAppConnection } from "@/lib/db/app-role";
import { DEMO_PASSWORD, DEMO_TODAY, seedDemoData, WENZHOU_PLAN } from "@/lib/plans/demo-data";
import { seedDemoProgress } from "@/lib/progress/demo-progress";
import { ensureRegions } from "@/lib/regions/seed-regions";
import { appNow, fixedToday } from "@/lib/time/clock";
import { configuredTimeZone, DEFAULT_TIME_ZONE } from "@/lib/time/time-zone";
import { buildIfStale, nextBin } from "./build-if-stale";
import { serverCommand } from "./serve-command";

const ROOT = process.cwd();
const PORT = Number(process.env.PORT ?? 3000);
/** The embedded server once started, stopped again if starting the application fails. */
let embeddedServer: { stop(): Promise<void> } | null = null;

async function main() {
  const usingEmbedded = !process.env.DATABASE_URL;
  const embedded = usingEmbedded ? await startEmbeddedPostgres(EMBEDDED_DEFAULTS) : null;
  embeddedServer = embedded;
  const databaseUrl = embedded?.url ?? process.env.DATABASE_URL!;
  console.log(usingEmbedded ? `数据库：内置 PostgreSQL（数据目录 ${EMBEDDED_DEFAULTS.dataDir}）` : "数据库：DATABASE_URL");

  // Behind PgBouncer in transaction mode, migrations go to PostgreSQL directly (DATABASE_DIRECT_URL):
  // the schema engine holds a session-level advisory lock, which a pooler in that mode cannot keep.
  const { applied } = await applyMigrations((usingEmbedded ? null : process.env.DATABASE_DIRECT_URL) || databaseUrl);
  console.log(applied.length ? `已应用迁移：${applied.join(", ")}` : "数据库结构已是最新");

  const db = createPrismaClient(databaseUrl);
  await ensureRegions(db);
  const demo = usingEmbedded || process.env.SEED_DEMO === "1";
  // The demo's clock: a date inside the plan's years (the server started below inherits it).
  if (demo) process.env.ANNEX_TODAY ||= DEMO_TODAY;
  const today = fixedToday();
  // A zone that is not one stops here, before anything is served (lib/time/time-zone.ts).
  const zone = configuredTimeZone(process.env);
  if (zone !== DEFAULT_TIME_ZONE) console.log(`时区：${zone}（ANNEX_TIME_ZONE）`);
  if (today) console.log(`演示时钟：今天按 ${process.env.ANNEX_TODAY} 计（时刻取真实时间；ANNEX_TODAY=YYYY-MM-DD 可改，设为空则用真实日期）`);
  if (demo) {
    const seeded = await seedDemoData(db, appNow());
    if (seeded.created) console.log("已载入温州市“十四五”重大项目表（69 个项目）");
    if ((await seedDemoProgress(db, WENZHOU_PLAN.code, appNow())).created) console.log("已生成演示进度数据（规划年度内的年度计划和月度填报，截至演示日期，仅供演示）");
    printDemoAccounts(seeded.users);
  }
  await db.$disconnect();

  // Migrations ran as the owner; the web server connects as the application's role.
  const appUrl = await prepareAppConnection(databaseUrl, embedded?.adminUrl ?? null);
  if (!appUrl) console.warn("注意：未设置 APP_DATABASE_URL，应用将以数据库所有者身份连接（见 README“最小权限”）");

  const env = {
    ...process.env,
    DATABASE_URL: appUrl ?? databaseUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${PORT}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const dev = process.argv.includes("--dev");
  if (!dev) buildIfStale(env);

  console.log(`\n打开 http://localhost:${PORT} 登录使用（Ctrl-C 停止）\n`);
  // Production: Next's handler behind the request gate (scripts/serve.mjs); development: `next dev`.
  const [node, args] = dev ? [process.execPath, [nextBin(), "dev", "-p", String(PORT)]] : serverCommand(PORT);
  const server = spawn(node, args, { stdio: "inherit", env });
  const shutdown = async () => {
    server.kill("SIGTERM");
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  const code = await new Promise<number>((resolve) => server.on("exit", (c) => resolve(c ?? 0)));
  await embedded?.stop();
  process.exit(code);
}

function printDemoAccounts(users: { login: string; role: string; unitName?: string }[]) {
  console.log(`\n示例账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const u of users) console.log(`  ${u.login.padEnd(8)} ${u.role}${u.unitName ? `（${u.unitName}）` : ""}`);
}

/** A session secret kept in .data so that sessions survive a restart; production sets NEXTAUTH_SECRET. */
function localSecret(): string {
  const file = path.join(ROOT, ".data/nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

main().catch(async (error) => {
  console.error(`启动失败：${error instanceof Error ? error.message : String(error)}`);
  await embeddedServer?.stop().catch(() => undefined);
  process.exit(1);
});
