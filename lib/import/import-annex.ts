// Importing an annex file: a preview of every row as it will be stored, with
// its errors and warnings and what changes against the plan's current annex;
// then, once confirmed, everything in one transaction or nothing. The file is
// kept with the import, and every project it touches records the import in
// its history.
import { createHash } from "node:crypto";
import Decimal from "decimal.js";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/errors";
import { assertPermission } from "@/lib/auth/actor";
import { defineMutation, isOperator, type Principal } from "@/lib/mutations/mutation";
import { z } from "@/lib/validation/zod";
import { amountFromDb, amountToDb, formatYi, type Amount } from "@/lib/money/amount";
import { createPlan, findOrCreateUnits, type AnnexRecord, type PlanMeta } from "@/lib/plans/create-plan";
import { applyProjectChanges, projectForEdit, recordChanges, type FieldChanges, type ProjectForEdit } from "@/lib/projects/apply-changes";
import { loadRegionsForResolution } from "@/lib/regions/seed-regions";
import { REGIONS } from "@/lib/regions/regions-data";
import { AnnexFormatError, parseAnnexSheets, type ImportIssue, type ParsedAnnex, type PublishedRollupRecord } from "./parse-annex";
import { readTableFile } from "./read-table-file";
import { appNow } from "@/lib/time/clock";

type Tx = Prisma.TransactionClient;

/** Who imports: a signed-in person, or the command line / the initial data (no account). */
export type Importer = { userId: number | null; name: string };

export function importerOf(principal: Principal): Importer {
  if (isOperator(principal)) return { userId: null, name: principal.name };
  assertPermission(principal, "annex.import");
  return { userId: principal.userId, name: `${principal.name}（${principal.login}）` };
}

export type RowPreview = {
  row: number;
  status: "add" | "change" | "same";
  seq: number;
  domain: string;
  name: string;
  type: string;
  period: string;
  location: string;
  county: string;
  total: string;
  fyp: string;
  units: string[];
  changes: { field: string; old: string; new: string }[];
};

export type ImportPreview = {
  importId: number;
  planCode: string;
  planExists: boolean;
  fileName: string;
  title: string | null;
  sheetName: string;
  moneyUnit: string;
  rows: RowPreview[];
  removed: { id: number; seq: number; name: string; domain: string }[];
  issues: ImportIssue[];
  counts: { rows: number; add: number; change: number; same: number; remove: number; errors: number; warnings: number };
  publishedRollup: { label: string; projectCount: number | null; total: string; fyp: string }[] | null;
};

/** The plan a file creates when its code is new: named after the table's title. */
export function planMetaFromTitle(code: string, title: string | null): PlanMeta {
  const name = (title ?? code).replace(/(重大|重点)项目(表|汇总表|清单)$/, "").trim() || code;
  const city = REGIONS.find((r) => r.kind === "PREFECTURE" && name.startsWith(r.name));
  const fyp = /十四五/.test(name);
  return {
    code,
    name,
    issuer: city ? `${city.name}人民政府` : "未填写",
    startYear: fyp ? 2021 : appNow().getFullYear(),
    endYear: fyp ? 2025 : appNow().getFullYear() + 4,
    regionCode: city?.code ?? "330300",
  };
}

async function parseFile(db: Tx | PrismaClient, planCode: string, fileName: string, bytes: Uint8Array): Promise<ParsedAnnex> {
  const plan = await db.plan.findUnique({ where: { code: planCode }, include: { region: true } });
  const sheets = await readTableFile(bytes, fileName);
  const units = await db.unit.findMany({ select: { name: true, aliases: true } });
  try {
    return parseAnnexSheets(sheets, {
      regions: await loadRegionsForResolution(db as Tx),
      cityCode: plan?.region.code ?? planMetaFromTitle(planCode, null).regionCode,
      knownUnitNames: units.flatMap((u) => [u.name, ...u.aliases]),
    });
  } catch (error) {
    if (error instanceof AnnexFormatError) throw new AppError("invalid_input", `无法导入“${fileName}”：${error.message}`);
    throw error;
  }
}

