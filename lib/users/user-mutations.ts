// Account administration as mutations of the one runner: every change is
// checked against the permission table, parsed by its schema, done in one
// transaction and audited there. The users page, its API routes and the
// command line (`npm run annex -- user …`) all run these.
import { forbidden, AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblems } from "@/lib/auth/password-policy";
import { endUserSessions } from "@/lib/auth/sessions";
import { defineMutation, isOperator, type Principal, type Tx } from "@/lib/mutations/mutation";
import { createUser, regionIdByCode, unitIdByName } from "./create-user";
import { changeOwnPasswordSchema, newUserSchema, resetPasswordSchema, setUserActiveSchema, setUserRoleSchema } from "./user-schema";

async function userByLogin(tx: Tx, login: string) {
  const user = await tx.user.findUnique({ where: { login } });
  if (!user) throw notFound(`用户“${login}”`);
  return user;
}

/** An administration that would leave no active administrator is refused. */
async function assertAnotherAdmin(tx: Tx, exceptUserId: number): Promise<void> {
  const others = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: exceptUserId } } });
  if (others === 0) throw new AppError("conflict", "这是最后一个可用的系统管理员账号，不能停用或改为其他角色");
}

function isSelf(actor: Principal, userId: number): boolean {
  return !isOperator(actor) && actor.userId === userId;
}

export const createUserMutation = defineMutation({
  name: "user.create",
  permission: "users.manage",
  operator: true,
  schema: newUserSchema,
  // Someone else chose the password: the person must choose their own at the first login.
  run: (tx, _actor, input) => createUser(tx, input, { mustChangePassword: true }),
  audit: (input, result) => ({ target: { type: "user", id: result.login }, summary: { login: input.login, name: input.name, role: input.role, unitName: input.unitName ?? null, regionCode: input.regionCode ?? null } }),
});

export const setUserActiveMutation = defineMutation({
  name: "user.set-active",
  permission: "users.manage",
  operator: true,
  schema: setUserActiveSchema,
  async run(tx, actor, input, { now }) {
    const user = await userByLogin(tx, input.login);
    if (!input.active) {
      if (isSelf(actor, user.id)) throw forbidden("不能停用自己的账号");
      if (user.role === "ADMIN" && user.active) await assertAnotherAdmin(tx, user.id);
    }
    await tx.user.update({ where: { id: user.id }, data: { active: input.active } });
    const ended = input.active ? 0 : await endUserSessions(tx, user.id, now);
    return { login: user.login, active: input.active, sessionsEnded: ended };
  },
  audit: (input) => ({ target: { type: "user", id: input.login } }),
});

export const resetPasswordMutation = defineMutation({
  name: "user.reset-password",
  permission: "users.manage",
  operator: true,
  schema: resetPasswordSchema,
  async run(tx, _actor, input, { now }) {
    const user = await userByLogin(tx, input.login);
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(input.password), mustChangePassword: true, passwordChangedAt: now },
    });
    const ended = await endUserSessions(tx, user.id, now);
    return { login: user.login, sessionsEnded: ended };
  },
  audit: (input) => ({ target: { type: "user", id: input.login }, summary: { login: input.login } }),
});

export const setUserRoleMutation = defineMutation({
  name: "user.set-role",
  permission: "users.manage",
  operator: true,
  schema: setUserRoleSchema,
  async run(tx, _actor, input, { now }) {
    const user = await userByLogin(tx, input.login);
    if (user.role === "ADMIN" && input.role !== "ADMIN" && user.active) await assertAnotherAdmin(tx, user.id);
    const unitId = input.unitName ? await unitIdByName(tx, input.unitName) : null;
    const regionId = input.regionCode ? await regionIdByCode(tx, input.regionCode) : null;
    await tx.user.update({ where: { id: user.id }, data: { role: input.role, unitId, regionId } });
    // What the sessions were opened for no longer holds: sign in again.
    const ended = await endUserSessions(tx, user.id, now);
    return {
      login: user.login,
      role: input.role,
      unitName: input.unitName ?? null,
      regionCode: input.regionCode ?? null,
      before: { role: user.role, unitId: user.unitId, regionId: user.regionId },
      sessionsEnded: ended,
    };
  },
  audit: (input, result) => ({
    target: { type: "user", id: input.login },
    summary: { role: input.role, unitName: input.unitName ?? null, regionCode: input.regionCode ?? null, before: result.before },
  }),
});

export const changeOwnPasswordMutation = defineMutation({
  name: "account.change-password",
  permission: "account.self",
  schema: changeOwnPasswordSchema,
  async run(tx, actor: Actor, input, { now }) {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId } });
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw new AppError("invalid_input", "当前密码不正确");
    const problems = passwordProblems(input.newPassword, user.login);
    if (problems.length) throw new AppError("invalid_input", problems.join("；"), { problems: problems.map((message) => ({ path: "newPassword", message })) });
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false, passwordChangedAt: now },
    });
    return { login: user.login };
  },
  audit: () => ({ target: null, summary: {} }),
});
