// A 中期调整: the DRC prepares a set of lines (新增, 调出/取消, 调整投资,
// 调整期限/内容, each with its reason), submits it, and it is approved or
// returned as a whole. Approving makes the plan's next version — the version
// in force with the lines applied — and updates the live rows to match,
// through the same paths as any edit (history rows name the adjustment).
// Every edit and transition is one conditional update on (id, version, state)
// (lib/db/transition.ts): a stale page gets a 409, never a silent overwrite.
// The approver must be someone other than the preparer (four eyes: the
// version is what every later figure is measured against).
import Decimal from "decimal.js";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { transition } from "@/lib/db/transition";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { ReadScope } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import { defineMutation, type MutationContext, type Tx } from "@/lib/mutations/mutation";
import { amountFromDb, formatWan, type DbAmount } from "@/lib/money/amount";
import { applyProjectChanges, findUnitsByName, projectForEdit, projectWarnings, recordChanges, requireConfirmation } from "@/lib/projects/apply-changes";
import { createProject } from "@/lib/projects/create-project";
import { actorName } from "@/lib/projects/project-access";
import {
  ADJUSTMENT_STATE_LABELS,
  LINE_KIND_LABELS,
  addLineSchema,
  adjustmentLineSchema,
  createAdjustmentSchema,
  decideAdjustmentSchema,
  lineFromChangeRequestSchema,
  removeLineSchema,
  submitAdjustmentSchema,
  type AdjustmentLine,
  type AdjustmentLineInput,
  type AdjustmentStateName,
  type LineKind,
} from "./adjustment-input";
import { copyLiveRows, findVersion, wholePlanOf } from "./plan-versions";
import { freezeCountyShares } from "./version-shares";
import { sharesOverAmounts } from "@/lib/projects/county-share-limits";

const EDITABLE: AdjustmentStateName[] = ["DRAFT", "RETURNED"];

function what(id: number): string {
  return `中期调整 #${id}`;
}

/** The conditional update every change of an adjustment goes through: from `from` at `version`, to `to` (or the same state), version bumped. */
async function step(tx: Tx, id: number, version: number, from: AdjustmentStateName[], data: Prisma.PlanAdjustmentUpdateManyMutationInput = {}): Promise<void> {
  await transition({
    what: what(id),
    expected: { id, version, from },
    labels: ADJUSTMENT_STATE_LABELS,
    update: (m) => tx.planAdjustment.updateMany({ where: { id: m.id, version: m.version, state: { in: m.states } }, data: { ...data, version: { increment: 1 } } }),
    current: async () => {
      const a = await tx.planAdjustment.findUnique({ where: { id }, select: { state: true, version: true } });
      return a && { state: a.state, version: a.version };
    },
  });
}

async function loadAdjustment(tx: Tx, id: number) {
  const adjustment = await tx.planAdjustment.findUnique({ where: { id }, include: { plan: true, lines: { orderBy: { position: "asc" } } } });
  if (!adjustment) throw notFound(what(id));
  return adjustment;
}

/** A declaration's run on an existing adjustment: only by an account that reads its whole plan (a 404 for another region's, 403 below it). */
function onManagedAdjustment<I extends { adjustmentId: number }, R>(run: (tx: Tx, actor: Actor, input: I, ctx: MutationContext) => Promise<R>) {
  return async (tx: Tx, actor: Actor, input: I, ctx: MutationContext): Promise<R> => {
    const adjustment = await tx.planAdjustment.findUnique({ where: { id: input.adjustmentId }, select: { plan: { select: { code: true } } } });
    if (!adjustment) throw notFound(what(input.adjustmentId));
    await findReadablePlan(tx, adjustment.plan.code, actor, "manage");
    return run(tx, actor, input, ctx);
  };
}

export async function createAdjustment(tx: Tx, actor: Actor, planCode: string, title: string, now: Date): Promise<{ id: number }> {
  // The whole plan's business: refused to an account of a region below it (lib/plans/plans.ts).
  const plan = await findReadablePlan(tx, planCode, actor, "manage");
  await findVersion(tx, planCode);
  const created = await tx.planAdjustment.create({
    data: { planId: plan.id, title, preparedById: actor.userId, preparedBy: actorName(actor), createdAt: now },
  });
  return { id: created.id };
}

