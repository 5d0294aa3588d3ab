// Importing an annex file: a preview of every row as it will be stored, with
// its errors and warnings, the questions the file leaves open (which of two
// columns, hidden rows, the new plan's name and years) and what changes
// against the plan's current annex; then, once confirmed, everything in one
// transaction or nothing. The file is kept with the import, and every project
// it touches records the import in its history. A new plan and a re-import
// write in bulk alike (a few statements of arrays, whatever the row count).
import { createHash } from "node:crypto";
import Decimal from "decimal.js";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { readsWholePlan } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import { isOperator, type Principal } from "@/lib/mutations/mutation";
import { amountFromDb, amountToDb, formatWan, formatYi, type Amount, type AmountState } from "@/lib/money/amount";
import { createBaseline } from "@/lib/versions/plan-versions";
import { createPlan, findOrCreateUnits, insertProjects, type AnnexRecord } from "@/lib/plans/create-plan";
import { loadRegionsForResolution } from "@/lib/regions/seed-regions";
import { FILE_TOO_LARGE_MESSAGE, MAX_FILE_BYTES } from "./import-limits";
import { importOptionsInput, type ImportOptions } from "./import-options";
import { AnnexFormatError, parseAnnexSheets, type ColumnAmbiguity, type ColumnRef, type ImportIssue, type ParsedAnnex, type PublishedRollupRecord } from "./parse-annex";
import { planMetaOf, planProblems, proposePlan, type ProposedPlan } from "./plan-meta";
import { readTableFile } from "./read-table-file";

type Tx = Prisma.TransactionClient;
type Db = Tx | PrismaClient;

/** Who imports: a signed-in person (with the regions they act in), or the command line / the initial data (no account). */
export type Importer = { userId: number | null; name: string; actor?: Actor | null };

/** The runner has already checked the permission (lib/import/import-mutations.ts); the regions are checked here. */
export function importerOf(principal: Principal): Importer {
  if (isOperator(principal)) return { userId: null, name: principal.name, actor: null };
  return { userId: principal.userId, name: `${principal.name}（${principal.login}）`, actor: principal };
}

/**
 * A regional DRC imports into the plans of its own region's subtree only
 * (lib/auth/scope.ts): an existing plan outside its regions is "not found",
 * one above its level is refused, and so is a new plan of another region.
 */
async function assertImportScope(db: Db, importer: Importer, planCode: string, newPlanRegion: string | null): Promise<void> {
  const actor = importer.actor ?? null;
  if (actor === null || actor.region === null) return;
  if (newPlanRegion === null) {
    await findReadablePlan(db, planCode, actor, "manage");
    return;
  }
  const region = await db.region.findUnique({ where: { code: newPlanRegion }, select: { id: true } });
  if (!region || !readsWholePlan(actor, region.id)) throw forbidden(`只能为本地区（${actor.region.name}）及其下级地区新建规划`);
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
  /** The plan the import would create (null when it goes into an existing one), and what keeps it from being created. */
  newPlan: (ProposedPlan & { problems: string[] }) | null;
  fileName: string;
  title: string | null;
  sheetName: string;
  moneyUnit: string;
  options: ImportOptions;
  ambiguities: ColumnAmbiguity[];
  hiddenRows: number[];
  hiddenColumns: ColumnRef[];
  hiddenSheets: string[];
  rows: RowPreview[];
  removed: { id: number; seq: number; name: string; domain: string }[];
  issues: ImportIssue[];
  counts: { rows: number; add: number; change: number; same: number; remove: number; errors: number; warnings: number };
  publishedRollup: { label: string; projectCount: number | null; total: string; fyp: string }[] | null;
};

/** The one size check of a file, for the web and the command line alike. */
export function assertFileSize(size: number): void {
  if (size > MAX_FILE_BYTES) throw new AppError("too_large", FILE_TOO_LARGE_MESSAGE);
}

