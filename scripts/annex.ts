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
import { oc4idsData, oc4idsPackage } from "@/lib/export/oc4ids";
import { EXPORT_FORMATS, exportFile, type ExportFormat } from "@/lib/export/export-file";
import { findVersion, listVersions, versionRollup } from "@/lib/versions/plan-versions";
import { countyProgressByShare, rollupByCountyWithShares } from "@/lib/projects/county-shares";
import { publicationDocx } from "@/lib/export/publication-docx";
import { publicationPdf } from "@/lib/export/publication-pdf";
import { publicationXlsx } from "@/lib/export/publication-xlsx";
import { bulletinData } from "@/lib/bulletin/bulletin-data";
import { bulletinPublication } from "@/lib/bulletin/bulletin-document";
import { bulletinQuerySchema } from "@/lib/bulletin/bulletin-input";
import { parseInput } from "@/lib/validation/parse-input";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyAnnexImport, previewAnnexImport } from "@/lib/import/import-mutations";
import type { Operator } from "@/lib/mutations/mutation";
import { runMutation } from "@/lib/mutations/run-mutation";
import { FIELD_BY_LABEL, importOptionsInput, parseYearRange, type ImportOptions } from "@/lib/import/import-options";
import { ensureRegions } from "@/lib/regions/seed-regions";
import { rollup, ROLLUP_DIMENSIONS, type RollupDimension } from "@/lib/rollups/rollups";
import { LEVELS, levelSummary, planLevels, type Levels } from "@/lib/rollups/levels";
import { monthKey, parseMonthKey, reportingMonth } from "@/lib/progress/reporting-calendar";
import { basisLine, basisParamSchema } from "@/lib/progress/report-basis";
import { versionInForce, versionLine } from "@/lib/versions/in-force";
import { listUsers } from "@/lib/users/list-users";
import { createUserMutation, resetPasswordMutation, setUserActiveMutation, setUserRoleMutation } from "@/lib/users/user-mutations";
import type { Mutation, Principal } from "@/lib/mutations/mutation";
import type { z } from "@/lib/validation/zod";
import { loadActor } from "@/lib/auth/actor";
import { importReportTemplateMutation, previewReportTemplate, reportTemplateWorkbook } from "@/lib/progress/report-template";
import { userInfo } from "node:os";
import { applyMigrations } from "@/lib/db/migrations";
import { prepareAppConnection } from "@/lib/db/app-role";
import { withDatabase } from "./with-database";
import { appNow } from "@/lib/time/clock";

const USAGE = `用法：
  npm run annex -- import FILE --plan CODE [--region GBCODE] [--column 总投资=调整后总投资]… [--include-hidden] [--name 规划名称] [--years 2021-2025] [--dry-run] [--json]
  npm run annex -- export --plan CODE --format xlsx|docx|pdf [--table annex|summary|changes] [--published] [--version N] --out FILE
  npm run annex -- export --plan CODE --format oc4ids --out FILE.json
  npm run annex -- bulletin --plan CODE --month YYYY-MM --format docx|pdf|xlsx [--basis approved|submitted] --out FILE
  npm run annex -- rollup --plan CODE --by ${ROLLUP_DIMENSIONS.join("|")} [--month YYYY-MM] [--basis approved|submitted] [--levels own|all] [--version N] --json
  npm run annex -- rollup --plan CODE --by county --shares [--month YYYY-MM | --version N] --json（按区县拆分的项目按份额计入；进度按份额分摊；--version N：该版冻结的拆分）
  npm run annex -- versions --plan CODE [--json]
  npm run annex -- user list [--json]
  npm run annex -- user add --login NAME --role admin|reviewer|editor|viewer [--name 姓名] [--unit UNIT] [--region GBCODE] --password-stdin
  npm run annex -- user disable|enable --login NAME
  npm run annex -- user reset --login NAME --password-stdin
  npm run annex -- user set-role --login NAME --role admin|reviewer|editor|viewer [--unit UNIT] [--region GBCODE]
  npm run annex -- report-template --plan CODE --month YYYY-MM --as LOGIN [--unit UNIT] --out FILE
  npm run annex -- report-import FILE --plan CODE --month YYYY-MM --as LOGIN [--unit UNIT] [--dry-run] [--json]`;

