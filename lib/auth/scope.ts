// The scope rules beside the permission table: which plans and projects (and
// the reports, coordination issues and change requests on them) an actor may
// read and act on. Two dimensions:
// - region: an account of a region (a county's, a city's, the province's DRC)
//   reads the projects located in its region's subtree, and every project of
//   the plans of that subtree; it sees the plans of its subtree and of the
//   regions above it (a county DRC sees the city's plan, with only its own
//   projects in it). An account without a region reads everything, as before.
// - unit: the DRC's "any" permission covers every project it reads; a unit's
//   "own" permission covers the projects it is one of the implementing units
//   of; anyone else gets nothing (fails closed).
// Written as query filters (Prisma where, and the same rule as SQL for raw
// queries) so that the scope is in the database query itself, never a check
// after loading. A project outside the read scope is "not found" (404).
import { Prisma } from "@/lib/generated/prisma/client";
import { can, type Actor } from "./actor";
import type { Permission } from "./permissions";

const NOTHING = { id: -1 } as const satisfies Prisma.ProjectWhereInput;

/**
 * What an actor reads, as plain data (it travels to export workers and the
 * CLI): null = everything; else the region ids whose projects it reads (its
 * subtree, itself included).
 */
export type ReadScope = { regionIds: number[]; planRegionIds: number[] } | null;

export function readScope(actor: Actor): ReadScope {
  return actor.region === null ? null : { regionIds: actor.region.subtree, planRegionIds: [...actor.region.subtree, ...actor.region.above] };
}

/** The projects an actor may read: located in its region's subtree, or in a plan of that subtree. */
export function readableProjectsScope(actor: Actor | ReadScope): Prisma.ProjectWhereInput {
  const scope = asReadScope(actor);
  if (scope === null) return {};
  const ids = scope.regionIds;
  // Under AND, so that it survives being spread into a where with an OR of its own.
  return { AND: [{ OR: [{ regionId: { in: ids } }, { plan: { regionId: { in: ids } } }] }] };
}

/** The same rule as readableProjectsScope for raw SQL, on the project table under `alias` (default p). */
export function readableProjectsSql(actor: Actor | ReadScope, alias = "p"): Prisma.Sql {
  const scope = asReadScope(actor);
  if (scope === null) return Prisma.sql`TRUE`;
  const p = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  const ids = scope.regionIds;
  return Prisma.sql`(${p}."regionId" = ANY(${ids}::int[]) OR ${p}."planId" IN (SELECT sp.id FROM "Plan" sp WHERE sp."regionId" = ANY(${ids}::int[])))`;
}

/** The plans an actor sees: those of its region's subtree and of the regions above it (where it reads its own projects only). */
export function readablePlansScope(actor: Actor | ReadScope): Prisma.PlanWhereInput {
  const scope = asReadScope(actor);
  if (scope === null) return {};
  return { regionId: { in: scope.planRegionIds } };
}

/** Whether every project of a plan of this region is readable (the plan is of the actor's subtree), or only those located in the actor's region. */
export function readsWholePlan(actor: Actor | ReadScope, planRegionId: number): boolean {
  const scope = asReadScope(actor);
  return scope === null || scope.regionIds.includes(planRegionId);
}

/** An actor's read scope, or the scope itself (null: everything — the command line's operator). */
export function asReadScope(actor: Actor | ReadScope): ReadScope {
  return actor !== null && "userId" in actor ? readScope(actor) : actor;
}

/** The projects an actor may act on under a pair of permissions: any project it reads, or those of the actor's unit. */
export function projectScope(actor: Actor, any: Permission, own: Permission): Prisma.ProjectWhereInput {
  if (can(actor, any)) return readableProjectsScope(actor);
  if (can(actor, own) && actor.unitId !== null) return { ...readableProjectsScope(actor), units: { some: { unitId: actor.unitId } } };
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
  if (can(actor, "change-request.decide")) return actor.region === null ? {} : { project: readableProjectsScope(actor) };
  if (actor.unitId !== null) return { project: { units: { some: { unitId: actor.unitId } } } };
  return { id: -1 };
}
