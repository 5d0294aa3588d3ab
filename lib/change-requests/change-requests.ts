// Change requests: an implementing unit asks the DRC to change a figure that
// is the DRC's (domain, 序号, total or 十四五 investment) — or proposes its
// project's split by county (lib/projects/county-shares.ts) — and says why; a
// reviewer accepts (the values are applied through the same path as any edit,
// the split through setCountyShares, and the history names the request) or
// rejects with a comment.
import Decimal from "decimal.js";
import { z } from "@/lib/validation/zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import { transition } from "@/lib/db/transition";
import { AppError, notFound } from "@/lib/errors";
import { assertPermission, type Actor } from "@/lib/auth/actor";
import { changeRequestScope, readableProjectsScope } from "@/lib/auth/scope";
import { formatYi, amountFromDb, amountOfWan, type DbAmount } from "@/lib/money/amount";
import { applyProjectChanges, changedFields, projectForEdit } from "@/lib/projects/apply-changes";
import { actorName, loadEditableProject } from "@/lib/projects/project-access";
import { changeRequestDecisionSchema, changeRequestSchema } from "@/lib/projects/project-input";
import { FIELD_LABELS, type ProjectField } from "@/lib/projects/project-fields";
import { countySharesSchema, getCountySplit, setCountyShares } from "@/lib/projects/county-shares";

type Proposal = z.output<typeof changeRequestSchema>;
type Decision = z.output<typeof changeRequestDecisionSchema>;

const dbAmount = z.object({ state: z.enum(["VALUE", "PENDING", "NOT_APPLICABLE"]), wan: z.string().nullable() });
/** What is stored in ChangeRequest.proposed. */
const proposedSchema = z.object({
  domainId: z.number().optional(),
  seq: z.number().optional(),
  total: dbAmount.optional(),
  fyp: dbAmount.optional(),
  /** A proposed split by county (万元), instead of the fields above. */
  countyShares: z.array(z.object({ regionCode: z.string(), regionName: z.string(), totalWan: z.string(), fypWan: z.string() })).optional(),
});
type Proposed = z.infer<typeof proposedSchema>;

export async function createChangeRequest(tx: Tx, actor: Actor, projectId: number, input: Proposal): Promise<{ id: number }> {
  assertPermission(actor, "change-request.create");
  const project = await loadEditableProject(tx, actor, projectId);
  const { reason, ...proposed } = input;
  if (changedFields(project, proposed).length === 0) {
    throw new AppError("invalid_input", "申请的数值与现有数值相同，无需变更");
  }
  if (proposed.domainId !== undefined && !(await tx.domain.findFirst({ where: { id: proposed.domainId, planId: project.planId } }))) {
    throw new AppError("invalid_input", "所选领域不属于本规划");
  }
  const request = await tx.changeRequest.create({
    data: { projectId, requestedById: actor.userId, proposed, reason, baseVersion: project.version },
  });
  return { id: request.id };
}

export const CHANGE_REQUEST_STATUS_LABELS = { OPEN: "待处理", ACCEPTED: "已采纳", REJECTED: "已退回" } as const;

export async function decideChangeRequest(tx: Tx, actor: Actor, requestId: number, decision: Decision, now: Date): Promise<void> {
  assertPermission(actor, "change-request.decide");
  const request = await tx.changeRequest.findFirst({ where: { id: requestId, ...changeRequestScope(actor) } });
  if (!request) throw notFound("变更申请");
  // One conditional update on (id, version, 待处理): of two reviewers deciding at once, one wins.
  await transition({
    what: `变更申请 #${requestId}`,
    expected: { id: requestId, version: decision.version, from: ["OPEN"] },
    labels: CHANGE_REQUEST_STATUS_LABELS,
    update: (m) =>
      tx.changeRequest.updateMany({
        where: { id: m.id, version: m.version, status: { in: m.states } },
        data: {
          status: decision.decision === "accept" ? "ACCEPTED" : "REJECTED",
          decidedById: actor.userId,
          decidedAt: now,
          decisionComment: decision.comment || null,
          version: { increment: 1 },
        },
      }),
    current: async () => {
      const r = await tx.changeRequest.findUnique({ where: { id: requestId }, select: { status: true, version: true } });
      return r && { state: r.status, version: r.version };
    },
  });
  if (decision.decision === "reject") return;

  const project = await tx.project.findFirst({ where: { id: request.projectId, deletedAt: null }, include: projectForEdit });
  if (!project) throw new AppError("conflict", "项目已被删除，无法采纳该申请");
  const proposed = proposedSchema.parse(request.proposed);
  if (proposed.countyShares) {
    // The split, by the DRC's own path: checked again against the project as it is now.
    assertPermission(actor, "project.county-shares");
    const input = countySharesSchema.parse({
      projectId: project.id,
      version: project.version,
      shares: proposed.countyShares.map((s) => ({ regionCode: s.regionCode, total: { text: s.totalWan, unit: "万元" }, fyp: { text: s.fypWan, unit: "万元" } })),
    });
    await setCountyShares(tx, actor, input, { via: `变更申请 #${request.id}（区县拆分）`, changeRequestId: request.id });
    return;
  }
  await applyProjectChanges(tx, project, project.version, proposed, {
    actor,
    actorName: actorName(actor),
    action: "CHANGE_REQUEST_ACCEPTED",
    via: `变更申请 #${request.id}`,
    changeRequestId: request.id,
  });
}

