import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { parseInput } from "@/lib/validation/parse-input";
import { newUserSchema, type NewUserInput } from "./user-schema";

/**
 * A new account. A password chosen for someone else (by an administrator or
 * the command line) must be changed at the first login; the demo seed's
 * accounts are the one exception, and say so (lib/plans/demo-data.ts).
 */
export async function createUser(
  tx: Prisma.TransactionClient,
  input: NewUserInput,
  options: { mustChangePassword: boolean },
): Promise<{ id: number; login: string }> {
  const data = parseInput(newUserSchema, input);
  if (await tx.user.findUnique({ where: { login: data.login } })) {
    throw new AppError("conflict", `登录名“${data.login}”已被使用`);
  }
  const unitId = data.unitName ? await unitIdByName(tx, data.unitName) : null;
  const regionId = data.regionCode ? await regionIdByCode(tx, data.regionCode) : null;
  const user = await tx.user.create({
    data: {
      login: data.login,
      name: data.name,
      role: data.role,
      unitId,
      regionId,
      passwordHash: await hashPassword(data.password),
      mustChangePassword: options.mustChangePassword,
    },
  });
  return { id: user.id, login: user.login };
}

export async function regionIdByCode(tx: Prisma.TransactionClient, code: string): Promise<number> {
  const region = await tx.region.findUnique({ where: { code } });
  if (!region) throw new AppError("invalid_input", `行政区划代码“${code}”不存在`);
  return region.id;
}

export async function unitIdByName(tx: Prisma.TransactionClient, name: string): Promise<number> {
  const unit = await tx.unit.findFirst({ where: { OR: [{ name }, { aliases: { has: name } }] } });
  if (!unit) throw new AppError("invalid_input", `实施单位“${name}”不存在`);
  return unit.id;
}

