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
import { applyImportMutation, previewImportMutation } from "@/lib/import/import-annex";
import type { Operator } from "@/lib/mutations/mutation";
import { runMutation } from "@/lib/mutations/run-mutation";
import { ensureRegions } from "@/lib/regions/seed-regions";
import { rollup, ROLLUP_DIMENSIONS, type RollupDimension } from "@/lib/rollups/rollups";
import { monthKey, parseMonthKey, reportingMonth } from "@/lib/progress/reporting-calendar";
import { listUsers } from "@/lib/users/list-users";
import { createUserMutation, resetPasswordMutation, setUserActiveMutation, setUserRoleMutation } from "@/lib/users/user-mutations";
import type { Mutation, Principal } from "@/lib/mutations/mutation";
import type { z } from "@/lib/validation/zod";
import { userInfo } from "node:os";
import { applyMigrations } from "@/lib/db/migrations";
import { prepareAppConnection } from "@/lib/db/app-role";
import { withDatabase } from "./with-database";
import { appNow } from "@/lib/time/clock";

const USAGE = `用法：
  npm run annex -- import FILE --plan CODE [--dry-run] [--json]
  npm run annex -- export --plan CODE --format xlsx|docx|pdf [--table annex|summary] --out FILE
  npm run annex -- rollup --plan CODE --by ${ROLLUP_DIMENSIONS.join("|")} [--month YYYY-MM] --json
  npm run annex -- user list [--json]
  npm run annex -- user add --login NAME --role admin|reviewer|editor|viewer [--name 姓名] [--unit UNIT] --password-stdin
  npm run annex -- user disable|enable --login NAME
  npm run annex -- user reset --login NAME --password-stdin
  npm run annex -- user set-role --login NAME --role admin|reviewer|editor|viewer [--unit UNIT]`;

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

/** Who the command line acts as: the operating-system account running it (it holds the database credentials anyway). */
const operatorName = `命令行（${userInfo().username}）`;
const operator: Operator = { kind: "operator", name: operatorName, login: operatorName };
const cli = { now: appNow(), request: { clientAddress: "命令行", userAgent: "npm run annex" } };

async function runImport(db: PrismaClient) {
  const file = positionals[1];
  if (!file) throw new UsageError("缺少要导入的文件");
  const planCode = required("plan");
  const preview = await runMutation(db, previewImportMutation, operator, { planCode, fileName: path.basename(file), bytes: new Uint8Array(readFileSync(file)) }, cli);
  const { counts } = preview;
  const applied = !values["dry-run"] && counts.errors === 0 ? await runMutation(db, applyImportMutation, operator, { importId: preview.importId }, cli) : null;
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

function passwordFromStdin(): string {
  if (!values["password-stdin"]) throw new UsageError("密码只从标准输入读取：请加 --password-stdin");
  return readFileSync(0, "utf8").replace(/\r?\n$/, "");
}

function roleArgument(): string {
  return required("role").toUpperCase();
}

async function runUser(db: PrismaClient) {
  const sub = positionals[1];
  const run = <S extends z.ZodType, R>(mutation: Mutation<S, R, Principal>, input: unknown) => runMutation(db, mutation, operator, input, cli);
  switch (sub) {
    case "list": {
      const users = await listUsers(db);
      if (values.json) console.log(JSON.stringify(users, null, 2));
      else for (const u of users) console.log(`${u.login}\t${u.role}\t${u.unitName ?? ""}\t${u.active ? "启用" : "停用"}${u.mustChangePassword ? "\t待改密码" : ""}\t${u.name}`);
      return;
    }
    case "add": {
      const login = required("login");
      const user = await run(createUserMutation, { login, name: values.name ?? login, role: roleArgument(), unitName: values.unit, password: passwordFromStdin() });
      console.log(`已创建用户 ${user.login}（id ${user.id}），首次登录须修改密码`);
      return;
    }
    case "disable":
    case "enable": {
      const result = await run(setUserActiveMutation, { login: required("login"), active: sub === "enable" });
      console.log(`已${sub === "enable" ? "启用" : "停用"}用户 ${result.login}${result.sessionsEnded ? `，结束其 ${result.sessionsEnded} 个会话` : ""}`);
      return;
    }
    case "reset": {
      const result = await run(resetPasswordMutation, { login: required("login"), password: passwordFromStdin() });
      console.log(`已重置用户 ${result.login} 的密码（下次登录须修改），结束其 ${result.sessionsEnded} 个会话`);
      return;
    }
    case "set-role": {
      const result = await run(setUserRoleMutation, { login: required("login"), role: roleArgument(), unitName: values.unit });
      console.log(`用户 ${result.login} 的角色已改为 ${result.role}${result.unitName ? `（${result.unitName}）` : ""}`);
      return;
    }
    default:
      throw new UsageError("用法：user list|add|disable|enable|reset|set-role …");
  }
}

const COMMANDS: Record<string, (db: PrismaClient) => Promise<void>> = { import: runImport, export: runExport, rollup: runRollup, user: runUser };

async function main() {
  const command = COMMANDS[positionals[0] ?? ""];
  if (values.help || !command) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  await withDatabase(async (url, embeddedAdminUrl) => {
    // A fresh installation works from the first command: migrations and regions first.
    await applyMigrations(url);
    await prepareAppConnection(url, embeddedAdminUrl);
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