export const createChangeRequestMutation = defineMutation({
  name: "change-request.create",
  permission: "change-request.create",
  schema: z.object({ projectId: z.number().int().positive(), request: changeRequestSchema }),
  run: (tx, actor, input) => createChangeRequest(tx, actor, input.projectId, input.request),
  audit: (input, result) => ({ target: { type: "ChangeRequest", id: result.id } }),
});

export const decideChangeRequestMutation = defineMutation({
  name: "change-request.decide",
  permission: "change-request.decide",
  schema: z.object({ requestId: z.number().int().positive(), decision: changeRequestDecisionSchema }),
  run: (tx, actor, input, ctx) => decideChangeRequest(tx, actor, input.requestId, input.decision, ctx.now),
  audit: (input) => ({ target: { type: "ChangeRequest", id: input.requestId } }),
});

export type ChangeRequestView = {
  id: number;
  projectId: number;
  projectSeq: number;
  projectName: string;
  planCode: string;
  requestedBy: string;
  requestedAt: string;
  reason: string;
  status: "OPEN" | "ACCEPTED" | "REJECTED";
  /** fields: domain, 序号, amounts; county-shares: a split by county (items per county, 万元). */
  kind: "fields" | "county-shares";
  version: number;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  /**
   * Each proposed field: its label, the value now and the value proposed; for an
   * adopted request, old → new as they were when it was adopted (its history rows).
   */
  items: { field: string; label: string; current: string; proposed: string }[];
  /** items are the values at decision time (adopted), not the project's values now. */
  itemsAsDecided: boolean;
  /** The project changed since the request was made. */
  projectChangedSince: boolean;
};

