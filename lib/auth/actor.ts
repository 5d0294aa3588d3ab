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
  // A password someone else chose: until it is changed, the person may only change it.
  mustChangePassword: boolean;
};

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
    mustChangePassword: user.mustChangePassword,
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
