import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import { newUserSchema, type NewUserInput } from "./user-schema";

export async function createUser(tx: Tx, data: NewUserInput): Promise<{ id: number; login: string }> {
  const passwordHash = await hashPassword(data.password);
  if (await tx.user.findUnique({ where: { login: data.login } })) {
    throw new AppError("conflict", `登录名“${data.login}”已被使用`);
  }
  let unitId: number | null = null;
  if (data.unitName) {
    const unit = await tx.unit.findFirst({ where: { OR: [{ name: data.unitName }, { aliases: { has: data.unitName } }] } });
    if (!unit) throw new AppError("invalid_input", `实施单位“${data.unitName}”不存在`);
    unitId = unit.id;
  }
  const user = await tx.user.create({
    data: { login: data.login, name: data.name, role: data.role, unitId, passwordHash },
  });
  return { id: user.id, login: user.login };
}

/** An account, created by an administrator or at the command line (the password is never audited). */
export const createUserMutation = defineMutation({
  name: "user.create",
  permission: "users.manage",
  operator: true,
  schema: newUserSchema,
  run: (tx, _actor, input) => createUser(tx, input),
  audit: (input, result) => ({ target: { type: "User", id: result.id } }),
});