/** Requests the actor may see: the DRC all of them, a unit those on its projects. */
export async function listChangeRequests(
  db: PrismaClient,
  actor: Actor,
  filter: { projectId?: number; status?: "OPEN" | "ACCEPTED" | "REJECTED" },
): Promise<ChangeRequestView[]> {
  assertPermission(actor, "annex.read");
  // A project outside the reader's regions is not there (404), as for every read.
  if (filter.projectId !== undefined && !(await db.project.count({ where: { id: filter.projectId, ...readableProjectsScope(actor) } }))) throw notFound("项目");
  const mine = changeRequestScope(actor);
  const requests = await db.changeRequest.findMany({
    where: { ...mine, ...(filter.projectId ? { projectId: filter.projectId } : {}), ...(filter.status ? { status: filter.status } : {}) },
    include: { project: { include: { domain: true, plan: true } }, requestedBy: true, decidedBy: true, changes: { orderBy: { id: "asc" } } },
    orderBy: { createdAt: "desc" },
  });
  const domainIds = requests.flatMap((r) => {
    const d = proposedSchema.parse(r.proposed).domainId;
    return d ? [d] : [];
  });
  const domains = new Map((await db.domain.findMany({ where: { id: { in: domainIds } } })).map((d) => [d.id, d.name]));
  // The splits now, for the requests that propose one.
  const splits = new Map(
    await Promise.all(
      [...new Set(requests.filter((r) => proposedSchema.parse(r.proposed).countyShares && !r.project.deletedAt).map((r) => r.projectId))].map(async (id) => [id, await getCountySplit(db, id)] as const),
    ),
  );
  return requests.map((r) => {
    const p = proposedSchema.parse(r.proposed);
    const items: ChangeRequestView["items"] = [];
    if (p.countyShares) items.push(...shareItems(p.countyShares, splits.get(r.projectId)));
    if (p.domainId !== undefined) items.push({ field: "domainId", label: "领域", current: r.project.domain.name, proposed: domains.get(p.domainId) ?? "？" });
    if (p.seq !== undefined) items.push({ field: "seq", label: "序号", current: String(r.project.seq), proposed: String(p.seq) });
    if (p.total) items.push({ field: "total", label: "总投资（亿元）", current: yi({ state: r.project.totalState, wan: r.project.totalWan?.toString() ?? null }), proposed: yi(p.total) });
    if (p.fyp) items.push({ field: "fyp", label: "“十四五”投资（亿元）", current: yi({ state: r.project.fypState, wan: r.project.fypWan?.toString() ?? null }), proposed: yi(p.fyp) });
    // Adopted: what the history recorded at that moment, not what the project holds now.
    const asDecided = r.status === "ACCEPTED" && r.changes.length > 0;
    const decidedItems = r.changes.map((c) => ({ field: c.field, label: c.field === "*" ? "按区县拆分（万元，总投资/十四五）" : `${FIELD_LABELS[c.field as ProjectField] ?? c.field}${c.field === "total" || c.field === "fyp" ? "（亿元）" : ""}`, current: asYi(c.oldValue), proposed: asYi(c.newValue) }));
    return {
      id: r.id,
      projectId: r.projectId,
      projectSeq: r.project.seq,
      projectName: r.project.name,
      planCode: r.project.plan.code,
      requestedBy: `${r.requestedBy.name}（${r.requestedBy.login}）`,
      requestedAt: r.createdAt.toISOString(),
      reason: r.reason,
      status: r.status,
      kind: p.countyShares ? "county-shares" : "fields",
      version: r.version,
      decidedBy: r.decidedBy ? `${r.decidedBy.name}（${r.decidedBy.login}）` : null,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decisionComment: r.decisionComment,
      items: asDecided ? decidedItems : items,
      itemsAsDecided: asDecided,
      projectChangedSince: r.project.version !== r.baseVersion,
    };
  });
}

/**
 * A proposed split as rows to compare: each county proposed or split now, “总投资 / 十四五”
 * in 万元 (— where it has no share), then what each leaves unsplit.
 */
function shareItems(proposed: NonNullable<Proposed["countyShares"]>, now: Awaited<ReturnType<typeof getCountySplit>> | undefined): ChangeRequestView["items"] {
  const current = now?.shares ?? [];
  const names = new Map([...current, ...proposed].map((s) => [s.regionCode, s.regionName]));
  const pair = (s: { totalWan: string; fypWan: string } | undefined) => (s ? `${s.totalWan} / ${s.fypWan}` : "—");
  const rest = (amount: string | null | undefined, pick: "totalWan" | "fypWan") =>
    amount === null || amount === undefined ? "—" : proposed.reduce((left, s) => left.minus(s[pick]), new Decimal(amount)).toFixed();
  return [
    ...[...names].map(([code, name]) => ({
      field: `share:${code}`,
      label: `${name}（万元，总投资 / “十四五”）`,
      current: pair(current.find((s) => s.regionCode === code)),
      proposed: pair(proposed.find((s) => s.regionCode === code)),
    })),
    {
      field: "share:unsplit",
      label: "未拆分（万元，总投资 / “十四五”）",
      current: now ? `${now.unsplitTotalWan ?? "—"} / ${now.unsplitFypWan ?? "—"}` : "—",
      proposed: `${rest(now?.totalWan, "totalWan")} / ${rest(now?.fypWan, "fypWan")}`,
    },
  ];
}

function yi(a: DbAmount): string {
  return formatYi(amountFromDb(a), 4).replace(/\.?0+$/, "");
}

/** A history value as the request lists amounts: "12000000 万元" → "1200.0" (亿元); anything else as recorded. */
function asYi(value: string | null): string {
  const amount = /^(\d+(?:\.\d+)?) 万元$/.exec(value ?? "");
  return amount ? formatYi(amountOfWan(amount[1]!)) : (value ?? "");
}
