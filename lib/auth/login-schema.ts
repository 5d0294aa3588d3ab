import { z } from "@/lib/validation/zod";

// Shared by the login form and the credentials provider.
export const loginSchema = z.object({
  login: z.string().trim().min(1, "请输入登录名").max(64, "登录名过长"),
  password: z.string().min(1, "请输入密码").max(200, "密码过长"),
});

export type LoginInput = z.infer<typeof loginSchema>;

/** Deliberately the same for an unknown login and a wrong password. */
export const LOGIN_FAILED_MESSAGE = "登录名或密码错误";
