import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { parseInput } from "@/lib/validation/parse-input";
import { newUserSchema, type NewUserInput } from "./user-schema";

export async function createUser(db: PrismaClient, input: NewUserInput): Promise<{ id: number; login: string }> {
  const data = parseInput(newUserSchema, input);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
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
  });
}
