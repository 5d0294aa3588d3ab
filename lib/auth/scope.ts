// The unit-scope rules beside the permission table: which projects (and the
// reports, coordination issues and change requests on them) an actor may act
// on. The DRC's "any" permission covers every project; a unit's "own"
// permission covers the projects it is one of the implementing units of;
// anyone else gets nothing (fails closed). Written as query filters so that
// the scope is in the database query itself, never a check after loading.
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, type Actor } from "./actor";
import type { Permission } from "./permissions";

const NOTHING = { id: -1 } as const satisfies Prisma.ProjectWhereInput;

/** The projects an actor may act on under a pair of permissions: any project, or those of the actor's unit. */
export function projectScope(actor: Actor, any: Permission, own: Permission): Prisma.ProjectWhereInput {
  if (can(actor, any)) return {};
  if (can(actor, own) && actor.unitId !== null) return { units: { some: { unitId: actor.unitId } } };
  return NOTHING;
}

/** Whether a loaded project is one of the actor's unit's (the same rule as projectScope's "own"). */
export function isUnitProject(actor: Actor, own: Permission, project: { units: { unitId: number }[] }): boolean {
  return can(actor, own) && actor.unitId !== null && project.units.some((u) => u.unitId === actor.unitId);
}

/** Projects whose fields the actor may change. */
export const editableProjectsScope = (actor: Actor) => projectScope(actor, "project.edit.any", "project.edit.own");
/** Projects the actor reports monthly progress on. */
export const reportableScope = (actor: Actor) => projectScope(actor, "progress.report.any", "progress.report.own");
/** Projects whose coordination issues the actor may raise and follow up. */
export const coordinationScope = (actor: Actor) => projectScope(actor, "coordination.any", "coordination.own");

/** A unit's own project (for the fields and contacts it answers for). */
export const isOwnProject = (actor: Actor, project: { units: { unitId: number }[] }) => isUnitProject(actor, "project.edit.own", project);

/** Change requests the actor may see: the DRC all of them, a unit those on its projects. */
export function changeRequestScope(actor: Actor): Prisma.ChangeRequestWhereInput {
  if (can(actor, "change-request.decide")) return {};
  if (actor.unitId !== null) return { project: { units: { some: { unitId: actor.unitId } } } };
  return { id: -1 };
}
