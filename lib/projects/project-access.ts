// Which projects an actor may change, written into the query that loads them:
// the DRC and admins any live project of the plan, an implementing unit only
// the projects it is one of the units of.
import type { Prisma } from "@/lib/generated/prisma/client";
import { forbidden, notFound } from "@/lib/api/errors";
import { can, type Actor } from "@/lib/auth/actor";
import { projectForEdit, type ProjectForEdit } from "./apply-changes";
import { UNIT_FIELDS, type ProjectField } from "./project-fields";

type Tx = Prisma.TransactionClient;

export function ownProjectsScope(actor: Actor): Prisma.ProjectWhereInput {
  if (can(actor, "project.edit.any")) return {};
  if (actor.role === "EDITOR" && actor.unitId !== null) return { units: { some: { unitId: actor.unitId } } };
  return { id: -1 }; // nobody else changes projects
}

export const NOT_YOUR_PROJECT = "只能修改本单位作为实施单位的项目";

/** Loads a live project the actor may change; 404 when there is none, 403 when it is someone else's. */
export async function loadEditableProject(tx: Tx, actor: Actor, projectId: number): Promise<ProjectForEdit> {
  const project = await tx.project.findFirst({
    where: { id: projectId, deletedAt: null, ...ownProjectsScope(actor) },
    include: projectForEdit,
  });
  if (project) return project;
  const exists = await tx.project.count({ where: { id: projectId, deletedAt: null } });
  if (!exists) throw notFound("项目");
  throw forbidden(NOT_YOUR_PROJECT);
}

export function actorName(actor: Actor): string {
  return `${actor.name}（${actor.login}）`;
}

/** The fields the actor may change on this project, for the UI to offer (the server checks again). */
export function editableFields(actor: Actor, project: { units: { unitId: number }[] }): ProjectField[] {
  if (can(actor, "project.edit.any")) return ALL_FIELDS;
  if (isOwnProject(actor, project)) return [...UNIT_FIELDS];
  return [];
}

export function isOwnProject(actor: Actor, project: { units: { unitId: number }[] }): boolean {
  return actor.role === "EDITOR" && actor.unitId !== null && project.units.some((u) => u.unitId === actor.unitId);
}

/** Units whose contact details the actor may change on this project. */
export function contactUnitIds(actor: Actor, project: { units: { unitId: number }[] }): number[] {
  if (can(actor, "project.edit.any")) return project.units.map((u) => u.unitId);
  return isOwnProject(actor, project) ? [actor.unitId!] : [];
}

const ALL_FIELDS: ProjectField[] = ["domainId", "seq", "name", "code", "type", "period", "locationText", "regionCode", "content", "total", "fyp", "units", "contacts"];