/** Reads the file, keeps it, and says what importing it would do. Writes nothing to the plan. */
export async function previewImport(
  tx: Tx,
  importer: Importer,
  input: { planCode: string; fileName: string; bytes: Uint8Array },
): Promise<ImportPreview> {
  const parsed = await parseFile(tx, input.planCode, input.fileName, input.bytes);
  const existing = await currentProjects(tx, input.planCode);
  const matched = matchRows(parsed, existing ?? []);
  const saved = await tx.annexImport.create({
    data: {
      planCode: input.planCode,
      fileName: input.fileName,
      fileSha256: createHash("sha256").update(input.bytes).digest("hex"),
      fileBytes: Buffer.from(input.bytes),
      userId: importer.userId,
      actorName: importer.name,
      summary: {},
    },
  });
  const preview = buildPreview(saved.id, input, parsed, existing !== null, matched);
  await tx.annexImport.update({ where: { id: saved.id }, data: { summary: { counts: preview.counts, issues: preview.issues.slice(0, 500) } } });
  return preview;
}

/** Applies a previewed import: the whole file, in one transaction, or nothing. */
export async function applyImport(tx: Tx, importer: Importer, importId: number, now: Date): Promise<{ planCode: string; counts: ImportPreview["counts"] }> {
  const saved = await tx.annexImport.findUnique({ where: { id: importId } });
  if (!saved) throw notFound("导入记录");
  if (saved.status === "APPLIED") throw new AppError("conflict", "该文件已导入，不能重复导入；如需再次导入请重新上传");
  const bytes = new Uint8Array(saved.fileBytes);
  const via = `导入 #${saved.id}（${saved.fileName}）`;

  const parsed = await parseFile(tx, saved.planCode, saved.fileName, bytes);
  const errors = parsed.issues.filter((i) => i.severity === "error");
  if (errors.length) {
    throw new AppError("invalid_input", `文件有 ${errors.length} 处错误，未导入：${errors.slice(0, 3).map((e) => `第${e.row}行 ${e.column ?? ""} ${e.message}`).join("；")}`);
  }
  const existing = await currentProjects(tx, saved.planCode);
  const matched = matchRows(parsed, existing ?? []);
  const counts = buildPreview(saved.id, { planCode: saved.planCode, fileName: saved.fileName }, parsed, existing !== null, matched).counts;

  if (existing === null) {
    const { planId } = await createPlan(tx, planMetaFromTitle(saved.planCode, parsed.title), parsed.rows.map((r) => r.record));
    // One history row per project, in one statement.
    await tx.$executeRaw`
      INSERT INTO "ProjectChange" ("projectId", "userId", "actorName", action, via, field, "newValue")
      SELECT p.id, ${importer.userId}::int, ${importer.name}, 'IMPORT', ${via}, '*', p.seq || '. ' || p.name
        FROM "Project" p WHERE p."planId" = ${planId}`;
  } else {
    await applyToExistingPlan(tx, saved.planCode, matched, importer, via);
  }
  if (parsed.publishedRollup) await storePublishedRollup(tx, saved.planCode, parsed.publishedRollup);
  await tx.annexImport.update({ where: { id: saved.id }, data: { status: "APPLIED", appliedAt: now, summary: { counts, issues: parsed.issues.slice(0, 500) } } });
  return { planCode: saved.planCode, counts };
}

const MAX_FILE_BYTES = 20 * 1024 * 1024;
// Reading and matching a whole annex (and, on apply, writing every project with its history) takes longer than an edit.
const IMPORT_TIMEOUT_MS = 120_000;

/** Uploads an annex file and answers with its preview; nothing is written to the plan. */
export const previewImportMutation = defineMutation({
  name: "import.preview",
  permission: "annex.import",
  operator: true,
  timeout: IMPORT_TIMEOUT_MS,
  schema: z.object({
    planCode: z.string().trim().min(1, "请填写规划代码").max(100, "规划代码过长"),
    fileName: z.string().min(1).max(255, "文件名过长"),
    bytes: z.instanceof(Uint8Array, { error: "请选择要导入的 Excel（.xlsx）或 CSV 文件" }).refine((b) => b.byteLength <= MAX_FILE_BYTES, "文件超过 20 MB"),
  }),
  run: (tx, principal, input) => previewImport(tx, importerOf(principal), input),
  audit: (input, result) => ({ target: { type: "AnnexImport", id: result.importId } }),
});