class UsageError extends Error {}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    plan: { type: "string" },
    "dry-run": { type: "boolean" },
    column: { type: "string", multiple: true },
    "include-hidden": { type: "boolean" },
    years: { type: "string" },
    json: { type: "boolean" },
    format: { type: "string" },
    table: { type: "string" },
    published: { type: "boolean" },
    out: { type: "string" },
    by: { type: "string" },
    basis: { type: "string" },
    month: { type: "string" },
    login: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    unit: { type: "string" },
    region: { type: "string" },
    levels: { type: "string" },
    "password-stdin": { type: "boolean" },
    as: { type: "string" },
    version: { type: "string" },
    shares: { type: "boolean" },
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
  const options = importOptions();
  const bytes = readFileSync(file);
  const preview = await runMutation(db, previewAnnexImport, operator, { planCode, fileName: path.basename(file), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), options }, cli);
  const { counts } = preview;
  const applied = !values["dry-run"] && counts.errors === 0 ? await runMutation(db, applyAnnexImport, operator, { importId: preview.importId, options }, cli) : null;
  if (values.json) {
    console.log(JSON.stringify({ ...preview, applied: applied !== null }, null, 2));
  } else {
    console.log(`${preview.fileName} → 规划 ${preview.planCode}${preview.planExists ? "" : "（新建）"}：${counts.rows} 行，新增 ${counts.add}，修改 ${counts.change}，不变 ${counts.same}，删除 ${counts.remove}`);
    if (preview.newPlan) {
      const p = preview.newPlan;
      console.log(`  新规划：名称 ${p.name ?? "（未定，请用 --name）"}，年度 ${p.startYear ?? "?"}–${p.endYear ?? "?"}${p.yearsFrom === "periods" ? "（按项目期限推断）" : p.yearsFrom === "title" ? "（按标题推断）" : ""}`);
      console.log(`  所属地区：${p.regionName ?? "？"}（${p.regionCode}${p.regionFrom === "title" ? "，按标题推断" : p.regionFrom === "default" ? "，标题未写地区，默认；可用 --region 指定" : ""}）`);
    }
    for (const a of preview.ambiguities.filter((x) => x.chosen === null)) {
      console.log(`  ${a.label}有 ${a.candidates.length} 列可选：${a.candidates.map((c) => `${c.letter} 列“${c.header}”`).join("、")}；请用 --column ${a.label}=列名 或 --column ${a.label}=${a.candidates[0]!.letter} 指定`);
    }
    for (const i of preview.issues) console.log(`  ${i.severity === "error" ? "错误" : "提示"} 第${i.row}行${i.column ? ` ${i.column}` : ""}：${i.message}`);
    console.log(applied ? "已导入。" : counts.errors ? `有 ${counts.errors} 处错误，未导入。` : "试运行（--dry-run），未写入。");
  }
  if (counts.errors > 0) process.exitCode = 1;
}

/** --column 总投资=调整后总投资, --include-hidden, --name, --years 2021-2025, --region 330381, as the preview's decisions. */
function importOptions(): ImportOptions {
  const columns: Record<string, string> = {};
  for (const spec of values.column ?? []) {
    const [label, choice] = spec.split(/=(.*)/s).map((x) => x?.trim() ?? "");
    const field = FIELD_BY_LABEL[label!] ?? (Object.values(FIELD_BY_LABEL).includes(label as never) ? label : undefined);
    if (!field || !choice) throw new UsageError(`--column 应为“字段=列名”或“字段=列字母”，字段为 ${Object.keys(FIELD_BY_LABEL).join("、")}（收到“${spec}”）`);
    columns[field] = choice;
  }
  const years = values.years === undefined ? null : parseYearRange(values.years);
  if (values.years !== undefined && !years) throw new UsageError(`--years 应为“起始年-结束年”，例如 2021-2025（收到“${values.years}”）`);
  return parseInput(importOptionsInput, {
    ...(Object.keys(columns).length ? { columns } : {}),
    ...(values["include-hidden"] ? { includeHidden: true } : {}),
    ...(values.name || years || values.region
      ? { plan: { ...(values.name ? { name: values.name } : {}), ...(years ?? {}), ...(values.region ? { regionCode: values.region } : {}) } }
      : {}),
  });
}

