import { z } from "@/lib/validation/zod";
import { ROLES } from "@/lib/auth/roles";

// One schema for creating a user, from the CLI and (later) the admin pages.
export const newUserSchema = z
  .object({
    login: z
      .string()
      .trim()
      .min(2, "登录名至少 2 个字符")
      .max(64, "登录名过长")
      .regex(/^[A-Za-z0-9_.@-]+$/, "登录名只能包含字母、数字和 _ . @ -"),
    name: z.string().trim().min(1, "请填写姓名").max(64, "姓名过长"),
    role: z.enum(ROLES, { error: "角色应为 ADMIN、REVIEWER、EDITOR 或 VIEWER" }),
    unitName: z.string().trim().min(1).optional(),
    password: z.string().min(8, "密码至少 8 个字符").max(200, "密码过长"),
  })
  .refine((u) => u.role !== "EDITOR" || u.unitName, { message: "实施单位用户必须指定所属单位", path: ["unitName"] })
  .refine((u) => u.role === "EDITOR" || !u.unitName, { message: "只有实施单位用户属于某个单位", path: ["unitName"] });

export type NewUserInput = z.infer<typeof newUserSchema>;