async function parseFile(db: Db, planCode: string, fileName: string, bytes: Uint8Array, options: ImportOptions): Promise<ParsedAnnex> {
  assertFileSize(bytes.length);
  const sheets = await readTableFile(bytes, fileName);
  const plan = await db.plan.findUnique({ where: { code: planCode }, include: { region: true } });
  const units = await db.unit.findMany({ select: { name: true, aliases: true } });
  const regions = await loadRegionsForResolution(db as Tx);
  const parse = (cityCode: string) =>
    parseAnnexSheets(sheets, { regions, cityCode, knownUnitNames: units.flatMap((u) => [u.name, ...u.aliases]) }, { columns: options.columns, includeHidden: options.includeHidden });
  try {
    if (plan) return parse(plan.region.code);
    // A new plan: locations resolve within the region it will have (typed, or named by the title).
    const first = parse(options.plan?.regionCode ?? "330300");
    const region = proposePlan(planCode, first.title, [], options.plan).regionCode;
    return region === "330300" || !regions.some((r) => r.code === region) ? first : parse(region);
  } catch (error) {
    if (error instanceof AnnexFormatError) throw new AppError("invalid_input", `无法导入“${fileName}”：${error.message}`);
    throw error;
  }
}

/** What the plan looks like now: a stamp of its projects' ids and versions, or "new" when it does not exist. */
async function planStamp(db: Db, planCode: string): Promise<string> {
  const [row] = await db.$queryRaw<{ exists: boolean; stamp: string | null }[]>`
    SELECT EXISTS (SELECT 1 FROM "Plan" WHERE code = ${planCode}) AS exists,
           (SELECT md5(string_agg(p.id || ':' || p.version || ':' || (p."deletedAt" IS NULL), ',' ORDER BY p.id))
              FROM "Project" p JOIN "Plan" pl ON pl.id = p."planId" WHERE pl.code = ${planCode}) AS stamp`;
  return row!.exists ? `plan:${row!.stamp ?? "empty"}` : "new";
}

type StoredSummary = { counts?: ImportPreview["counts"]; issues?: ImportIssue[]; options?: ImportOptions; planStamp?: string };

/** Reads the file, keeps it, and says what importing it would do. Writes nothing to the plan. */
export async function previewImport(
  db: Db,
  importer: Importer,
  input: { planCode: string; fileName: string; bytes: Uint8Array; options?: ImportOptions },
): Promise<ImportPreview> {
  const options = importOptionsInput.parse(input.options ?? {});
  const planCode = options.plan?.code ?? input.planCode;
  const parsed = await parseFile(db, planCode, input.fileName, input.bytes, options);
  const saved = await db.annexImport.create({
    data: {
      planCode,
      fileName: input.fileName,
      fileSha256: createHash("sha256").update(input.bytes).digest("hex"),
      fileBytes: Buffer.from(input.bytes),
      userId: importer.userId,
      actorName: importer.name,
      summary: {},
    },
  });
  return storePreview(db, importer, saved.id, planCode, input.fileName, parsed, options);
}

/** The same stored file read again with the person's decisions (a column, hidden rows, the new plan's details). */
export async function repreviewImport(db: Db, importer: Importer, importId: number, rawOptions: unknown): Promise<ImportPreview> {
  // Anyone allowed to import may answer the questions of any pending import (within their regions, checked with the preview).
  const options = importOptionsInput.parse(rawOptions ?? {});
  const saved = await db.annexImport.findUnique({ where: { id: importId } });
  if (!saved) throw notFound("导入记录");
  if (saved.status === "APPLIED") throw alreadyApplied();
  const planCode = options.plan?.code ?? saved.planCode;
  const parsed = await parseFile(db, planCode, saved.fileName, new Uint8Array(saved.fileBytes), options);
  if (planCode !== saved.planCode) await db.annexImport.update({ where: { id: saved.id }, data: { planCode } });
  return storePreview(db, importer, saved.id, planCode, saved.fileName, parsed, options);
}