async function runExport(db: PrismaClient) {
  const planCode = required("plan");
  const format = required("format");
  const out = required("out");
  if (format === "oc4ids") {
    // The package's URI: where the application serves it.
    const base = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
    const json = JSON.stringify(oc4idsPackage(await oc4idsData(db, planCode), new URL(`/api/plans/${encodeURIComponent(planCode)}/oc4ids`, base).toString()), null, 2);
    writeFileSync(out, json);
    console.log(`已导出 ${out}（OC4IDS ${json.length} 字符）`);
    return;
  }
  const which = values.table ?? "annex";
  if (which !== "annex" && which !== "summary" && which !== "changes") throw new UsageError("--table 应为 annex、summary 或 changes");
  const version = versionArgument();
  if (version !== undefined || which === "changes") {
    // As of a version (its frozen rows, the same bytes every time), or the 调整前后对照表: the export the web application serves.
    if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw new UsageError("--format 应为 xlsx、docx、pdf 或 oc4ids");
    const file = await exportFile(db, { planCode, format: format as ExportFormat, table: which, version, figures: values.published ? "published" : "detail" });
    writeFileSync(out, file.bytes);
    console.log(`已导出 ${out}（${file.title}，${file.bytes.length} 字节）`);
    return;
  }
  const write = { xlsx: annexWorkbook, docx: annexDocument, pdf: annexPdf }[format];
  if (!write) throw new UsageError("--format 应为 xlsx、docx、pdf 或 oc4ids");
  const annex = which === "annex" ? await annexTable(db, planCode) : null;
  const summary = which === "summary" ? await summaryTable(db, planCode, { figures: values.published ? "published" : "detail" }) : null;
  const bytes = await write(annex, summary);
  writeFileSync(out, bytes);
  console.log(`已导出 ${out}（${bytes.length} 字节）`);
}

/** For reads that take an actor: the operator at the command line reads the whole plan, as the DRC does. */
const reader: Actor = { userId: 0, login: operatorName, name: operatorName, role: "REVIEWER", unitId: null, unitName: null, region: null, mustChangePassword: false };

async function runBulletin(db: PrismaClient) {
  const planCode = required("plan");
  const out = required("out");
  if (!values.month) throw new UsageError("缺少参数 --month（例如 2026-10）");
  const format = required("format");
  const writers = { docx: publicationDocx, pdf: publicationPdf, xlsx: publicationXlsx } as const;
  if (!(format in writers)) throw new UsageError("--format 应为 docx、pdf 或 xlsx");
  const query = parseInput(bulletinQuerySchema, { month: values.month, basis: values.basis });
  const publication = bulletinPublication(await bulletinData(db, reader, planCode, query.month, query.basis, cli.now));
  const bytes = await writers[format as keyof typeof writers](publication);
  writeFileSync(out, bytes);
  console.log(`已导出 ${out}（${publication.title}，${bytes.length} 字节）`);
}

/** --version N: a positive whole number, or absent. */
function versionArgument(): number | undefined {
  if (values.version === undefined) return undefined;
  if (!/^[1-9]\d{0,5}$/.test(values.version)) throw new UsageError(`--version 应为正整数（收到“${values.version}”）`);
  return Number(values.version);
}

async function runVersions(db: PrismaClient) {
  const versions = await listVersions(db, required("plan"));
  if (values.json) console.log(JSON.stringify(versions, null, 2));
  else for (const v of versions) console.log(`第 ${v.number} 版\t${v.label}\t${v.approvedAt.slice(0, 10)}\t${v.projects} 个项目\t总投资 ${v.totalWan} 万元\t“十四五” ${v.fypWan} 万元`);
}

