// 存在问题及需协调事项: each problem is tracked on its own (who must act, by
// when, its state, how it was resolved) across months, so that units do not
// retype it every month and the DRC can list the open ones.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse-input";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { assertAnyPermission, assertPermission, type Actor } from "@/lib/auth/actor";
import { coordinationScope, readableProjectsScope } from "@/lib/auth/scope";
import { loadPlan } from "./report-access";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import { transition } from "@/lib/db/transition";
import { formatDate } from "@/lib/time/time-zone";

type IssueStateName = "OPEN" | "IN_PROGRESS" | "RESOLVED";
import { z } from "@/lib/validation/zod";
import { ISSUE_STATE_LABELS, issueCreateSchema, issueUpdateSchema, type IssueCreateInput, type IssueUpdateInput } from "./progress-input";
import { appNow } from "@/lib/time/clock";

const toDate = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : d === null ? null : undefined);

export async function raiseIssue(tx: Tx, actor: Actor, raw: IssueCreateInput) {
  assertAnyPermission(actor, "coordination.any", "coordination.own");
  const input = parseInput(issueCreateSchema, raw);
  const project = await tx.project.findFirst({ where: { id: input.projectId, deletedAt: null, ...coordinationScope(actor) }, select: { id: true } });
  if (!project) {
    const exists = await tx.project.count({ where: { id: input.projectId, deletedAt: null, ...readableProjectsScope(actor) } });
    throw exists ? forbidden("只能为本单位的项目提出协调事项") : notFound("项目");
  }
  return tx.coordinationIssue.create({
    data: {
      projectId: input.projectId,
      description: input.description,
      responsible: input.responsible,
      dueDate: toDate(input.dueDate) ?? null,
      raisedById: actor.userId,
    },
  });
}

export async function updateIssue(tx: Tx, actor: Actor, issueId: number, input: IssueUpdateInput, now: Date) {
  assertAnyPermission(actor, "coordination.any", "coordination.own");
  const issue = await tx.coordinationIssue.findFirst({ where: { id: issueId, project: { deletedAt: null, ...coordinationScope(actor) } } });
  if (!issue) {
    const exists = await tx.coordinationIssue.count({ where: { id: issueId, project: readableProjectsScope(actor) } });
    throw exists ? forbidden("只能处理本单位项目的协调事项") : notFound("协调事项");
  }
  const resolving = input.state === "RESOLVED" && issue.state !== "RESOLVED";
  if (input.state === "RESOLVED" && !(input.resolution ?? issue.resolution)) {
    throw new AppError("invalid_input", "标记为已解决时请填写解决情况");
  }
  // One conditional update on (id, version): the version the person saw pins the state they saw.
  await transition<IssueStateName>({
    what: "该协调事项",
    expected: { id: issueId, version: input.version, from: [issue.state] },
    labels: ISSUE_STATE_LABELS,
    update: (m) =>
      tx.coordinationIssue.updateMany({
        where: { id: m.id, version: m.version, state: { in: m.states } },
        data: {
          description: input.description,
          responsible: input.responsible,
          dueDate: toDate(input.dueDate),
          state: input.state,
          resolution: input.resolution,
          resolvedAt: resolving ? now : input.state && input.state !== "RESOLVED" ? null : undefined,
          updatedById: actor.userId,
          updatedAt: now,
          version: { increment: 1 },
        },
      }),
    current: () => tx.coordinationIssue.findUnique({ where: { id: issueId }, select: { state: true, version: true } }),
  });
  return tx.coordinationIssue.findUniqueOrThrow({ where: { id: issueId } });
}

export const raiseIssueMutation = defineMutation({
  name: "issue.raise",
  permission: ["coordination.any", "coordination.own"],
  schema: issueCreateSchema,
  run: (tx, actor, input) => raiseIssue(tx, actor, input),
  audit: (input, result) => ({ target: { type: "CoordinationIssue", id: result.id } }),
});

export const updateIssueMutation = defineMutation({
  name: "issue.update",
  permission: ["coordination.any", "coordination.own"],
  schema: z.object({ issueId: z.number().int().positive(), update: issueUpdateSchema }),
  run: (tx, actor, input, ctx) => updateIssue(tx, actor, input.issueId, input.update, ctx.now),
  audit: (input) => ({ target: { type: "CoordinationIssue", id: input.issueId } }),
});

export type IssueListItem = {
  id: number;
  version: number;
  projectId: number;
  projectSeq: number;
  projectName: string;
  units: string;
  description: string;
  responsible: string;
  dueDate: string | null;
  overdue: boolean;
  state: string;
  resolution: string;
  raisedBy: string;
  raisedAt: string;
  resolvedAt: string | null;
  canUpdate: boolean;
};

export async function listIssues(
  db: PrismaClient,
  actor: Actor,
  filter: { planCode?: string; projectId?: number; open?: boolean },
  now = appNow(),
): Promise<IssueListItem[]> {
  assertPermission(actor, "progress.read");
  const plan = filter.planCode ? await loadPlan(db, filter.planCode, actor) : null;
  // A project outside the reader's regions is not there (404), as for every read.
  if (filter.projectId !== undefined && !(await db.project.count({ where: { id: filter.projectId, ...readableProjectsScope(actor) } }))) throw notFound("项目");
  const editable = new Set(
    (
      await db.project.findMany({
        where: { deletedAt: null, ...(plan ? { planId: plan.id } : {}), ...(filter.projectId ? { id: filter.projectId } : {}), ...coordinationScope(actor) },
        select: { id: true },
      })
    ).map((p) => p.id),
  );
  const issues = await db.coordinationIssue.findMany({
    where: {
      project: { deletedAt: null, ...(plan ? { planId: plan.id } : {}), ...readableProjectsScope(actor) },
      ...(filter.projectId ? { projectId: filter.projectId } : {}),
      ...(filter.open ? { state: { not: "RESOLVED" } } : {}),
    },
    orderBy: [{ state: "asc" }, { dueDate: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    include: {
      raisedBy: { select: { name: true } },
      project: { select: { seq: true, name: true, units: { orderBy: { position: "asc" }, select: { unit: { select: { name: true } } } } } },
    },
  });
  // 逾期 by the calendar of Beijing (the plan's zone), not of UTC.
  const today = formatDate(now);
  return issues.map((i) => {
    const due = i.dueDate?.toISOString().slice(0, 10) ?? null;
    return {
      id: i.id,
      version: i.version,
      projectId: i.projectId,
      projectSeq: i.project.seq,
      projectName: i.project.name,
      units: i.project.units.map((u) => u.unit.name).join("、"),
      description: i.description,
      responsible: i.responsible,
      dueDate: due,
      overdue: i.state !== "RESOLVED" && due !== null && due < today,
      state: i.state,
      resolution: i.resolution,
      raisedBy: i.raisedBy.name,
      raisedAt: i.raisedAt.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
      canUpdate: editable.has(i.projectId),
    };
  });
}
