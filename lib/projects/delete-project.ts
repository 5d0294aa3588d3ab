// Deleting is soft: the project leaves the annex but stays in the database
// with its history, and a reviewer can restore it.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/errors";
import { assertPermission, type Actor } from "@/lib/auth/actor";
import { staleVersion } from "./apply-changes";
import { actorName } from "./project-access";
import { recordChanges } from "./apply-changes";
import { appNow } from "@/lib/time/clock";

export async function deleteProject(db: PrismaClient, actor: Actor, projectId: number, version: number): Promise<void> {
  assertPermission(actor, "project.delete");
  await db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: { id: projectId, deletedAt: null } });
    if (!project) throw notFound("项目");
    const { count } = await tx.project.updateMany({
      where: { id: projectId, version, deletedAt: null },
      data: { deletedAt: appNow(), version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion();
    await recordChanges(tx, projectId, { actor, actorName: actorName(actor), action: "DELETE", via: "删除" }, [
      { field: "*", oldValue: `${project.seq}. ${project.name}`, newValue: "已删除" },
    ]);
  });
}

export async function restoreProject(db: PrismaClient, actor: Actor, projectId: number): Promise<void> {
  assertPermission(actor, "project.restore");
  await db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: projectId } });
    if (!project) throw notFound("项目");
    if (!project.deletedAt) throw new AppError("conflict", "该项目未被删除，无需恢复");
    await tx.project.update({ where: { id: projectId }, data: { deletedAt: null, version: { increment: 1 } } });
    await recordChanges(tx, projectId, { actor, actorName: actorName(actor), action: "RESTORE", via: "恢复" }, [
      { field: "*", oldValue: "已删除", newValue: `${project.seq}. ${project.name}` },
    ]);
  });
}

export type DeletedProject = { id: number; seq: number; name: string; domainName: string; deletedAt: string; deletedBy: string | null };

export async function listDeletedProjects(db: PrismaClient, planCode: string): Promise<DeletedProject[]> {
  const plan = await db.plan.findUnique({ where: { code: planCode } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const projects = await db.project.findMany({
    where: { planId: plan.id, deletedAt: { not: null } },
    include: { domain: true, changes: { where: { action: "DELETE" }, orderBy: { at: "desc" }, take: 1 } },
    orderBy: { deletedAt: "desc" },
  });
  return projects.map((p) => ({
    id: p.id,
    seq: p.seq,
    name: p.name,
    domainName: p.domain.name,
    deletedAt: p.deletedAt!.toISOString(),
    deletedBy: p.changes[0]?.actorName ?? null,
  }));
}