async function storePreview(db: Db, importer: Importer, importId: number, planCode: string, fileName: string, parsed: ParsedAnnex, options: ImportOptions): Promise<ImportPreview> {
  const stamp = await planStamp(db, planCode);
  const existing = await currentProjects(db, planCode);
  const matched = matchRows(parsed, existing ?? []);
  const newPlan = existing === null ? await proposeNewPlan(db, planCode, parsed, options) : null;
  await assertImportScope(db, importer, planCode, newPlan ? newPlan.regionCode : null);
  const preview = buildPreview(importId, { planCode, fileName }, parsed, matched, newPlan, options);
  const summary: StoredSummary = { counts: preview.counts, issues: preview.issues.slice(0, 500), options, planStamp: stamp };
  await db.annexImport.update({ where: { id: importId }, data: { summary: summary as Prisma.InputJsonValue } });
  return preview;
}

async function proposeNewPlan(db: Db, planCode: string, parsed: ParsedAnnex, options: ImportOptions): Promise<ProposedPlan & { problems: string[] }> {
  const plan = proposePlan(planCode, parsed.title, parsed.rows.map((r) => ({ start: r.record.periodStart, end: r.record.periodEnd })), options.plan);
  const sameName = plan.name ? await db.plan.findFirst({ where: { name: plan.name }, select: { code: true } }) : null;
  return { ...plan, problems: planProblems(plan, sameName) };
}

function alreadyApplied(): AppError {
  return new AppError("conflict", "该文件已导入，不能重复导入；如需再次导入请重新上传");
}

/**
 * Applies a previewed import, inside the runner's transaction: the whole file
 * or nothing. One import of a plan at a time (an advisory lock on its code);
 * the import's own state moves PREVIEWED → APPLIED by a conditional update,
 * and the plan must be as it was when previewed — otherwise 409, and nothing
 * is written.
 */
export async function applyImport(
  tx: Tx,
  importer: Importer,
  importId: number,
  rawOptions: unknown,
  now: Date,
): Promise<{ planCode: string; counts: ImportPreview["counts"] }> {
  const saved = await tx.annexImport.findUnique({ where: { id: importId } });
  if (!saved) throw notFound("导入记录");
  const stored = saved.summary as StoredSummary;
  const options = importOptionsInput.parse(rawOptions ?? stored.options ?? {});
  const planCode = options.plan?.code ?? saved.planCode;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`annex-import:${planCode}`}))`;
  const moved = await tx.annexImport.updateMany({ where: { id: saved.id, status: "PREVIEWED" }, data: { status: "APPLIED", appliedAt: now, planCode, version: { increment: 1 } } });
  if (moved.count === 0) throw alreadyApplied();
  if (stored.planStamp !== undefined && stored.planStamp !== (await planStamp(tx, planCode))) {
    throw new AppError("conflict", `规划“${planCode}”在预览之后已有变动（另一次导入或修改），本次预览已失效：请重新上传文件预览后再导入`);
  }
  const parsed = await parseFile(tx, planCode, saved.fileName, new Uint8Array(saved.fileBytes), options);
  const errors = parsed.issues.filter((i) => i.severity === "error");
  if (errors.length) {
    throw new AppError("invalid_input", `文件有 ${errors.length} 处错误，未导入：${errors.slice(0, 3).map((e) => `第${e.row}行 ${e.column ?? ""} ${e.message}`).join("；")}`, { issues: errors });
  }
  const via = `导入 #${saved.id}（${saved.fileName}）`;
  const existing = await currentProjects(tx, planCode);
  const matched = matchRows(parsed, existing ?? []);
  if (existing === null) {
    const plan = await proposeNewPlan(tx, planCode, parsed, options);
    await assertImportScope(tx, importer, planCode, plan.regionCode);
    if (plan.problems.length) throw new AppError("invalid_input", plan.problems.join("；"), { problems: plan.problems.map((message) => ({ message })) });
    // Two imports naming different codes but the same plan: one name, one plan.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`plan-name:${plan.name}`}))`;
    if (await tx.plan.findFirst({ where: { name: plan.name! } })) throw new AppError("conflict", `已有同名规划“${plan.name}”，不能再建一个同名规划`);
    const { planId } = await createPlan(tx, planMetaOf(plan), parsed.rows.map((r) => r.record));
    // One history row per project, in one statement.
    await tx.$executeRaw`
      INSERT INTO "ProjectChange" ("projectId", "userId", "actorName", action, via, field, "newValue", at)
      SELECT p.id, ${importer.userId}::int, ${importer.name}, 'IMPORT', ${via}, '*', p.seq || '. ' || p.name, ${now}
        FROM "Project" p WHERE p."planId" = ${planId}`;
    // The annex as imported is the plan's version 1 (the baseline), frozen.
    await createBaseline(tx, planId, now, importer.name);
  } else {
    await assertImportScope(tx, importer, planCode, null);
    await applyToExistingPlan(tx, planCode, matched, importer, via, now);
  }
  if (parsed.publishedRollup) await storePublishedRollup(tx, planCode, parsed.publishedRollup, parsed.publishedRollupTitle);
  const counts = buildPreview(saved.id, { planCode, fileName: saved.fileName }, parsed, matched, null, options).counts;
  const summary: StoredSummary = { counts, issues: parsed.issues.slice(0, 500), options };
  await tx.annexImport.update({ where: { id: saved.id }, data: { summary: summary as Prisma.InputJsonValue } });
  return { planCode, counts };
}