/** The row of the version in force for `projectId`, or a 400 saying the project is not in it. */
async function versionRow(tx: Tx, versionId: number, projectId: number) {
  const row = await tx.planVersionProject.findUnique({ where: { versionId_projectId: { versionId, projectId } } });
  if (!row) throw new AppError("invalid_input", "所选项目不在现行版本的项目表中（已取消，或是版本之后另行添加的项目）");
  return row;
}

const dbAmountOf = (state: string, wan: Prisma.Decimal | null): DbAmount => ({ state: state as DbAmount["state"], wan: wan?.toString() ?? null });

/** Checks a line against the version in force and the lines already there; returns what is stored. */
async function checkLine(tx: Tx, adjustment: Awaited<ReturnType<typeof loadAdjustment>>, line: AdjustmentLine): Promise<{ projectId: number | null }> {
  const current = await findVersion(tx, adjustment.plan.code);
  if (line.kind === "ADD") {
    const domain = await tx.domain.findFirst({ where: { id: line.project.domainId, planId: adjustment.planId } });
    if (!domain) throw new AppError("invalid_input", "所选领域不属于本规划");
    const p = line.project;
    if (p.total.state === "VALUE" && p.fyp.state === "VALUE" && new Decimal(p.fyp.wan!).greaterThan(p.total.wan!)) throw new AppError("invalid_input", "“十四五”投资不能超过总投资");
    const known = await findUnitsByName(tx, p.units);
    const unknown = p.units.filter((n) => !known.has(n));
    if (unknown.length) throw new AppError("invalid_input", `实施单位“${unknown.join("、")}”不在单位名录中，请先在单位名录中添加`);
    requireConfirmation(await projectWarnings(tx, adjustment.planId, p.name, null), p.confirmWarnings);
    return { projectId: null };
  }
  const row = await versionRow(tx, current.id, line.projectId);
  const others = adjustment.lines.filter((l) => l.projectId === line.projectId);
  if (others.some((l) => l.kind === "CANCEL") || (line.kind === "CANCEL" && others.length)) {
    throw new AppError("invalid_input", `第 ${row.seq} 项《${row.name}》已有调整行；取消一个项目时不能再调整它，也不能重复取消`);
  }
  if (others.some((l) => l.kind === line.kind)) throw new AppError("invalid_input", `第 ${row.seq} 项《${row.name}》已有一行“${LINE_KIND_LABELS[line.kind]}”，请先删除那一行`);
  if (line.kind === "AMOUNTS") {
    const total = line.total ?? dbAmountOf(row.totalState, row.totalWan);
    const fyp = line.fyp ?? dbAmountOf(row.fypState, row.fypWan);
    if (total.state === "VALUE" && fyp.state === "VALUE" && new Decimal(fyp.wan!).greaterThan(total.wan!)) throw new AppError("invalid_input", "“十四五”投资不能超过总投资");
    // Said now rather than at the approval, which refuses it too (the split may still change before then).
    const over = await sharesOverAmounts(tx, line.projectId, { total: line.total, fyp: line.fyp });
    if (over.length) throw new AppError("invalid_input", `第 ${row.seq} 项《${row.name}》：${over.join("；")}`);
  }
  return { projectId: line.projectId };
}

export async function addLine(tx: Tx, actor: Actor, adjustmentId: number, version: number, input: AdjustmentLineInput, changeRequestId: number | null = null): Promise<{ id: number }> {
  const adjustment = await loadAdjustment(tx, adjustmentId);
  const line = adjustmentLineSchema.parse(input);
  // The version first: a stale page is told so (409) before anything about its line.
  await step(tx, adjustmentId, version, EDITABLE);
  const { projectId } = await checkLine(tx, adjustment, line);
  const position = (adjustment.lines.at(-1)?.position ?? 0) + 1;
  // Stored as typed, without the reason (a column of its own).
  const proposed: Record<string, unknown> = { ...input };
  delete proposed.reason;
  const created = await tx.planAdjustmentLine.create({
    data: { adjustmentId, position, kind: line.kind, projectId, reason: line.reason, proposed: proposed as Prisma.InputJsonValue, changeRequestId },
  });
  return { id: created.id };
}

export async function removeLine(tx: Tx, adjustmentId: number, version: number, lineId: number): Promise<void> {
  await step(tx, adjustmentId, version, EDITABLE);
  const { count } = await tx.planAdjustmentLine.deleteMany({ where: { id: lineId, adjustmentId } });
  if (!count) throw notFound("调整行");
}

