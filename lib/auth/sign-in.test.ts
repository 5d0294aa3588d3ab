// Signing in against a real PostgreSQL: throttling per login and per
// address, held across two application instances (two clients, one
// database), the server-side session and its limits, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createUser } from "@/lib/users/create-user";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { checkSession, endSession, endUserSessions } from "./sessions";
import { signIn } from "./sign-in";

let db: TestDatabase;
let otherInstance: PrismaClient;
const PASSWORD = "Kestrel-Lamp-42";
const T0 = new Date("2026-03-10T08:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const from = (address: string) => ({ clientAddress: address, userAgent: "test" });

beforeAll(async () => {
  db = await createTestDatabase();
  otherInstance = createPrismaClient(db.url);
  for (const login of ["alice", "bob", "carol", "dave"]) {
    await db.prisma.$transaction((tx) => createUser(tx, { login, name: login, role: "VIEWER", password: PASSWORD }, { mustChangePassword: false }));
  }
});
afterAll(async () => {
  await otherInstance.$disconnect();
  await db.drop();
});

describe("throttling", () => {
  it("locks a login after 5 failures within 15 minutes, counted across two instances, and refuses even the right password", async () => {
    const instances = [db.prisma, otherInstance];
    for (let i = 0; i < 4; i++) {
      const outcome = await signIn(instances[i % 2]!, { login: "alice", password: `wrong-${i}` }, from(`10.0.0.${i}`), minutes(i));
      expect(outcome).toEqual({ ok: false, reason: "invalid" });
    }
    const fifth = await signIn(otherInstance, { login: "alice", password: "wrong-5" }, from("10.0.0.9"), minutes(4));
    expect(fifth).toEqual({ ok: false, reason: "locked", lock: { kind: "login", until: minutes(19) } });
    // The right password during the lock: refused, on either instance.
    expect(await signIn(db.prisma, { login: "alice", password: PASSWORD }, from("10.0.0.1"), minutes(10))).toMatchObject({ ok: false, reason: "locked" });
    expect(await signIn(otherInstance, { login: "ALICE", password: PASSWORD }, from("10.0.0.1"), minutes(18))).toMatchObject({ ok: false, reason: "locked" });
    // Once the 15 minutes are over, the right password is accepted.
    expect(await signIn(db.prisma, { login: "alice", password: PASSWORD }, from("10.0.0.1"), minutes(19))).toMatchObject({ ok: true });
  });

  it("does not lock for failures spread over more than 15 minutes, nor count those before a success", async () => {
    for (let i = 0; i < 4; i++) await signIn(db.prisma, { login: "bob", password: "nope-nope" }, from("10.1.0.1"), minutes(100 + i * 5));
    // 4 failures at 100, 105, 110, 115; one more at 121: only 3 of them fall within 15 minutes.
    expect(await signIn(db.prisma, { login: "bob", password: "nope-nope" }, from("10.1.0.1"), minutes(121))).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(db.prisma, { login: "bob", password: PASSWORD }, from("10.1.0.1"), minutes(122))).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) {
      expect(await signIn(db.prisma, { login: "bob", password: "nope-nope" }, from("10.1.0.1"), minutes(123 + i))).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("locks an unknown login the same way, telling nothing about which logins exist", async () => {
    let last;
    for (let i = 0; i < 5; i++) last = await signIn(db.prisma, { login: "nobody-here", password: "x" }, from("10.2.0.1"), minutes(200 + i));
    expect(last).toMatchObject({ ok: false, reason: "locked", lock: { kind: "login" } });
  });

  it("locks an address after 20 failures over any logins", async () => {
    let last;
    for (let i = 0; i < 20; i++) last = await signIn(db.prisma, { login: `spray-${i}`, password: "Summer2026!" }, from("192.0.2.7"), minutes(300));
    expect(last).toMatchObject({ ok: false, reason: "locked", lock: { kind: "address", until: minutes(315) } });
    expect(await signIn(db.prisma, { login: "carol", password: PASSWORD }, from("192.0.2.7"), minutes(301))).toMatchObject({ ok: false, reason: "locked" });
    // carol herself, from elsewhere, is not locked.
    expect(await signIn(db.prisma, { login: "carol", password: PASSWORD }, from("198.51.100.1"), minutes(301))).toMatchObject({ ok: true });
  });

  it("records every attempt, failure and lock in the audit trail with the address", async () => {
    const events = await db.prisma.auditEvent.findMany({ where: { actorLogin: { equals: "alice", mode: "insensitive" } }, orderBy: { id: "asc" } });
    const kinds = events.map((e) => `${e.action}:${e.outcome}`);
    expect(kinds.filter((k) => k === "auth.login:FAILED")).toHaveLength(5);
    expect(kinds).toContain("auth.lockout:SUCCESS");
    expect(kinds.filter((k) => k === "auth.login:DENIED")).toHaveLength(2);
    expect(kinds.at(-1)).toBe("auth.login:SUCCESS");
    expect(events.find((e) => e.action === "auth.login" && e.outcome === "FAILED")?.clientAddress).toBe("10.0.0.0");
  });
});

describe("sessions", () => {
  async function signedIn(at: Date) {
    const outcome = await signIn(db.prisma, { login: "dave", password: PASSWORD }, from("10.3.0.1"), at);
    if (!outcome.ok) throw new Error("sign-in failed");
    return outcome.sessionId;
  }

  it("ends after 30 idle minutes", async () => {
    const id = await signedIn(minutes(1000));
    expect(await checkSession(db.prisma, id, minutes(1029))).toMatchObject({ userId: expect.any(Number) });
    // Active at 1029: the idle clock starts again from there.
    expect(await checkSession(db.prisma, id, minutes(1058))).not.toBeNull();
    expect(await checkSession(db.prisma, id, minutes(1088))).toBeNull();
    // And stays ended.
    expect(await checkSession(db.prisma, id, minutes(1059))).toBeNull();
  });

  it("ends 12 hours after signing in however active it was", async () => {
    const id = await signedIn(minutes(2000));
    for (let m = 2020; m < 2000 + 12 * 60; m += 20) expect(await checkSession(db.prisma, id, minutes(m)), `at +${m - 2000} min`).not.toBeNull();
    expect(await checkSession(db.prisma, id, minutes(2000 + 12 * 60))).toBeNull();
  });

  it("ends at logout, and when an administrator ends all of a user's sessions", async () => {
    const a = await signedIn(minutes(3000));
    const b = await signedIn(minutes(3001));
    expect(await endSession(db.prisma, a, "logout", minutes(3002))).toMatchObject({ userId: expect.any(Number) });
    expect(await checkSession(db.prisma, a, minutes(3003))).toBeNull();
    expect(await checkSession(db.prisma, b, minutes(3003))).not.toBeNull();
    const user = await db.prisma.user.findUniqueOrThrow({ where: { login: "dave" } });
    expect(await endUserSessions(db.prisma, user.id, minutes(3004))).toBeGreaterThanOrEqual(1);
    expect(await checkSession(db.prisma, b, minutes(3005))).toBeNull();
  });

  it("does not know a made-up session id", async () => {
    expect(await checkSession(db.prisma, "made-up", minutes(0))).toBeNull();
  });
});