/** A current project, as the import compares and writes it. */
type CurrentProject = {
  id: number;
  version: number;
  seq: number;
  name: string;
  domain: string;
  type: string;
  periodText: string;
  locationText: string;
  content: string;
  totalState: AmountState;
  totalWan: string | null;
  fypState: AmountState;
  fypWan: string | null;
  units: string[];
};

type Match = { record: AnnexRecord; row: number; project: CurrentProject | null };
type Matched = { matches: Match[]; removed: CurrentProject[] };

/** One query, whatever the size of the plan (a 100,000-project plan included). */
async function currentProjects(db: Db, planCode: string): Promise<CurrentProject[] | null> {
  const plan = await db.plan.findUnique({ where: { code: planCode }, select: { id: true } });
  if (!plan) return null;
  return db.$queryRaw<CurrentProject[]>`
    SELECT p.id, p.version, p.seq, p.name, d.name AS domain, p.type, p."periodText", p."locationText", p.content,
           p."totalState"::text AS "totalState", p."totalWan"::text AS "totalWan", p."fypState"::text AS "fypState", p."fypWan"::text AS "fypWan",
           COALESCE((SELECT array_agg(pu."publishedName" ORDER BY pu.position) FROM "ProjectUnit" pu WHERE pu."projectId" = p.id), '{}') AS units
      FROM "Project" p JOIN "Domain" d ON d.id = p."domainId"
     WHERE p."planId" = ${plan.id} AND p."deletedAt" IS NULL
     ORDER BY p.seq, p.id`;
}

/** Pairs file rows with current projects by name (and, for a name listed twice, by domain, then by order of appearance). */
function matchRows(parsed: ParsedAnnex, existing: CurrentProject[]): Matched {
  const pool = new Map<string, CurrentProject[]>();
  for (const p of existing) {
    const same = pool.get(p.name);
    if (same) same.push(p);
    else pool.set(p.name, [p]);
  }
  const matches = parsed.rows.map(({ record, row }) => {
    const candidates = pool.get(record.name) ?? [];
    const sameDomain = candidates.findIndex((p) => p.domain === record.domain);
    const index = sameDomain >= 0 ? sameDomain : candidates.length ? 0 : -1;
    const project = index >= 0 ? candidates.splice(index, 1)[0]! : null;
    return { record, row, project };
  });
  return { matches, removed: [...pool.values()].flat() };
}

const yi = (a: Amount) => formatYi(a, 4).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
const amountOf = (state: AmountState, wan: string | null) => amountFromDb({ state, wan });
/** As the project's history writes amounts ("650000 万元", 待定, ——). */
const historyAmount = (a: Amount) => (a.state === "VALUE" ? `${formatWan(a)} 万元` : formatWan(a));

type Difference = { key: "seq" | "domainId" | "type" | "period" | "locationText" | "content" | "total" | "fyp" | "units"; field: string; old: string; new: string; oldHistory: string; newHistory: string };