/** Confirms a previewed import: all of it in one transaction, or nothing. */
export const applyImportMutation = defineMutation({
  name: "import.apply",
  permission: "annex.import",
  operator: true,
  timeout: IMPORT_TIMEOUT_MS,
  schema: z.object({ importId: z.number().int().positive() }),
  run: (tx, principal, input, ctx) => applyImport(tx, importerOf(principal), input.importId, ctx.now),
  audit: (input) => ({ target: { type: "AnnexImport", id: input.importId } }),
});

type Match = { record: AnnexRecord; row: number; project: ProjectForEdit | null };
type Matched = { matches: Match[]; removed: ProjectForEdit[] };

async function currentProjects(db: Tx | PrismaClient, planCode: string): Promise<ProjectForEdit[] | null> {
  const plan = await db.plan.findUnique({ where: { code: planCode } });
  if (!plan) return null;
  return db.project.findMany({ where: { planId: plan.id, deletedAt: null }, include: projectForEdit, orderBy: { seq: "asc" } });
}

/** Pairs file rows with current projects by name (and, for a name listed twice, by order of appearance). */
function matchRows(parsed: ParsedAnnex, existing: ProjectForEdit[]): Matched {
  const pool = new Map<string, ProjectForEdit[]>();
  for (const p of existing) pool.set(p.name, [...(pool.get(p.name) ?? []), p]);
  const matches = parsed.rows.map(({ record, row }) => {
    const candidates = pool.get(record.name) ?? [];
    const sameDomain = candidates.findIndex((p) => p.domain.name === record.domain);
    const index = sameDomain >= 0 ? sameDomain : candidates.length ? 0 : -1;
    const project = index >= 0 ? candidates.splice(index, 1)[0]! : null;
    return { record, row, project };
  });
  return { matches, removed: [...pool.values()].flat() };
}

const yi = (a: Amount) => formatYi(a, 4).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
const dbYi = (p: ProjectForEdit, which: "total" | "fyp") =>
  yi(amountFromDb(which === "total" ? { state: p.totalState, wan: p.totalWan?.toString() ?? null } : { state: p.fypState, wan: p.fypWan?.toString() ?? null }));

/** The fields of a file row that differ from the project, for the preview and for the write. */
function differences(record: AnnexRecord, p: ProjectForEdit): { field: string; old: string; new: string }[] {
  const pairs: [string, string, string][] = [
    ["序号", String(p.seq), String(record.seq)],
    ["领域", p.domain.name, record.domain],
    ["项目类型", p.type, record.type],
    ["项目期限", p.periodText, record.periodText],
    ["建设地点", p.locationText, record.locationText],
    ["建设内容和规模", p.content, record.content],
    ["总投资（亿元）", dbYi(p, "total"), yi(record.total)],
    ["“十四五”投资（亿元）", dbYi(p, "fyp"), yi(record.fyp)],
    ["组织实施单位", p.units.map((u) => u.publishedName).join("、"), record.unitNames.join("、")],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([field, a, b]) => ({ field, old: a, new: b }));
}

function buildPreview(importId: number, input: { planCode: string; fileName: string }, parsed: ParsedAnnex, planExists: boolean, matched: Matched): ImportPreview {
  const rows: RowPreview[] = matched.matches.map(({ record, row, project }) => {
    const changes = project ? differences(record, project) : [];
    return {
      row,
      status: !project ? "add" : changes.length ? "change" : "same",
      seq: record.seq,
      domain: record.domain,
      name: record.name,
      type: record.type,
      period: record.periodText,
      location: record.locationText,
      county: record.location.resolution === "UNRESOLVED" ? `无法识别（${record.location.rule}）` : record.location.rule,
      total: yi(record.total),
      fyp: yi(record.fyp),
      units: record.unitNames,
      changes,
    };
  });
  const count = (s: RowPreview["status"]) => rows.filter((r) => r.status === s).length;
  return {
    importId,
    planCode: input.planCode,
    planExists,
    fileName: input.fileName,
    title: parsed.title,
    sheetName: parsed.sheetName,
    moneyUnit: parsed.moneyUnit,
    rows,
    removed: matched.removed.map((p) => ({ id: p.id, seq: p.seq, name: p.name, domain: p.domain.name })),
    issues: parsed.issues,
    counts: {
      rows: rows.length,
      add: count("add"),
      change: count("change"),
      same: count("same"),
      remove: matched.removed.length,
      errors: parsed.issues.filter((i) => i.severity === "error").length,
      warnings: parsed.issues.filter((i) => i.severity === "warning").length,
    },
    publishedRollup: parsed.publishedRollup?.map((r) => ({ label: r.label, projectCount: r.projectCount, total: yi(r.total), fyp: yi(r.fyp) })) ?? null,
  };
}


