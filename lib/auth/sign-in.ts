// Signing in with a login and a password: throttled, audited, and ending in
// a server-side session. The outcome says which of three things happened, so
// that the login form can say it plainly (wrong credentials, locked, or the
// database down — the last is thrown as it is, for the edge to recognise).
import { recordAudit, type RequestMeta } from "@/lib/audit/audit-events";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { verifyCredentials } from "./credentials";
import { activeLock, recordFailure, recordSuccess, type Lock } from "./login-throttle";
import { startSession } from "./sessions";

export type SignInOutcome =
  | { ok: true; user: { id: number; login: string; name: string }; sessionId: string; expiresAt: Date }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lock: Lock };

export async function signIn(
  db: PrismaClient,
  input: { login: string; password: string },
  request: RequestMeta & { clientAddress: string },
  now: Date,
): Promise<SignInOutcome> {
  const address = request.clientAddress;
  const lock = await activeLock(db, input.login, address, now);
  if (lock) {
    await recordAudit(db, {
      at: now,
      actor: { userId: null, login: input.login },
      action: "auth.login",
      summary: { reason: "locked", lockedBy: lock.kind, until: lock.until },
      outcome: "DENIED",
      request,
    });
    return { ok: false, reason: "locked", lock };
  }

  const user = await verifyCredentials(db, input.login, input.password);
  if (!user) {
    const locks = await db.$transaction(async (tx) => {
      const created = await recordFailure(tx, input.login, address, now);
      await recordAudit(tx, { at: now, actor: { userId: null, login: input.login }, action: "auth.login", summary: { reason: "invalid" }, outcome: "FAILED", request });
      for (const l of created) {
        await recordAudit(tx, {
          at: now,
          actor: { userId: null, login: input.login },
          action: "auth.lockout",
          target: { type: l.kind, id: l.kind === "login" ? input.login : address },
          summary: { until: l.until },
          outcome: "SUCCESS",
          request,
        });
      }
      return created;
    });
    const loginLock = locks.find((l) => l.kind === "login") ?? locks[0];
    return loginLock ? { ok: false, reason: "locked", lock: loginLock } : { ok: false, reason: "invalid" };
  }

  return db.$transaction(async (tx) => {
    await recordSuccess(tx, input.login, address, now);
    const session = await startSession(tx, user.id, address, now);
    await recordAudit(tx, { at: now, actor: { userId: user.id, login: user.login }, action: "auth.login", outcome: "SUCCESS", request });
    return { ok: true as const, user, sessionId: session.id, expiresAt: session.expiresAt };
  });
}