/** The fields of a file row that differ from the project, for the preview and for the write. */
function differences(record: AnnexRecord, p: CurrentProject): Difference[] {
  const total = amountOf(p.totalState, p.totalWan);
  const fyp = amountOf(p.fypState, p.fypWan);
  const sameAmount = (a: Amount, b: Amount) => a.state === b.state && (a.state !== "VALUE" || a.wan.equals((b as { wan: Decimal }).wan));
  const list: (Difference & { same: boolean })[] = [
    { key: "seq", field: "序号", old: String(p.seq), new: String(record.seq) },
    { key: "domainId", field: "领域", old: p.domain, new: record.domain },
    { key: "type", field: "项目类型", old: p.type, new: record.type },
    { key: "period", field: "项目期限", old: p.periodText, new: record.periodText },
    { key: "locationText", field: "建设地点", old: p.locationText, new: record.locationText },
    { key: "content", field: "建设内容和规模", old: p.content, new: record.content },
  ].map((d) => ({ ...(d as Omit<Difference, "oldHistory" | "newHistory">), oldHistory: d.old, newHistory: d.new, same: d.old === d.new }));
  list.push(
    { key: "total", field: "总投资（亿元）", old: yi(total), new: yi(record.total), oldHistory: historyAmount(total), newHistory: historyAmount(record.total), same: sameAmount(total, record.total) },
    { key: "fyp", field: "“十四五”投资（亿元）", old: yi(fyp), new: yi(record.fyp), oldHistory: historyAmount(fyp), newHistory: historyAmount(record.fyp), same: sameAmount(fyp, record.fyp) },
  );
  const units = [p.units.join("、"), record.unitNames.join("、")];
  list.push({ key: "units", field: "组织实施单位", old: units[0]!, new: units[1]!, oldHistory: units[0]!, newHistory: units[1]!, same: units[0] === units[1] });
  return list.filter((d) => !d.same).map(({ same: _same, ...d }) => d);
}