async function runRollup(db: PrismaClient) {
  const by = required("by") as RollupDimension;
  const version = versionArgument();
  if (values.shares) {
    if (by !== "county") throw new UsageError("--shares 只用于 --by county");
    // As of a version: the splits it froze; progress belongs to months, not versions.
    if (version !== undefined && values.month) throw new UsageError("--version 与 --month 不能同时使用");
    const month = values.month ? parseMonthKey(values.month) : undefined;
    if (month === null) throw new UsageError(`--month 应为 YYYY-MM，例如 2026-10`);
    const plan = required("plan");
    const rows = await rollupByCountyWithShares(db, plan, version === undefined ? {} : { version: await findVersion(db, plan, version) });
    // With --month: each line's progress, split projects' allocated by share.
    const progress = month ? new Map((await countyProgressByShare(db, plan, month)).map((p) => [p.key, p])) : null;
    const out = rows.map((r) => ({ ...r, ...(progress ? { progressAllocatedByShare: { yearToDateWan: progress.get(r.key)?.yearToDateWan ?? "0", planToDateWan: progress.get(r.key)?.planToDateWan ?? "0" } } : {}) }));
    if (values.json) console.log(JSON.stringify({ by, shares: true, ...(version !== undefined ? { version } : {}), ...(month ? { month: monthKey(month) } : {}), rows: out }, null, 2));
    else for (const r of rows) console.log(`${r.key}\t${r.projects}\t${r.totalWan}\t${r.fypWan}`);
    return;
  }
  if (version !== undefined) {
    // As of a version: its frozen rows, by the rollups the page uses (progress belongs to months, not versions).
    if (by === "status" || !ROLLUP_DIMENSIONS.includes(by)) throw new UsageError("按版本汇总只支持 --by domain、county、type 或 unit");
    if (values.month) throw new UsageError("--version 与 --month 不能同时使用");
    const rows = await versionRollup(db, await findVersion(db, required("plan"), version), by);
    if (values.json) console.log(JSON.stringify({ by, version, rows }, null, 2));
    else for (const r of rows) console.log(`${r.key}\t${r.projects}\t${r.totalWan}\t${r.fypWan}`);
    return;
  }
  if (!ROLLUP_DIMENSIONS.includes(by)) throw new UsageError(`--by 应为 ${ROLLUP_DIMENSIONS.join("、")}`);
  // Progress as of --month; by status it is needed, and defaults to the month units report on now.
  const month = values.month ? parseMonthKey(values.month) : by === "status" ? reportingMonth(appNow()) : undefined;
  if (month === null) throw new UsageError(`--month 应为 YYYY-MM，例如 2026-10`);
  // Whose figures: 已审核 unless --basis submitted.
  const basis = parseInput(basisParamSchema, values.basis);
  const levels = (values.levels ?? "own") as Levels;
  if (!LEVELS.includes(levels)) throw new UsageError("--levels 应为 own（本级规划）或 all（含下级规划）");
  const planCode = required("plan");
  const rows = await rollup(db, planCode, by, { asOf: month, basis, levels });
  // The plan's version whose projects and amounts the month's figures use (lib/versions/in-force.ts).
  const inForce = month ? await versionInForce(db, (await db.plan.findUniqueOrThrow({ where: { code: planCode } })).id, month) : null;
  // 含下级: which plans were read, and how many rows of one project (one 项目代码) were merged.
  const summary = levels === "all" ? await levelSummary(db, await planLevels(db, await db.plan.findUniqueOrThrow({ where: { code: planCode } }))) : null;
  const out = {
    by,
    levels,
    ...(summary ? { plans: summary.plans, rowsRead: summary.rows, projects: summary.projects, merged: summary.merged } : {}),
    ...(month ? { month: monthKey(month), basis, basisLabel: basisLine(basis), version: inForce && { number: inForce.number, label: inForce.label }, versionLabel: versionLine(inForce) } : {}),
    rows: rows.map((r) => ({ key: r.key, projects: r.projects, totalWan: r.totalWan, fypWan: r.fypWan, ...(r.progress ? { progress: r.progress } : {}) })),
  };
  if (values.json) console.log(JSON.stringify(out, null, 2));
  else {
    if (summary) console.log(`含下级规划：${summary.plans.map((p) => p.name).join("、")}；读 ${summary.rows} 行，计 ${summary.projects} 个项目，按项目代码合并 ${summary.merged} 行`);
    if (month) console.log(`${monthKey(month)}，${basisLine(basis)}，${versionLine(inForce)}`);
    for (const r of rows) console.log(`${r.key}\t${r.projects}\t${r.totalWan}\t${r.fypWan}${r.progress ? `\t${r.progress.yearToDateWan}` : ""}`);
  }
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
      else for (const u of users) console.log(`${u.login}\t${u.role}\t${u.unitName ?? u.regionName ?? ""}\t${u.active ? "启用" : "停用"}${u.mustChangePassword ? "\t待改密码" : ""}\t${u.name}`);
      return;
    }
    case "add": {
      const login = required("login");
      const user = await run(createUserMutation, { login, name: values.name ?? login, role: roleArgument(), unitName: values.unit, regionCode: values.region, password: passwordFromStdin() });
      console.log(`已创建用户 ${user.login}（id ${user.id}${values.region ? `，地区 ${values.region}` : ""}），首次登录须修改密码`);
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
      const result = await run(setUserRoleMutation, { login: required("login"), role: roleArgument(), unitName: values.unit, regionCode: values.region });
      console.log(`用户 ${result.login} 的角色已改为 ${result.role}${result.unitName ? `（${result.unitName}）` : ""}${result.regionCode ? `（地区 ${result.regionCode}）` : ""}`);
      return;
    }
    default:
      throw new UsageError("用法：user list|add|disable|enable|reset|set-role …");
  }
}