/** A unit's open change request of the amounts, taken in as a 调整投资 line (the request is decided when the adjustment is approved). */
export async function lineFromChangeRequest(tx: Tx, actor: Actor, adjustmentId: number, version: number, changeRequestId: number): Promise<{ id: number }> {
  const request = await tx.changeRequest.findUnique({ where: { id: changeRequestId }, include: { project: true } });
  if (!request || request.status !== "OPEN") throw new AppError("invalid_input", "只能纳入待处理的变更申请");
  const adjustment = await tx.planAdjustment.findUnique({ where: { id: adjustmentId } });
  if (!adjustment) throw notFound(what(adjustmentId));
  if (request.project.planId !== adjustment.planId) throw new AppError("invalid_input", "该变更申请不属于本规划");
  const proposed = request.proposed as { total?: DbAmount; fyp?: DbAmount };
  if (!proposed.total && !proposed.fyp) throw new AppError("invalid_input", "该变更申请不涉及投资额，不能作为“调整投资”纳入");
  const typed = (a: DbAmount) => ({ text: a.state === "VALUE" ? a.wan! : a.state === "PENDING" ? "待定" : "不适用", unit: "万元" as const });
  return addLine(
    tx,
    actor,
    adjustmentId,
    version,
    {
      kind: "AMOUNTS",
      projectId: request.projectId,
      reason: `${request.reason}（变更申请 #${request.id}）`.slice(0, 1000),
      ...(proposed.total ? { total: typed(proposed.total) } : {}),
      ...(proposed.fyp ? { fyp: typed(proposed.fyp) } : {}),
    },
    request.id,
  );
}

export async function submitAdjustment(tx: Tx, adjustmentId: number, version: number, now: Date): Promise<void> {
  const lines = await tx.planAdjustmentLine.count({ where: { adjustmentId } });
  if (!lines) throw new AppError("invalid_input", "调整中还没有任何调整行，不能提交");
  await step(tx, adjustmentId, version, EDITABLE, { state: "SUBMITTED", submittedAt: now });
}