function buildPreview(
  importId: number,
  input: { planCode: string; fileName: string },
  parsed: ParsedAnnex,
  matched: Matched,
  newPlan: ImportPreview["newPlan"],
  options: ImportOptions,
): ImportPreview {
  const rows: RowPreview[] = matched.matches.map(({ record, row, project }) => {
    const changes = project ? differences(record, project).map(({ field, old, new: next }) => ({ field, old, new: next })) : [];
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
  const planIssues: ImportIssue[] = (newPlan?.problems ?? []).map((message) => ({ row: 0, column: "规划", severity: "error", message }));
  const issues = [...planIssues, ...parsed.issues];
  const count = (s: RowPreview["status"]) => rows.filter((r) => r.status === s).length;
  return {
    importId,
    planCode: input.planCode,
    planExists: newPlan === null,
    newPlan,
    fileName: input.fileName,
    title: parsed.title,
    sheetName: parsed.sheetName,
    moneyUnit: parsed.moneyUnit,
    options,
    ambiguities: parsed.ambiguities,
    hiddenRows: parsed.hiddenRows,
    hiddenColumns: parsed.hiddenColumns,
    hiddenSheets: parsed.hiddenSheets,
    rows,
    removed: matched.removed.map((p) => ({ id: p.id, seq: p.seq, name: p.name, domain: p.domain })),
    issues,
    counts: {
      rows: rows.length,
      add: count("add"),
      change: count("change"),
      same: count("same"),
      remove: matched.removed.length,
      errors: issues.filter((i) => i.severity === "error").length,
      warnings: issues.filter((i) => i.severity === "warning").length,
    },
    publishedRollup: parsed.publishedRollup?.map((r) => ({ label: r.label, projectCount: r.projectCount, total: yi(r.total), fyp: yi(r.fyp) })) ?? null,
  };
}

/**
 * A re-import, in bulk: the changed projects in one UPDATE of arrays, their
 * units replaced in two statements (contacts of units that stay are kept),
 * the new projects through the same insert as a new plan, the removed ones
 * marked deleted in one statement, and one history row per changed field in
 * one INSERT. Every write bumps the project's version, so an edit open in
 * someone's form meets a 409 rather than overwriting the import.
 */
async function applyToExistingPlan(tx: Tx, planCode: string, matched: Matched, importer: Importer, via: string, now: Date): Promise<void> {
  const plan = await tx.plan.findUniqueOrThrow({ where: { code: planCode } });
  const domainIds = new Map((await tx.domain.findMany({ where: { planId: plan.id } })).map((d) => [d.name, d.id]));
  const missingDomains = [...new Set(matched.matches.map((m) => m.record.domain))].filter((d) => !domainIds.has(d));
  if (missingDomains.length) {
    const last = await tx.domain.aggregate({ where: { planId: plan.id }, _max: { position: true } });
    const start = (last._max.position ?? 0) + 1;
    const created = await tx.domain.createManyAndReturn({ data: missingDomains.map((name, i) => ({ planId: plan.id, name, position: start + i })), select: { id: true, name: true } });
    for (const d of created) domainIds.set(d.name, d.id);
  }
  const regionIds = new Map((await tx.region.findMany({ select: { id: true, code: true } })).map((r) => [r.code, r.id]));

  const history: { projectId: number; field: string; oldValue: string | null; newValue: string | null }[] = [];
  const changed = matched.matches.flatMap((m) => {
    if (!m.project) return [];
    const diffs = differences(m.record, m.project);
    if (diffs.length === 0) return [];
    for (const d of diffs) history.push({ projectId: m.project.id, field: d.key, oldValue: d.oldHistory, newValue: d.newHistory });
    return [{ record: m.record, project: m.project, unitsChanged: diffs.some((d) => d.key === "units") }];
  });

  if (changed.length) {
    const col = <T,>(f: (c: (typeof changed)[number]) => T): T[] => changed.map(f);
    const total = changed.map((c) => amountToDb(c.record.total));
    const fyp = changed.map((c) => amountToDb(c.record.fyp));
    // The county follows the location text only where the text changed: a county the DRC picked by hand stays.
    const updated = await tx.$executeRaw`
      UPDATE "Project" p SET
             seq = t.seq, "domainId" = t.domain, type = t.type, content = t.content,
             "periodText" = t.period, "periodStart" = COALESCE(t.start, p."periodStart"), "periodEnd" = COALESCE(t."end", p."periodEnd"),
             "regionId" = CASE WHEN p."locationText" = t.location THEN p."regionId" ELSE t.region END,
             "locationResolution" = CASE WHEN p."locationText" = t.location THEN p."locationResolution" ELSE t.resolution::"LocationResolution" END,
             "locationRule" = CASE WHEN p."locationText" = t.location THEN p."locationRule" ELSE t.rule END,
             "locationText" = t.location,
             "totalState" = t.total_state::"AmountState", "totalWan" = t.total::numeric, "fypState" = t.fyp_state::"AmountState", "fypWan" = t.fyp::numeric,
             version = p.version + 1, "updatedAt" = ${now}
        FROM unnest(${col((c) => c.project.id)}::int[], ${col((c) => c.project.version)}::int[], ${col((c) => c.record.seq)}::int[],
                    ${col((c) => domainIds.get(c.record.domain)!)}::int[], ${col((c) => c.record.type)}::text[], ${col((c) => c.record.content)}::text[],
                    ${col((c) => c.record.periodText)}::text[], ${col((c) => c.record.periodStart)}::int[], ${col((c) => c.record.periodEnd)}::int[],
                    ${col((c) => c.record.locationText)}::text[],
                    ${col((c) => (c.record.location.regionCode ? (regionIds.get(c.record.location.regionCode) ?? null) : null))}::int[],
                    ${col((c) => c.record.location.resolution)}::text[], ${col((c) => c.record.location.rule)}::text[],
                    ${total.map((a) => a.state)}::text[], ${total.map((a) => a.wan)}::text[], ${fyp.map((a) => a.state)}::text[], ${fyp.map((a) => a.wan)}::text[])
             AS t(id, version, seq, domain, type, content, period, start, "end", location, region, resolution, rule, total_state, total, fyp_state, fyp)
       WHERE p.id = t.id AND p.version = t.version AND p."deletedAt" IS NULL`;
    if (updated !== changed.length) {
      throw new AppError("conflict", `规划“${planCode}”中有 ${changed.length - updated} 个项目在预览之后被修改，本次导入未写入：请重新上传预览`);
    }
    await replaceUnits(tx, changed.filter((c) => c.unitsChanged).map((c) => ({ projectId: c.project.id, names: c.record.unitNames })));
  }

  const added = matched.matches.filter((m) => !m.project).map((m) => m.record);
  const addedIds = await insertProjects(tx, plan.id, domainIds, added);
  addedIds.forEach((id, i) => history.push({ projectId: id, field: "*", oldValue: null, newValue: `${added[i]!.seq}. ${added[i]!.name}` }));

  if (matched.removed.length) {
    const ids = matched.removed.map((p) => p.id);
    await tx.$executeRaw`UPDATE "Project" SET "deletedAt" = ${now}, version = version + 1, "updatedAt" = ${now} WHERE id = ANY(${ids}::int[])`;
    for (const p of matched.removed) history.push({ projectId: p.id, field: "*", oldValue: `${p.seq}. ${p.name}`, newValue: "导入的文件中没有该项目，已删除（可恢复）" });
  }

  if (history.length) {
    await tx.$executeRaw`
      INSERT INTO "ProjectChange" ("projectId", "userId", "actorName", action, via, field, "oldValue", "newValue", at)
      SELECT t.project, ${importer.userId}::int, ${importer.name}, 'IMPORT', ${via}, t.field, t.old, t.new, ${now}
        FROM unnest(${history.map((h) => h.projectId)}::int[], ${history.map((h) => h.field)}::text[], ${history.map((h) => h.oldValue)}::text[], ${history.map((h) => h.newValue)}::text[])
             AS t(project, field, old, new)`;
  }
}

/** Each project's units in the file's order (first = lead), keeping the contacts of the units that stay. */
async function replaceUnits(tx: Tx, lists: { projectId: number; names: string[] }[]): Promise<void> {
  if (lists.length === 0) return;
  const unitIds = await findOrCreateUnits(tx, lists.flatMap((l) => l.names));
  const old = await tx.$queryRaw<{ projectId: number; unitId: number; contactPerson: string | null; contactPhone: string | null }[]>`
    DELETE FROM "ProjectUnit" WHERE "projectId" = ANY(${lists.map((l) => l.projectId)}::int[])
    RETURNING "projectId", "unitId", "contactPerson", "contactPhone"`;
  const contacts = new Map(old.map((o) => [`${o.projectId}:${o.unitId}`, o]));
  const links = lists.flatMap((l) => {
    const seen = new Set<number>();
    return l.names.flatMap((name, position) => {
      const unitId = unitIds.get(name)!;
      if (seen.has(unitId)) return [];
      seen.add(unitId);
      const kept = contacts.get(`${l.projectId}:${unitId}`);
      return [{ projectId: l.projectId, unitId, position, name, person: kept?.contactPerson ?? null, phone: kept?.contactPhone ?? null }];
    });
  });
  await tx.$executeRaw`
    INSERT INTO "ProjectUnit" ("projectId", "unitId", position, "isLead", "publishedName", "contactPerson", "contactPhone")
    SELECT t.project, t.unit, t.position, t.position = 0, t.name, t.person, t.phone
      FROM unnest(${links.map((l) => l.projectId)}::int[], ${links.map((l) => l.unitId)}::int[], ${links.map((l) => l.position)}::int[],
                  ${links.map((l) => l.name)}::text[], ${links.map((l) => l.person)}::text[], ${links.map((l) => l.phone)}::text[])
           AS t(project, unit, position, name, person, phone)`;
}

async function storePublishedRollup(tx: Tx, planCode: string, rows: PublishedRollupRecord[], title: string | null): Promise<void> {
  const plan = await tx.plan.update({ where: { code: planCode }, data: { publishedRollupTitle: title } });
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
