import type { PrismaClient } from "@/lib/generated/prisma/client";

export type UserView = {
  id: number;
  login: string;
  name: string;
  role: string;
  unitName: string | null;
  /** The region of a DRC or read-only account (GB/T 2260 code and name); null: the whole installation. */
  regionCode: string | null;
  regionName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastSignIn: string | null;
};

/** Every account, for the users page and `annex user list`. Never the password hash. */
export async function listUsers(db: PrismaClient): Promise<UserView[]> {
  const users = await db.user.findMany({
    orderBy: { login: "asc" },
    select: { id: true, login: true, name: true, role: true, active: true, mustChangePassword: true, createdAt: true, unit: { select: { name: true } }, region: { select: { code: true, name: true } } },
  });
  const last = await db.userSession.groupBy({ by: ["userId"], _max: { createdAt: true } });
  const lastByUser = new Map(last.map((l) => [l.userId, l._max.createdAt]));
  return users.map((u) => ({
    id: u.id,
    login: u.login,
    name: u.name,
    role: u.role,
    unitName: u.unit?.name ?? null,
    regionCode: u.region?.code ?? null,
    regionName: u.region?.name ?? null,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
    lastSignIn: lastByUser.get(u.id)?.toISOString() ?? null,
  }));
}
