// `npm run annex -- <command>`: the command line for the DRC's operators, on
// the same lib/ code as the web application. Uses DATABASE_URL when set,
// otherwise the embedded database of `npm start`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { createPrismaClient } from "@/lib/db/client";
import { annexDocument } from "@/lib/export/annex-docx";
import { annexPdf } from "@/lib/export/annex-pdf";
import { annexTable, summaryTable } from "@/lib/export/annex-table";
import { annexWorkbook } from "@/lib/export/annex-xlsx";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyImport, previewImport, type Importer } from "@/lib/import/import-annex";
import { ensureRegions } from "@/lib/regions/seed-regions";
import { rollup, ROLLUP_DIMENSIONS, type RollupDimension } from "@/lib/rollups/rollups";
import { monthKey, parseMonthKey, reportingMonth } from "@/lib/progress/reporting-calendar";
import { createUser } from "@/lib/users/create-user";
import { userInfo } from "node:os";
import { applyMigrations } from "@/lib/db/migrations";
import { withDatabase } from "./with-database";
import { appNow } from "@/lib/time/clock";

const USAGE = `用法：
  npm run annex -- import FILE --plan CODE [--dry-run] [--json]
  npm run annex -- export --plan CODE --format xlsx|docx|pdf [--table annex|summary] --out FILE
  npm run annex -- rollup --plan CODE --by ${ROLLUP_DIMENSIONS.join("|")} [--month YYYY-MM] --json
  npm run annex -- user add --login NAME --role admin|reviewer|editor|viewer [--name 姓名] [--unit UNIT] --password-stdin`;

class UsageError extends Error {}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    plan: { type: "string" },
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
    format: { type: "string" },
    table: { type: "string" },
    out: { type: "string" },
    by: { type: "string" },
    month: { type: "string" },
    login: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    unit: { type: "string" },
    "password-stdin": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== "string" || !value) throw new UsageError(`缺少参数 --${name}`);
  return value;
}

/** Who the command line acts as: the operating-system account running it. */
const importer: Importer = { userId: null, name: `命令行（${userInfo().username}）` };

async function runImport(db: PrismaClient) {
  const file = positionals[1];
  if (!file) throw new UsageError("缺少要导入的文件");
  const planCode = required("plan");
  const preview = await previewImport(db, importer, { planCode, fileName: path.basename(file), bytes: readFileSync(file) });
  const { counts } = preview;
  const applied = !values["dry-run"] && counts.errors === 0 ? await applyImport(db, importer, preview.importId) : null;
  if (values.json) {
    console.log(JSON.stringify({ ...preview, applied: applied !== null }, null, 2));
  } else {
    console.log(`${preview.fileName} → 规划 ${planCode}${preview.planExists ? "" : "（新建）"}：${counts.rows} 行，新增 ${counts.add}，修改 ${counts.change}，不变 ${counts.same}，删除 ${counts.remove}`);
    for (const i of preview.issues) console.log(`  ${i.severity === "error" ? "错误" : "提示"} 第${i.row}行${i.column ? ` ${i.column}` : ""}：${i.message}`);
    console.log(applied ? "已导入。" : counts.errors ? `有 ${counts.errors} 处错误，未导入。` : "试运行（--dry-run），未写入。");
  }
  if (counts.errors > 0) process.exitCode = 1;
}

async function runExport(db: PrismaClient) {
  const planCode = required("plan");
  const format = required("format");
  const out = required("out");
  const which = values.table ?? "annex";
  if (which !== "annex" && which !== "summary") throw new UsageError("--table 应为 annex 或 summary");
  const write = { xlsx: annexWorkbook, docx: annexDocument, pdf: annexPdf }[format];
  if (!write) throw new UsageError("--format 应为 xlsx、docx 或 pdf");
  const annex = which === "annex" ? await annexTable(db, planCode) : null;
  const summary = which === "summary" ? await summaryTable(db, planCode) : null;
  const bytes = await write(annex, summary);
  writeFileSync(out, bytes);
  console.log(`已导出 ${out}（${bytes.length} 字节）`);
}

async function runRollup(db: PrismaClient) {
  const by = required("by") as RollupDimension;
  if (!ROLLUP_DIMENSIONS.includes(by)) throw new UsageError(`--by 应为 ${ROLLUP_DIMENSIONS.join("、")}`);
  // Progress as of --month; by status it is needed, and defaults to the month units report on now.
  const month = values.month ? parseMonthKey(values.month) : by === "status" ? reportingMonth(appNow()) : undefined;
  if (month === null) throw new UsageError(`--month 应为 YYYY-MM，例如 2026-10`);
  const rows = await rollup(db, required("plan"), by, { asOf: month });
  const out = {
    by,
    ...(month ? { month: monthKey(month) } : {}),
    rows: rows.map((r) => ({ key: r.key, projects: r.projects, totalWan: r.totalWan, fypWan: r.fypWan, ...(r.progress ? { progress: r.progress } : {}) })),
  };
  if (values.json) console.log(JSON.stringify(out, null, 2));
  else for (const r of rows) console.log(`${r.key}\t${r.projects}\t${r.totalWan}\t${r.fypWan}`);
}

async function runUserAdd(db: PrismaClient) {
  if (positionals[1] !== "add") throw new UsageError("用法：user add …");
  if (!values["password-stdin"]) throw new UsageError("密码只从标准输入读取：请加 --password-stdin");
  const password = readFileSync(0, "utf8").replace(/\r?\n$/, "");
  const login = required("login");
  const user = await createUser(db, {
    login,
    name: values.name ?? login,
    role: required("role").toUpperCase() as "ADMIN",
    unitName: values.unit,
    password,
  });
  console.log(`已创建用户 ${user.login}（id ${user.id}）`);
}

const COMMANDS: Record<string, (db: PrismaClient) => Promise<void>> = { import: runImport, export: runExport, rollup: runRollup, user: runUserAdd };

async function main() {
  const command = COMMANDS[positionals[0] ?? ""];
  if (values.help || !command) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  await withDatabase(async (url) => {
    // A fresh installation works from the first command: migrations and regions first.
    await applyMigrations(url);
    const db = createPrismaClient(url);
    try {
      await ensureRegions(db);
      await command(db);
    } finally {
      await db.$disconnect();
    }
  });
}

function report(error: unknown): void {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof AppError) {
    console.error(`失败：${error.message}`);
    const problems = (error.details as { problems?: { message: string }[] } | undefined)?.problems;
    if (problems) for (const p of problems) console.error(`  ${p.message}`);
    process.exitCode = 1;
  } else {
    console.error(`失败：${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

main()
  .catch(report)
  // Explicitly: the embedded server's exit hook would otherwise end the process with 0.
  .finally(() => process.exit(process.exitCode ?? 0));
