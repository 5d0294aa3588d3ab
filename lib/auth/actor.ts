import { prisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { forbidden } from "@/lib/errors";
import { roleHasPermission, type Permission } from "./permissions";
import { isRole, type Role } from "./roles";

/** The person behind a request, as the database knows them now. */
export type Actor = {
  userId: number;
  login: string;
  name: string;
  role: Role;
  unitId: number | null;
  unitName: string | null;
  /** The region a DRC or read-only account belongs to (lib/auth/scope.ts reads by it); null: the whole installation. */
  region: ActorRegion | null;
  // A password someone else chose: until it is changed, the person may only change it.
  mustChangePassword: boolean;
};

/** An account's region with the ids scope filters need: its subtree (itself included) and the regions above it. */
export type ActorRegion = { id: number; code: string; name: string; subtree: number[]; above: number[] };

export async function loadActor(userId: number, db: PrismaClient = prisma()): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { unit: true } });
  if (!user || !user.active || !isRole(user.role)) return null;
  return {
    userId: user.id,
    login: user.login,
    name: user.name,
    role: user.role,
    unitId: user.unitId,
    unitName: user.unit?.name ?? null,
    region: user.regionId === null ? null : await loadActorRegion(db, user.regionId),
    mustChangePassword: user.mustChangePassword,
  };
}

/** The region tree around one region, in one query: the subtree below it and the chain above it. */
export async function loadActorRegion(db: Pick<PrismaClient, "$queryRaw">, regionId: number): Promise<ActorRegion> {
  const rows = await db.$queryRaw<{ id: number; code: string; name: string; rel: "self" | "below" | "above" }[]>`
    WITH RECURSIVE below AS (
      SELECT id, "parentId" FROM "Region" WHERE id = ${regionId}
      UNION SELECT r.id, r."parentId" FROM "Region" r JOIN below b ON r."parentId" = b.id
    ), above AS (
      SELECT id, "parentId" FROM "Region" WHERE id = (SELECT "parentId" FROM "Region" WHERE id = ${regionId})
      UNION SELECT r.id, r."parentId" FROM "Region" r JOIN above a ON r.id = a."parentId"
    )
    SELECT r.id, r.code, r.name, CASE WHEN r.id = ${regionId} THEN 'self' WHEN r.id IN (SELECT id FROM below) THEN 'below' ELSE 'above' END AS rel
      FROM "Region" r WHERE r.id IN (SELECT id FROM below) OR r.id IN (SELECT id FROM above)`;
  const self = rows.find((r) => r.rel === "self");
  // The foreign key keeps the region; were it gone, the account would read nothing rather than everything.
  if (!self) return { id: regionId, code: "", name: "", subtree: [], above: [] };
  return {
    id: self.id,
    code: self.code,
    name: self.name,
    subtree: rows.filter((r) => r.rel !== "above").map((r) => r.id),
    above: rows.filter((r) => r.rel === "above").map((r) => r.id),
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return roleHasPermission(actor.role, permission);
}

export function assertPermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}

/** For an action that more than one permission allows (the DRC on any project, a unit on its own). */
export function assertAnyPermission(actor: Actor, ...permissions: Permission[]): void {
  if (!permissions.some((p) => can(actor, p))) throw forbidden();
}
