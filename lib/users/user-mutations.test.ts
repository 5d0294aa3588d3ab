// Account administration through the runner, as the users page and the
// command line do it, on a real PostgreSQL: who may, what changes, which
// sessions end, what the audit trail keeps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { checkSession, startSession } from "@/lib/auth/sessions";
import type { Operator } from "@/lib/mutations/mutation";
import { runMutation } from "@/lib/mutations/run-mutation";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { changeOwnPasswordMutation, createUserMutation, resetPasswordMutation, setUserActiveMutation, setUserRoleMutation } from "./user-mutations";

let db: TestDatabase;
const now = new Date("2026-04-01T02:00:00Z");
const operator: Operator = { kind: "operator", name: "命令行（ops）", login: "命令行（ops）" };
const ids: Record<string, number> = {};

async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.unit.create({ data: { name: "市住建局", kind: "DEPARTMENT" } });
  for (const [login, role] of [["boss", "ADMIN"], ["drc", "REVIEWER"], ["ann", "VIEWER"]] as const) {
    ids[login] = (await db.prisma.$transaction((tx) => createUser(tx, { login, name: login, role, password: "Sturdy-Pine-77" }, { mustChangePassword: false }))).id;
  }
});
afterAll(() => db.drop());

const as = (login: string) => ({ userId: ids[login]! });

describe("user administration", () => {
  it("is the administrators' and the command line's only", async () => {
    expect((await failure(runMutation(db.prisma, setUserActiveMutation, as("drc"), { login: "ann", active: false }, { now }))).status).toBe(403);
    expect((await failure(runMutation(db.prisma, createUserMutation, as("ann"), { login: "x1", name: "x", role: "VIEWER", password: "Sturdy-Pine-77" }, { now }))).status).toBe(403);
  });

  it("creates an account whose password must be changed at the first login, refusing weak passwords", async () => {
    const weak = await failure(runMutation(db.prisma, createUserMutation, operator, { login: "newbie", name: "新人", role: "ADMIN", password: "12345678" }, { now }));
    expect(weak.status).toBe(400);
    expect(weak.message).toContain("密码至少 10 个字符");
    const created = await runMutation(db.prisma, createUserMutation, as("boss"), { login: "newbie", name: "新人", role: "EDITOR", unitName: "市住建局", password: "Amber-Kite-204" }, { now });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(user.mustChangePassword).toBe(true);
    expect(await verifyPassword("Amber-Kite-204", user.passwordHash)).toBe(true);
    // Until the password is changed, nothing else may be done.
    const blocked = await failure(runMutation(db.prisma, setUserActiveMutation, { userId: user.id }, { login: "ann", active: false }, { now }));
    expect(blocked.status).toBe(403);
    const changed = await runMutation(db.prisma, changeOwnPasswordMutation, { userId: user.id }, { currentPassword: "Amber-Kite-204", newPassword: "Quiet-Meadow-615" }, { now });
    expect(changed.login).toBe("newbie");
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.mustChangePassword).toBe(false);
    expect(await verifyPassword("Quiet-Meadow-615", after.passwordHash)).toBe(true);
  });

  it("refuses a new password that breaks the rule, contains the login or a wrong current password", async () => {
    const newbie = (await db.prisma.user.findUniqueOrThrow({ where: { login: "newbie" } })).id;
    expect((await failure(runMutation(db.prisma, changeOwnPasswordMutation, { userId: newbie }, { currentPassword: "wrong-one", newPassword: "Another-Good-92" }, { now }))).message).toBe("当前密码不正确");
    expect((await failure(runMutation(db.prisma, changeOwnPasswordMutation, { userId: newbie }, { currentPassword: "Quiet-Meadow-615", newPassword: "Newbie-2026-xyz" }, { now }))).message).toContain("密码不能包含登录名");
  });

  it("disabling ends the account's sessions at once, and is audited", async () => {
    const session = await startSession(db.prisma, ids.ann!, "10.0.0.1", now);
    const result = await runMutation(db.prisma, setUserActiveMutation, as("boss"), { login: "ann", active: false }, { now, request: { clientAddress: "10.9.9.9" } });
    expect(result.sessionsEnded).toBe(1);
    expect(await checkSession(db.prisma, session.id, new Date(now.getTime() + 1000))).toBeNull();
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.set-active" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorLogin: "boss", targetType: "user", targetId: "ann", outcome: "SUCCESS", clientAddress: "10.9.9.9" });
    await runMutation(db.prisma, setUserActiveMutation, operator, { login: "ann", active: true }, { now });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { login: "ann" } })).active).toBe(true);
  });

  it("resets a password (must change again, sessions ended, the password never in the audit trail)", async () => {
    const session = await startSession(db.prisma, ids.drc!, null, now);
    await runMutation(db.prisma, resetPasswordMutation, operator, { login: "drc", password: "Silver-Brook-318" }, { now });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { login: "drc" } });
    expect(user.mustChangePassword).toBe(true);
    expect(await checkSession(db.prisma, session.id, now)).toBeNull();
    const events = await db.prisma.auditEvent.findMany({ where: { action: "user.reset-password" } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events.map((e) => [e.summary, e.userAgent]))).not.toContain("Silver-Brook-318");
  });

  it("changes role and unit, ending sessions, and keeps one active administrator at least", async () => {
    await runMutation(db.prisma, setUserRoleMutation, operator, { login: "ann", role: "EDITOR", unitName: "市住建局" }, { now });
    const users = await listUsers(db.prisma);
    expect(users.find((u) => u.login === "ann")).toMatchObject({ role: "EDITOR", unitName: "市住建局" });
    expect((await failure(runMutation(db.prisma, setUserRoleMutation, operator, { login: "ann", role: "EDITOR" }, { now }))).message).toContain("必须指定所属单位");
    expect((await failure(runMutation(db.prisma, setUserRoleMutation, operator, { login: "boss", role: "VIEWER" }, { now }))).message).toContain("最后一个");
    expect((await failure(runMutation(db.prisma, setUserActiveMutation, operator, { login: "boss", active: false }, { now }))).message).toContain("最后一个");
    expect((await failure(runMutation(db.prisma, setUserActiveMutation, as("boss"), { login: "boss", active: false }, { now }))).message).toBe("不能停用自己的账号");
    expect(JSON.stringify(users)).not.toContain("passwordHash");
  });
});
