// The register of implementing units. A rename keeps the old name as an
// alias (imports still match it); a merge moves every project and user of
// one unit to another, keeps the name each project was published with, and
// records the merge in each project's history.
import { z } from "@/lib/validation/zod";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { readableProjectsScope } from "@/lib/auth/scope";
import { assertPermission, type Actor } from "@/lib/auth/actor";
import { actorName } from "@/lib/projects/project-access";
import { recordChanges } from "@/lib/projects/apply-changes";
import { guessUnitKind } from "./unit-names";
import { unitCreateSchema, unitMergeSchema, unitRenameSchema } from "./unit-input";

export type UnitView = {
  id: number;
  name: string;
  aliases: string[];
  kind: string;
  projectCount: number;
  userCount: number;
};

export async function listUnits(db: PrismaClient): Promise<UnitView[]> {
  const units = await db.unit.findMany({
    include: { _count: { select: { users: true, projects: { where: { project: { deletedAt: null } } } } } },
    orderBy: { name: "asc" },
  });
  return units.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases, kind: u.kind, projectCount: u._count.projects, userCount: u._count.users }));
}

async function assertNameFree(db: Pick<PrismaClient, "unit">, name: string, exceptId?: number): Promise<void> {
  const taken = await db.unit.findFirst({
    where: { OR: [{ name }, { aliases: { has: name } }], ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (taken) throw new AppError("conflict", `单位名称“${name}”已被“${taken.name}”使用`);
}

export async function createUnit(tx: Tx, actor: Actor, input: z.output<typeof unitCreateSchema>): Promise<UnitView> {
  assertPermission(actor, "units.manage");
  await assertNameFree(tx, input.name);
  const unit = await tx.unit.create({ data: { name: input.name, kind: input.kind ?? guessUnitKind(input.name) } });
  return { id: unit.id, name: unit.name, aliases: [], kind: unit.kind, projectCount: 0, userCount: 0 };
}

/**
 * A regional DRC (lib/auth/scope.ts) renames or merges only a unit all of whose
 * projects it reads: the registry is the installation's, and a rename or merge
 * changes every project the unit is on.
 */
async function assertUnitWithinRegion(tx: Tx, actor: Actor, unitIds: number[]): Promise<void> {
  if (actor.region === null) return;
  const outside = await tx.projectUnit.count({ where: { unitId: { in: unitIds }, project: { NOT: readableProjectsScope(actor) } } });
  if (outside > 0) throw forbidden(`该单位还实施${actor.region.name}以外的项目：只有上级发改委可以改名或合并`);
}

export async function renameUnit(tx: Tx, actor: Actor, unitId: number, name: string): Promise<void> {
  assertPermission(actor, "units.manage");
  const unit = await tx.unit.findUnique({ where: { id: unitId } });
  if (!unit) throw notFound("单位");
  await assertUnitWithinRegion(tx, actor, [unitId]);
  if (unit.name === name) return;
  await assertNameFree(tx, name, unitId);
  const aliases = [...new Set([...unit.aliases.filter((a) => a !== name), unit.name])];
  await tx.unit.update({ where: { id: unitId }, data: { name, aliases } });
}

export async function mergeUnits(tx: Tx, actor: Actor, fromUnitId: number, intoUnitId: number): Promise<void> {
  assertPermission(actor, "units.manage");
  if (fromUnitId === intoUnitId) throw new AppError("invalid_input", "不能把单位合并到它自己");
  // One after the other: a transaction's connection runs one query at a time.
  const from = await tx.unit.findUnique({ where: { id: fromUnitId } });
  const into = await tx.unit.findUnique({ where: { id: intoUnitId } });
  if (!from || !into) throw notFound("单位");
  await assertUnitWithinRegion(tx, actor, [fromUnitId, intoUnitId]);
  const links = await tx.projectUnit.findMany({ where: { unitId: fromUnitId } });
  const context = { actor, actorName: actorName(actor), action: "UNIT_MERGE" as const, via: "单位名录" };
  for (const link of links) {
    const alreadyThere = await tx.projectUnit.findUnique({ where: { projectId_unitId: { projectId: link.projectId, unitId: intoUnitId } } });
    if (alreadyThere) {
      await tx.projectUnit.delete({ where: { projectId_unitId: { projectId: link.projectId, unitId: fromUnitId } } });
      // The kept unit takes over the merged one's place if that one led.
      if (link.position < alreadyThere.position) {
        await tx.projectUnit.update({
          where: { projectId_unitId: { projectId: link.projectId, unitId: intoUnitId } },
          data: { position: link.position, isLead: link.isLead || alreadyThere.isLead },
        });
      }
    } else {
      // The published name stays as it was: the project is still known to have been listed under it.
      await tx.projectUnit.update({
        where: { projectId_unitId: { projectId: link.projectId, unitId: fromUnitId } },
        data: { unitId: intoUnitId },
      });
    }
    await recordChanges(tx, link.projectId, context, [
      { field: "units", oldValue: `${from.name}（原文：${link.publishedName}）`, newValue: `${into.name}（合并）` },
    ]);
  }
  // The projects' units changed: a form opened before the merge must not save over it.
  await tx.project.updateMany({ where: { id: { in: links.map((l) => l.projectId) } }, data: { version: { increment: 1 } } });
  await tx.user.updateMany({ where: { unitId: fromUnitId }, data: { unitId: intoUnitId } });
  await tx.unit.delete({ where: { id: fromUnitId } });
  const aliases = [...new Set([...into.aliases, from.name, ...from.aliases])].filter((a) => a !== into.name);
  await tx.unit.update({ where: { id: intoUnitId }, data: { aliases } });
}

const unitIdSchema = z.number().int().positive();

export const createUnitMutation = defineMutation({
  name: "unit.create",
  permission: "units.manage",
  schema: unitCreateSchema,
  run: (tx, actor, input) => createUnit(tx, actor, input),
  audit: (input, result) => ({ target: { type: "Unit", id: result.id } }),
});

export const renameUnitMutation = defineMutation({
  name: "unit.rename",
  permission: "units.manage",
  schema: z.object({ unitId: unitIdSchema, rename: unitRenameSchema }),
  async run(tx, actor, input) {
    await renameUnit(tx, actor, input.unitId, input.rename.name);
    return { ok: true };
  },
  audit: (input) => ({ target: { type: "Unit", id: input.unitId } }),
});

/** Merges the unit of the URL into `intoUnitId`. */
export const mergeUnitsMutation = defineMutation({
  name: "unit.merge",
  permission: "units.manage",
  schema: z.object({ unitId: unitIdSchema, merge: unitMergeSchema }),
  async run(tx, actor, input) {
    await mergeUnits(tx, actor, input.unitId, input.merge.intoUnitId);
    return { ok: true };
  },
  audit: (input) => ({ target: { type: "Unit", id: input.unitId } }),
});
