import type { PrismaClient } from "@/lib/generated/prisma/client";
import { UNKNOWN_USER_HASH, verifyPassword } from "./password";

export type AuthenticatedUser = { id: number; login: string; name: string };

/** Checks a login and password; null for any failure, without saying which part was wrong. */
export async function verifyCredentials(
  db: PrismaClient,
  login: string,
  password: string,
): Promise<AuthenticatedUser | null> {
  const user = await db.user.findUnique({ where: { login } });
  const passwordMatches = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!user || !user.active || !passwordMatches) return null;
  return { id: user.id, login: user.login, name: user.name };
}