/** Approves (the next version, the live rows updated) or returns the adjustment to its preparer with a comment. */
export async function decideAdjustment(
  tx: Tx,
  actor: Actor,
  input: { adjustmentId: number; version: number; decision: "approve" | "return"; comment?: string },
  now: Date,
): Promise<{ versionNumber: number | null }> {
  const adjustment = await loadAdjustment(tx, input.adjustmentId);
  if (adjustment.preparedById === actor.userId) throw forbidden("中期调整须由编制人以外的人员审批");
  const decided = { decidedById: actor.userId, decidedBy: actorName(actor), decidedAt: now, decisionComment: input.comment || null };
  if (input.decision === "return") {
    await step(tx, adjustment.id, input.version, ["SUBMITTED"], { state: "RETURNED", ...decided });
    return { versionNumber: null };
  }
  await step(tx, adjustment.id, input.version, ["SUBMITTED"], { state: "APPROVED", ...decided });
  // One version at a time per plan: two approvals at once would both read version N.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`plan-version:${adjustment.planId}`}))`;
  const base = await findVersion(tx, adjustment.plan.code);
  const next = await tx.planVersion.create({
    data: { planId: adjustment.planId, number: base.number + 1, label: adjustment.title, approvedAt: now, approvedBy: actorName(actor), adjustmentId: adjustment.id },
  });
  const lines = adjustment.lines.map((l) => ({ row: l, line: adjustmentLineSchema.parse({ ...(l.proposed as object), reason: l.reason }) }));
  // Version N's rows go on as they are, but for the projects a line cancels or changes (the
  // changed ones are written below, once, with the line applied: a version's rows are never updated).
  const cancelled = lines.flatMap(({ line }) => (line.kind === "CANCEL" ? [line.projectId] : []));
  const changed = lines.flatMap(({ line }) => (line.kind === "AMOUNTS" || line.kind === "PERIOD_CONTENT" ? [line.projectId] : []));
  await tx.$executeRaw`
    INSERT INTO "PlanVersionProject" ("versionId", "projectId", "domainId", seq, name, type, "periodText", "periodStart", "periodEnd", "locationText", "regionId",
                                      "locationResolution", "locationRule", content, "totalState", "totalWan", "fypState", "fypWan", "unitIds", "unitNames")
    SELECT ${next.id}, "projectId", "domainId", seq, name, type, "periodText", "periodStart", "periodEnd", "locationText", "regionId",
           "locationResolution", "locationRule", content, "totalState", "totalWan", "fypState", "fypWan", "unitIds", "unitNames"
      FROM "PlanVersionProject" WHERE "versionId" = ${base.id} AND NOT ("projectId" = ANY(${[...cancelled, ...changed]}::int[]))`;
  const pending = new Map<number, Prisma.PlanVersionProjectUncheckedCreateInput>();

  const via = `${what(adjustment.id)}（${adjustment.title}）`;
  const context = { actor, actorName: actorName(actor), via };
  for (const { row, line } of lines) {
    if (line.kind === "ADD") {
      const created = await createProject(tx, actor, adjustment.plan.code, { ...line.project, confirmWarnings: true }, via);
      await tx.planAdjustmentLine.update({ where: { id: row.id }, data: { projectId: created.id } });
      await copyLiveRows(tx, next.id, Prisma.sql`p.id = ${created.id}`);
      continue;
    }
    const project = await tx.project.findUnique({ where: { id: line.projectId }, include: projectForEdit });
    if (!project || project.deletedAt) throw new AppError("conflict", `项目 #${line.projectId} 已被删除，无法批准此调整（本次操作未执行）`);
    if (line.kind === "CANCEL") {
      await tx.project.update({ where: { id: project.id }, data: { deletedAt: now, version: { increment: 1 } } });
      await recordChanges(tx, project.id, { ...context, action: "DELETE" }, [{ field: "*", oldValue: `${project.seq}. ${project.name}`, newValue: "调出/取消" }]);
      continue;
    }
    const changes = line.kind === "AMOUNTS" ? { total: line.total, fyp: line.fyp } : { period: line.period, content: line.content };
    // A refusal names the project: an amount lowered under the project's split by county is
    // refused here as in any edit (the split is changed first, then the adjustment approved).
    const updated = await applyProjectChanges(tx, project, project.version, changes, { ...context, action: "UPDATE" }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "invalid_input") throw new AppError("invalid_input", `第 ${project.seq} 项《${project.name}》：${error.message}（本次审批未执行）`, error.details);
      throw error;
    });
    // The row of version N, with what the line changes (a project may have one line of each kind).
    let entry = pending.get(project.id);
    if (!entry) {
      const { id: _id, versionId: _v, ...frozen } = await tx.planVersionProject.findUniqueOrThrow({ where: { versionId_projectId: { versionId: base.id, projectId: project.id } } });
      entry = { ...frozen, versionId: next.id };
    }
    pending.set(project.id, {
      ...entry,
      ...(line.kind === "AMOUNTS"
        ? { totalState: updated.totalState, totalWan: updated.totalWan, fypState: updated.fypState, fypWan: updated.fypWan }
        : { periodText: updated.periodText, periodStart: updated.periodStart, periodEnd: updated.periodEnd, content: updated.content }),
    });
  }
  if (pending.size) await tx.planVersionProject.createMany({ data: [...pending.values()] });
  // The splits by county in force now, for the new version's projects (lib/versions/version-shares.ts).
  await freezeCountyShares(tx, next.id, base.id);
  // Change requests taken in as lines are decided with the adjustment.
  const requestIds = adjustment.lines.flatMap((l) => (l.changeRequestId ? [l.changeRequestId] : []));
  if (requestIds.length) {
    await tx.changeRequest.updateMany({
      where: { id: { in: requestIds }, status: "OPEN" },
      data: { status: "ACCEPTED", decidedById: actor.userId, decidedAt: now, decisionComment: `纳入${via}，第 ${next.number} 版起执行`, version: { increment: 1 } },
    });
  }
  return { versionNumber: next.number };
}

export const createAdjustmentMutation = defineMutation({
  name: "plan-adjustment.create",
  permission: "plan-adjustment.prepare",
  schema: createAdjustmentSchema,
  run: (tx, actor, input, ctx) => createAdjustment(tx, actor, input.planCode, input.title, ctx.now),
  audit: (input, result) => ({ target: { type: "PlanAdjustment", id: result.id } }),
});

