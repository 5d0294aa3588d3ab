// Server-side sessions. The signed cookie only names a session; whether it
// still counts is decided here on every request: ended by signing out or by
// an administrator, idle for 30 minutes, or 12 hours old all refuse it.
// Callers pass the real time (new Date()), never the demo clock of
// ANNEX_TODAY, whose date is fixed: its midnight would run time backwards
// and no session would ever end.
import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
// lastSeenAt is written at most this often, so that a page with a dozen
// requests costs one write, not twelve; the idle timeout is correct to within it.
const TOUCH_EVERY_MS = 60_000;

export type SessionEndReason = "logout" | "idle" | "expired" | "revoked";

export async function startSession(db: Db, userId: number, address: string | null, now: Date): Promise<{ id: string; expiresAt: Date }> {
  const id = randomBytes(32).toString("base64url");
  await db.userSession.create({ data: { id, userId, createdAt: now, lastSeenAt: now, address } });
  return { id, expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS) };
}

/** The user of a session that still counts at `now` (and notes the activity), or null. */
export async function checkSession(db: Db, id: string, now: Date): Promise<{ userId: number; expiresAt: Date } | null> {
  const session = await db.userSession.findUnique({ where: { id } });
  if (!session || session.endedAt) return null;
  const expiresAt = new Date(session.createdAt.getTime() + SESSION_ABSOLUTE_MS);
  const ended: SessionEndReason | null =
    now >= expiresAt ? "expired" : now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS ? "idle" : null;
  if (ended) {
    await db.userSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now, endReason: ended } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.userSession.updateMany({ where: { id, endedAt: null }, data: { lastSeenAt: now } });
  }
  return { userId: session.userId, expiresAt };
}

export async function endSession(db: Db, id: string, reason: SessionEndReason, now: Date): Promise<{ userId: number } | null> {
  const session = await db.userSession.findUnique({ where: { id } });
  if (!session) return null;
  await db.userSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now, endReason: reason } });
  return { userId: session.userId };
}

/** Ends every open session of a user (disabled, password reset, role or unit changed). */
export async function endUserSessions(db: Db, userId: number, now: Date, exceptId?: string): Promise<number> {
  const { count } = await db.userSession.updateMany({
    where: { userId, endedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    data: { endedAt: now, endReason: "revoked" },
  });
  return count;
}