/** The monthly 填报模板 acts as a person (who saved the drafts is recorded): --as names the account. */
async function templateScope(db: PrismaClient) {
  const login = required("as");
  const user = await db.user.findUnique({ where: { login } });
  const actor = user ? await loadActor(user.id, db) : null;
  if (!actor) throw new AppError("not_found", `账号“${login}”不存在或已停用`);
  const month = parseMonthKey(required("month"));
  if (!month) throw new UsageError("--month 应为 YYYY-MM，例如 2026-10");
  let unitId: number | null = null;
  if (values.unit) {
    const unit = await db.unit.findFirst({ where: { OR: [{ name: values.unit }, { aliases: { has: values.unit } }] } });
    if (!unit) throw new AppError("not_found", `实施单位“${values.unit}”不存在`);
    unitId = unit.id;
  }
  return { actor, scope: { planCode: required("plan"), ...month, unitId } };
}

async function runReportTemplate(db: PrismaClient) {
  const { actor, scope } = await templateScope(db);
  const out = required("out");
  const { bytes, fileName } = await reportTemplateWorkbook(db, actor, scope);
  writeFileSync(out, bytes);
  console.log(`已生成填报模板 ${out}（${fileName}）`);
}

async function runReportImport(db: PrismaClient) {
  const file = positionals[1];
  if (!file) throw new UsageError("缺少填好的填报表文件");
  const { actor, scope } = await templateScope(db);
  const bytes = new Uint8Array(readFileSync(file));
  const preview = await previewReportTemplate(db, actor, scope, bytes);
  const { counts } = preview;
  const saved =
    !values["dry-run"] && counts.errors === 0 && counts.save > 0
      ? (await runMutation(db, importReportTemplateMutation, { userId: actor.userId }, { ...scope, basis: preview.basis, bytes }, { now: appNow() })).saved
      : null;
  if (values.json) {
    console.log(JSON.stringify({ ...preview, saved: saved?.saved ?? 0 }, null, 2));
  } else {
    console.log(`${path.basename(file)} → ${preview.unitName} ${scope.year}年${scope.month}月：${counts.rows} 行，保存 ${counts.save}，无变化 ${counts.same}，未填写 ${counts.empty}，错误 ${counts.errors}`);
    for (const r of preview.rows) {
      for (const e of r.errors) console.log(`  错误 第${r.row}行 ${e.column}：${e.message}`);
      for (const w of r.warnings) console.log(`  提示 第${r.row}行：${w}`);
    }
    console.log(saved ? `已保存 ${saved.saved} 个项目的草稿。` : counts.errors ? "有错误，未保存。" : values["dry-run"] ? "试运行（--dry-run），未写入。" : "没有需要保存的内容。");
  }
  if (counts.errors > 0) process.exitCode = 1;
}

const COMMANDS: Record<string, (db: PrismaClient) => Promise<void>> = {
  import: runImport,
  export: runExport,
  bulletin: runBulletin,
  rollup: runRollup,
  versions: runVersions,
  user: runUser,
  "report-template": runReportTemplate,
  "report-import": runReportImport,
};

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