export const addAdjustmentLineMutation = defineMutation({
  name: "plan-adjustment.add-line",
  permission: "plan-adjustment.prepare",
  schema: addLineSchema,
  // The line as typed (the schema's output has parsed amounts); it is parsed again inside.
  run: onManagedAdjustment((tx, actor, input) => addLine(tx, actor, input.adjustmentId, input.version, rawLine(input.line))),
  audit: (input) => ({ target: { type: "PlanAdjustment", id: input.adjustmentId } }),
});

export const removeAdjustmentLineMutation = defineMutation({
  name: "plan-adjustment.remove-line",
  permission: "plan-adjustment.prepare",
  schema: removeLineSchema,
  run: onManagedAdjustment((tx, actor, input) => removeLine(tx, input.adjustmentId, input.version, input.lineId)),
  audit: (input) => ({ target: { type: "PlanAdjustment", id: input.adjustmentId } }),
});

export const lineFromChangeRequestMutation = defineMutation({
  name: "plan-adjustment.take-change-request",
  permission: "plan-adjustment.prepare",
  schema: lineFromChangeRequestSchema,
  run: onManagedAdjustment((tx, actor, input) => lineFromChangeRequest(tx, actor, input.adjustmentId, input.version, input.changeRequestId)),
  audit: (input) => ({ target: { type: "PlanAdjustment", id: input.adjustmentId } }),
});

export const submitAdjustmentMutation = defineMutation({
  name: "plan-adjustment.submit",
  permission: "plan-adjustment.prepare",
  schema: submitAdjustmentSchema,
  run: onManagedAdjustment((tx, actor, input, ctx) => submitAdjustment(tx, input.adjustmentId, input.version, ctx.now)),
  audit: (input) => ({ target: { type: "PlanAdjustment", id: input.adjustmentId } }),
});

export const decideAdjustmentMutation = defineMutation({
  name: "plan-adjustment.decide",
  permission: "plan-adjustment.approve",
  schema: decideAdjustmentSchema,
  run: onManagedAdjustment((tx, actor, input, ctx) => decideAdjustment(tx, actor, input, ctx.now)),
  audit: (input) => ({ target: { type: "PlanAdjustment", id: input.adjustmentId } }),
});

/**
 * The line's typed form, back from the parsed one: amounts as exact 万元 text,
 * the period as its normalised text. Stored so, it parses again to the same values.
 */
function rawLine(line: AdjustmentLine): AdjustmentLineInput {
  const typed = (a: DbAmount) => ({ text: a.state === "VALUE" ? a.wan! : a.state === "PENDING" ? "待定" : "不适用", unit: "万元" as const });
  switch (line.kind) {
    case "ADD": {
      const p = line.project;
      return { kind: "ADD", reason: line.reason, project: { ...p, period: p.period.text, total: typed(p.total), fyp: typed(p.fyp) } };
    }
    case "CANCEL":
      return line;
    case "AMOUNTS":
      return { kind: "AMOUNTS", reason: line.reason, projectId: line.projectId, ...(line.total ? { total: typed(line.total) } : {}), ...(line.fyp ? { fyp: typed(line.fyp) } : {}) };
    case "PERIOD_CONTENT":
      return { kind: "PERIOD_CONTENT", reason: line.reason, projectId: line.projectId, ...(line.period ? { period: line.period.text } : {}), ...(line.content !== undefined ? { content: line.content } : {}) };
  }
}

// ---- reading ----

export type AdjustmentLineView = {
  id: number;
  kind: LineKind;
  kindLabel: string;
  reason: string;
  projectId: number | null;
  seq: number | null;
  name: string;
  /** Each field the line changes: before (the version in force, or the one it was approved against) and after. */
  items: { label: string; before: string; after: string }[];
  changeRequestId: number | null;
};

export type AdjustmentView = {
  id: number;
  planCode: string;
  planName: string;
  title: string;
  state: AdjustmentStateName;
  stateLabel: string;
  version: number;
  preparedById: number;
  preparedBy: string;
  createdAt: string;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  /** The version the lines apply to (the one in force, or the one it was approved against), and the version it made. */
  baseVersion: number;
  resultVersion: number | null;
  lines: AdjustmentLineView[];
};

const wanText = (a: DbAmount) => {
  const amount = amountFromDb(a);
  return amount.state === "VALUE" ? `${formatWan(amount)} 万元` : formatWan(amount);
};