async function applyToExistingPlan(tx: Tx, planCode: string, matched: Matched, importer: Importer, via: string): Promise<void> {
  const plan = await tx.plan.findUniqueOrThrow({ where: { code: planCode } });
  await findOrCreateUnits(tx, matched.matches.flatMap((m) => m.record.unitNames));
  const domainIds = new Map((await tx.domain.findMany({ where: { planId: plan.id } })).map((d) => [d.name, d.id]));
  for (const m of matched.matches) {
    if (!domainIds.has(m.record.domain)) {
      const last = await tx.domain.aggregate({ where: { planId: plan.id }, _max: { position: true } });
      const d = await tx.domain.create({ data: { planId: plan.id, name: m.record.domain, position: (last._max.position ?? 0) + 1 } });
      domainIds.set(d.name, d.id);
    }
  }
  const context = { actor: null, actorName: importer.name, action: "IMPORT" as const, via };
  for (const m of matched.matches) {
    const r = m.record;
    let project = m.project;
    if (!project) {
      project = await tx.project.create({
        data: {
          planId: plan.id, domainId: domainIds.get(r.domain)!, seq: r.seq, name: r.name, type: r.type, periodText: r.periodText,
          locationText: "", locationResolution: "UNDECIDED", locationRule: "未填写地点", content: "", totalState: "PENDING", fypState: "PENDING",
        },
        include: projectForEdit,
      });
      await recordChanges(tx, project.id, context, [{ field: "*", oldValue: null, newValue: `${r.seq}. ${r.name}` }]);
    } else if (differences(r, project).length === 0) continue;
    const changes: FieldChanges = {
      seq: r.seq,
      domainId: domainIds.get(r.domain)!,
      type: r.type,
      period: { text: r.periodText, start: r.periodStart ?? 0, end: r.periodEnd ?? 0 },
      locationText: r.locationText,
      regionCode: null,
      content: r.content,
      total: amountToDb(r.total),
      fyp: amountToDb(r.fyp),
      units: r.unitNames,
    };
    if (r.periodStart === null) delete changes.period;
    await applyProjectChanges(tx, project, project.version, changes, context);
  }
  for (const p of matched.removed) {
    await tx.project.update({ where: { id: p.id }, data: { deletedAt: appNow(), version: { increment: 1 } } });
    await recordChanges(tx, p.id, { ...context }, [{ field: "*", oldValue: `${p.seq}. ${p.name}`, newValue: "导入的文件中没有该项目，已删除（可恢复）" }]);
  }
}

async function storePublishedRollup(tx: Tx, planCode: string, rows: PublishedRollupRecord[]): Promise<void> {
  const plan = await tx.plan.findUniqueOrThrow({ where: { code: planCode } });
  await tx.publishedRollupRow.deleteMany({ where: { planId: plan.id } });
  await tx.publishedRollupRow.createMany({
    data: rows.map((r) => {
      const total = amountToDb(r.total);
      const fyp = amountToDb(r.fyp);
      return {
        planId: plan.id, position: r.position, label: r.label, domainName: r.domainName, projectCount: r.projectCount,
        totalState: total.state, totalWan: total.wan === null ? null : new Decimal(total.wan).toFixed(), fypState: fyp.state, fypWan: fyp.wan,
      };
    }),
  });
}
