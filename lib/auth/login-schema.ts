import { z } from "@/lib/validation/zod";
import { formatDateTime } from "@/lib/time/time-zone";

// Shared by the login form and the credentials provider.
export const loginSchema = z.object({
  login: z.string().trim().min(1, "请输入登录名").max(64, "登录名过长"),
  password: z.string().min(1, "请输入密码").max(200, "密码过长"),
});

export type LoginInput = z.infer<typeof loginSchema>;

/** Deliberately the same for an unknown login and a wrong password. */
export const LOGIN_FAILED_MESSAGE = "登录名或密码错误";
export const LOGIN_UNAVAILABLE_MESSAGE = "数据库暂时不可用，请稍后重试";
export const LOGIN_ERROR_MESSAGE = "登录失败，请稍后重试";

// What the credentials provider reports to the form instead of an error's
// own message (which next-auth would put in the URL): fixed codes only.
export const LOGIN_ERROR_CODES = { unavailable: "DatabaseUnavailable", locked: "AccountLocked", other: "LoginError" } as const;

export function lockedError(until: Date): string {
  return `${LOGIN_ERROR_CODES.locked}:${until.toISOString()}`;
}

/** The sentence the login form shows for the code next-auth hands back. */
export function loginErrorMessage(code: string | null | undefined): string {
  if (!code) return LOGIN_ERROR_MESSAGE;
  if (code === "CredentialsSignin") return LOGIN_FAILED_MESSAGE;
  if (code === LOGIN_ERROR_CODES.unavailable) return LOGIN_UNAVAILABLE_MESSAGE;
  if (code.startsWith(`${LOGIN_ERROR_CODES.locked}:`)) {
    const until = new Date(code.slice(LOGIN_ERROR_CODES.locked.length + 1));
    const time = Number.isNaN(until.getTime())
      ? ""
      : `，请于 ${formatDateTime(until).slice(11)} 后再试`;
    return `登录失败次数过多，已暂时锁定 15 分钟${time}`;
  }
  return LOGIN_ERROR_MESSAGE;
}
