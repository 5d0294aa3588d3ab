// Login throttling, kept in PostgreSQL so that it holds across application
// instances: 5 failures for one login within 15 minutes lock that login for
// 15 minutes; 20 failures from one client address (any logins) lock the
// address. A lock refuses even the right password. The lock does not depend
// on whether the login exists, so it tells an attacker nothing about accounts.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
export const MAX_FAILURES_PER_LOGIN = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type LockKind = "login" | "address";
export type Lock = { kind: LockKind; until: Date };

/** The lock in force at `now` for this login or this address, the later one if both. */
export async function activeLock(db: Db, login: string, address: string, now: Date): Promise<Lock | null> {
  const lock = await db.loginLockout.findFirst({
    where: { until: { gt: now }, OR: [{ kind: "login", key: normaliseLogin(login) }, { kind: "address", key: address }] },
    orderBy: { until: "desc" },
  });
  return lock ? { kind: lock.kind as LockKind, until: lock.until } : null;
}

/**
 * Records a failed attempt and, when it is the one too many, the lock it
 * causes (returned). Serialised per login and per address with advisory
 * locks, so that two instances counting at once cannot both miss the limit.
 */
export async function recordFailure(tx: Prisma.TransactionClient, login: string, address: string, now: Date): Promise<Lock[]> {
  const key = normaliseLogin(login);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('login:' || ${key})), pg_advisory_xact_lock(hashtext('address:' || ${address}))`;
  await tx.loginAttempt.create({ data: { login: key, address, at: now, succeeded: false } });
  const locks: Lock[] = [];
  for (const [kind, value, max] of [
    ["login", key, MAX_FAILURES_PER_LOGIN],
    ["address", address, MAX_FAILURES_PER_ADDRESS],
  ] as const) {
    const since = await countingFrom(tx, kind, value, now);
    const failures = await tx.loginAttempt.count({ where: { [kind]: value, succeeded: false, at: { gt: since, lte: now } } });
    if (failures >= max) {
      const until = new Date(now.getTime() + LOCK_MS);
      await tx.loginLockout.create({ data: { kind, key: value, at: now, until } });
      locks.push({ kind, until });
    }
  }
  return locks;
}

export async function recordSuccess(db: Db, login: string, address: string, now: Date): Promise<void> {
  await db.loginAttempt.create({ data: { login: normaliseLogin(login), address, at: now, succeeded: true } });
}

/** Failures count from the latest of: the window's start, the end of the last lock, the last success (per login). */
async function countingFrom(tx: Prisma.TransactionClient, kind: LockKind, value: string, now: Date): Promise<Date> {
  let since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const lastLock = await tx.loginLockout.findFirst({ where: { kind, key: value }, orderBy: { until: "desc" } });
  if (lastLock && lastLock.until > since) since = lastLock.until > now ? now : lastLock.until;
  if (kind === "login") {
    const lastSuccess = await tx.loginAttempt.findFirst({ where: { login: value, succeeded: true }, orderBy: { at: "desc" } });
    if (lastSuccess && lastSuccess.at > since) since = lastSuccess.at;
  }
  return since;
}

function normaliseLogin(login: string): string {
  return login.trim().toLowerCase().slice(0, 64);
}
