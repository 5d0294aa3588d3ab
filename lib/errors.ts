// Errors the application means to show: each carries the HTTP status and a
// message in Chinese for the person who caused it. Anything else is a bug and
// is answered with a generic 500 (logged, never shown as a stack trace).
// Domain code throws these; only the HTTP edge (lib/api/, pages) turns them
// into responses.
import { isDatabaseUnavailable } from "@/lib/db/connection-errors";

export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "conflict"
  | "needs_confirmation"
  | "unprocessable"
  | "unsupported_media_type"
  | "unavailable";

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  // Warnings the person must see and confirm (resend with confirmWarnings: true).
  needs_confirmation: 422,
  unprocessable: 422,
  unsupported_media_type: 415,
  // The database cannot be reached: nothing was changed, trying again later may work.
  unavailable: 503,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export const unauthenticated = () => new AppError("unauthenticated", "请先登录");
export const forbidden = (message = "您没有执行此操作的权限") => new AppError("forbidden", message);
export const notFound = (what: string) => new AppError("not_found", `${what}不存在或已被删除`);
export const databaseUnavailable = () => new AppError("unavailable", "数据库暂时不可用，请稍后重试");

/** An AppError as it is, a lost database connection as a 503, anything else as null (a bug). */
export function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  return null;
}

/** The uniform error body of every /api/ route. */
export type ErrorBody = { error: { code: ErrorCode | "internal"; message: string; details?: unknown } };

export function errorBody(error: unknown): { status: number; body: ErrorBody } {
  const known = asAppError(error);
  if (known) {
    if (known.code === "unavailable") console.error(error);
    return { status: known.status, body: { error: { code: known.code, message: known.message, details: known.details } } };
  }
  console.error(error);
  return { status: 500, body: { error: { code: "internal", message: "服务器内部错误，请稍后重试或联系管理员" } } };
}
