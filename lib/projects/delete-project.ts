// Deleting is soft: the project leaves the annex but stays in the database
// with its history, and a reviewer can restore it.
import { readableProjectsScope, type ReadScope } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/errors";
import { assertPermission, type Actor } from "@/lib/auth/actor";
import { staleVersion } from "./apply-changes";
import { actorName } from "./project-access";
import { recordChanges } from "./apply-changes";
import { getAnnexRow } from "./list-projects";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import { transition } from "@/lib/db/transition";
import { z } from "@/lib/validation/zod";

export async function deleteProject(tx: Tx, actor: Actor, projectId: number, version: number, now: Date): Promise<void> {
  assertPermission(actor, "project.delete");
  const project = await tx.project.findFirst({ where: { id: projectId, deletedAt: null, ...readableProjectsScope(actor) } });
  if (!project) throw notFound("项目");
  const { count } = await tx.project.updateMany({
    where: { id: projectId, version, deletedAt: null },
    data: { deletedAt: now, version: { increment: 1 } },
  });
  if (count === 0) throw staleVersion();
  await recordChanges(tx, projectId, { actor, actorName: actorName(actor), action: "DELETE", via: "删除" }, [
    { field: "*", oldValue: `${project.seq}. ${project.name}`, newValue: "已删除" },
  ]);
}

const PROJECT_STATE_LABELS = { DELETED: "已删除", LIVE: "未删除（已恢复或从未删除）" } as const;

/** Restores a deleted project: one conditional update on (id, version when given, deleted). */
export async function restoreProject(tx: Tx, actor: Actor, projectId: number, version?: number): Promise<void> {
  assertPermission(actor, "project.restore");
  const project = await tx.project.findFirst({ where: { id: projectId, ...readableProjectsScope(actor) } });
  if (!project) throw notFound("项目");
  await transition<keyof typeof PROJECT_STATE_LABELS>({
    what: `项目《${project.name}》`,
    expected: { id: projectId, version, from: ["DELETED"] },
    labels: PROJECT_STATE_LABELS,
    update: (m) =>
      tx.project.updateMany({
        where: { id: m.id, version: m.version, deletedAt: m.states.includes("DELETED") ? { not: null } : null },
        data: { deletedAt: null, version: { increment: 1 } },
      }),
    current: async () => {
      const p = await tx.project.findUnique({ where: { id: projectId }, select: { deletedAt: true, version: true } });
      return p && { state: p.deletedAt ? "DELETED" : "LIVE", version: p.version };
    },
  });
  await recordChanges(tx, projectId, { actor, actorName: actorName(actor), action: "RESTORE", via: "恢复" }, [
    { field: "*", oldValue: "已删除", newValue: `${project.seq}. ${project.name}` },
  ]);
}

const projectIdSchema = z.number().int().positive();

export const deleteProjectMutation = defineMutation({
  name: "project.delete",
  permission: "project.delete",
  schema: z.object({ projectId: projectIdSchema, version: z.coerce.number({ error: "缺少参数 version（项目版本）" }).int().positive("缺少参数 version（项目版本）") }),
  run: (tx, actor, input, ctx) => deleteProject(tx, actor, input.projectId, input.version, ctx.now),
  audit: (input) => ({ target: { type: "Project", id: input.projectId } }),
});

export const restoreProjectMutation = defineMutation({
  name: "project.restore",
  permission: "project.restore",
  // The version of the deleted project as the page showed it (optional for older clients).
  schema: z.object({ projectId: projectIdSchema, version: z.number().int().positive().optional() }),
  async run(tx, actor, input) {
    await restoreProject(tx, actor, input.projectId, input.version);
    return getAnnexRow(tx, input.projectId);
  },
  audit: (input) => ({ target: { type: "Project", id: input.projectId } }),
});

export type DeletedProject = { id: number; version: number; seq: number; name: string; domainName: string; deletedAt: string; deletedBy: string | null };

export async function listDeletedProjects(db: PrismaClient, planCode: string, scope: ReadScope = null): Promise<DeletedProject[]> {
  const plan = await findReadablePlan(db, planCode, scope);
  const projects = await db.project.findMany({
    where: { planId: plan.id, deletedAt: { not: null }, ...readableProjectsScope(scope) },
    include: { domain: true, changes: { where: { action: "DELETE" }, orderBy: { at: "desc" }, take: 1 } },
    orderBy: { deletedAt: "desc" },
  });
  return projects.map((p) => ({
    id: p.id,
    version: p.version,
    seq: p.seq,
    name: p.name,
    domainName: p.domain.name,
    deletedAt: p.deletedAt!.toISOString(),
    deletedBy: p.changes[0]?.actorName ?? null,
  }));
}