export async function getAdjustment(db: PrismaClient, id: number, scope: ReadScope = null): Promise<AdjustmentView> {
  const adjustment = await db.planAdjustment.findUnique({ where: { id }, include: { plan: true, lines: { orderBy: { position: "asc" } }, resultVersion: true } });
  if (!adjustment) throw notFound(what(id));
  await wholePlanOf(db, adjustment.plan.code, scope);
  const base = adjustment.resultVersion
    ? await findVersion(db, adjustment.plan.code, adjustment.resultVersion.number - 1)
    : await findVersion(db, adjustment.plan.code);
  const rows = new Map(
    (await db.planVersionProject.findMany({ where: { versionId: base.id, projectId: { in: adjustment.lines.flatMap((l) => (l.projectId ? [l.projectId] : [])) } } })).map((r) => [r.projectId, r]),
  );
  const domains = new Map((await db.domain.findMany({ where: { planId: adjustment.planId } })).map((d) => [d.id, d.name]));
  const lines = adjustment.lines.map((l): AdjustmentLineView => {
    const line = adjustmentLineSchema.parse({ ...(l.proposed as object), reason: l.reason });
    const row = l.projectId ? rows.get(l.projectId) : undefined;
    const items: AdjustmentLineView["items"] = [];
    let name = row?.name ?? "";
    if (line.kind === "ADD") {
      const p = line.project;
      name = p.name;
      items.push(
        { label: "领域", before: "", after: domains.get(p.domainId) ?? "" },
        { label: "项目期限", before: "", after: p.period.text },
        { label: "总投资", before: "", after: wanText(p.total) },
        { label: "“十四五”投资", before: "", after: wanText(p.fyp) },
        { label: "实施单位", before: "", after: p.units.join("、") },
      );
    } else if (row) {
      if (line.kind === "CANCEL") items.push({ label: "总投资", before: wanText(dbAmountOf(row.totalState, row.totalWan)), after: "（取消）" });
      if (line.kind === "AMOUNTS") {
        if (line.total) items.push({ label: "总投资", before: wanText(dbAmountOf(row.totalState, row.totalWan)), after: wanText(line.total) });
        if (line.fyp) items.push({ label: "“十四五”投资", before: wanText(dbAmountOf(row.fypState, row.fypWan)), after: wanText(line.fyp) });
      }
      if (line.kind === "PERIOD_CONTENT") {
        if (line.period) items.push({ label: "项目期限", before: row.periodText, after: line.period.text });
        if (line.content !== undefined) items.push({ label: "建设内容", before: row.content, after: line.content });
      }
    }
    return { id: l.id, kind: line.kind, kindLabel: LINE_KIND_LABELS[line.kind], reason: l.reason, projectId: l.projectId, seq: row?.seq ?? null, name, items, changeRequestId: l.changeRequestId };
  });
  return {
    id: adjustment.id,
    planCode: adjustment.plan.code,
    planName: adjustment.plan.name,
    title: adjustment.title,
    state: adjustment.state,
    stateLabel: ADJUSTMENT_STATE_LABELS[adjustment.state],
    version: adjustment.version,
    preparedById: adjustment.preparedById,
    preparedBy: adjustment.preparedBy,
    createdAt: adjustment.createdAt.toISOString(),
    submittedAt: adjustment.submittedAt?.toISOString() ?? null,
    decidedBy: adjustment.decidedBy,
    decidedAt: adjustment.decidedAt?.toISOString() ?? null,
    decisionComment: adjustment.decisionComment,
    baseVersion: base.number,
    resultVersion: adjustment.resultVersion?.number ?? null,
    lines,
  };
}

export type AdjustmentSummary = { id: number; title: string; state: AdjustmentStateName; stateLabel: string; preparedBy: string; lines: number; resultVersion: number | null };

export async function listAdjustments(db: PrismaClient, planCode: string, scope: ReadScope = null): Promise<AdjustmentSummary[]> {
  const plan = await wholePlanOf(db, planCode, scope);
  const list = await db.planAdjustment.findMany({ where: { planId: plan.id }, include: { _count: { select: { lines: true } }, resultVersion: true }, orderBy: { id: "desc" } });
  return list.map((a) => ({ id: a.id, title: a.title, state: a.state, stateLabel: ADJUSTMENT_STATE_LABELS[a.state], preparedBy: a.preparedBy, lines: a._count.lines, resultVersion: a.resultVersion?.number ?? null }));
}
