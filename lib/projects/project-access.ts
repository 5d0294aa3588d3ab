// Which projects an actor may change, written into the query that loads them:
// the DRC and admins any live project of the plan, an implementing unit only
// the projects it is one of the units of.
import type { Prisma } from "@/lib/generated/prisma/client";
import { forbidden, notFound } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/actor";
import { editableProjectsScope, isOwnProject, readableProjectsScope } from "@/lib/auth/scope";
import { projectForEdit, type ProjectForEdit } from "./apply-changes";
import { UNIT_FIELDS, type ProjectField } from "./project-fields";

type Tx = Prisma.TransactionClient;

export const NOT_YOUR_PROJECT = "只能修改本单位作为实施单位的项目";

/** Loads a live project the actor may change; 404 when there is none, 403 when it is someone else's. */
export async function loadEditableProject(tx: Tx, actor: Actor, projectId: number): Promise<ProjectForEdit> {
  const project = await tx.project.findFirst({
    where: { id: projectId, deletedAt: null, ...editableProjectsScope(actor) },
    include: projectForEdit,
  });
  if (project) return project;
  // Outside the actor's regions the project is not there at all (404), as for a read.
  const exists = await tx.project.count({ where: { id: projectId, deletedAt: null, ...readableProjectsScope(actor) } });
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

/** Units whose contact details the actor may change on this project. */
export function contactUnitIds(actor: Actor, project: { units: { unitId: number }[] }): number[] {
  if (can(actor, "project.edit.any")) return project.units.map((u) => u.unitId);
  return isOwnProject(actor, project) ? [actor.unitId!] : [];
}

const ALL_FIELDS: ProjectField[] = ["domainId", "seq", "name", "code", "type", "period", "locationText", "regionCode", "content", "total", "fyp", "units", "contacts"];
