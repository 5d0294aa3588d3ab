import { z } from "@/lib/validation/zod";
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import { ROLES } from "@/lib/auth/roles";

// One schema per input, shared by the users page, the API and the command line.
export const loginField = z
  .string()
  .trim()
  .min(2, "登录名至少 2 个字符")
  .max(64, "登录名过长")
  .regex(/^[A-Za-z0-9_.@-]+$/, "登录名只能包含字母、数字和 _ . @ -");
const roleField = z.enum(ROLES, { error: "角色应为 ADMIN、REVIEWER、EDITOR 或 VIEWER" });
const unitField = z.string().trim().min(1).max(200).optional();
const passwordField = z.string().max(PASSWORD_MAX_LENGTH, "密码过长");
// The region of a DRC or read-only account (GB/T 2260: 330000 province, 330300 city, 330381 county); absent: the whole installation.
const regionField = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "地区应为 6 位行政区划代码（GB/T 2260），例如 330381")
  .optional()
  .or(z.literal("").transform(() => undefined));

/** Roles whose accounts may belong to a region (lib/auth/scope.ts reads by it). */
export const REGIONAL_ROLES: readonly string[] = ["REVIEWER", "VIEWER"];

function roleNeedsUnit(u: { role: string; unitName?: string; regionCode?: string }, ctx: z.RefinementCtx) {
  if (u.role === "EDITOR" && !u.unitName) ctx.addIssue({ code: "custom", message: "实施单位用户必须指定所属单位", path: ["unitName"] });
  if (u.role !== "EDITOR" && u.unitName) ctx.addIssue({ code: "custom", message: "只有实施单位用户属于某个单位", path: ["unitName"] });
  if (u.regionCode && !REGIONAL_ROLES.includes(u.role)) ctx.addIssue({ code: "custom", message: "只有发改委（审核）和只读账号可以属于某个地区", path: ["regionCode"] });
}

export const newUserSchema = z
  .object({
    login: loginField,
    name: z.string().trim().min(1, "请填写姓名").max(64, "姓名过长"),
    role: roleField,
    unitName: unitField,
    regionCode: regionField,
    password: passwordField,
  })
  .superRefine((u, ctx) => {
    roleNeedsUnit(u, ctx);
    checkPasswordPolicy(u, ctx);
  });
export type NewUserInput = z.input<typeof newUserSchema>;

export const setUserActiveSchema = z.object({ login: loginField, active: z.boolean() });
export const resetPasswordSchema = z.object({ login: loginField, password: passwordField }).superRefine(checkPasswordPolicy);
export const setUserRoleSchema = z
  .object({ login: loginField, role: roleField, unitName: unitField, regionCode: regionField })
  .superRefine(roleNeedsUnit);

// The person's own password: the current one, and a new one. The rule on
// the new one needs the login, which is the actor's own: checked by the
// mutation (lib/users/user-mutations.ts) and by the form, with the same function.
export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "请输入当前密码").max(PASSWORD_MAX_LENGTH, "密码过长"),
    newPassword: z.string().min(1, "请输入新密码").max(PASSWORD_MAX_LENGTH, "密码过长"),
  })
  .refine((v) => v.currentPassword !== v.newPassword, { message: "新密码不能与当前密码相同", path: ["newPassword"] });
