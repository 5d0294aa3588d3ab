// Checks every input must pass whatever its schema: a NUL byte in any text
// (PostgreSQL refuses it in text columns, and no person types one), numbers
// no column of this application can hold (every number an input carries is an
// id, a version, a 序号, a year, a month or a threshold, all 32-bit integers
// in the database; amounts of money travel as decimal text), runaway nesting.
// Applied by the mutation runner to the raw input and to the parsed one (a
// schema may coerce "1e308" into a number).
import { AppError } from "@/lib/errors";

const INT4_MAX = 2_147_483_647;
const MAX_DEPTH = 32;

export function assertSaneInput(value: unknown): void {
  const problem = findProblem(value, [], 0);
  if (problem) throw new AppError("invalid_input", problem.message, { problems: [problem] });
}

type Problem = { path: string; message: string };

function findProblem(value: unknown, path: (string | number)[], depth: number): Problem | null {
  const at = () => path.join(".");
  if (depth > MAX_DEPTH) return { path: at(), message: "请求内容嵌套过深" };
  if (typeof value === "string") {
    return value.includes("\u0000") ? { path: at(), message: "输入中含有不允许的控制字符（NUL），请删除后重试" } : null;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value) || Math.abs(value) > INT4_MAX) return { path: at(), message: `数值 ${String(value)} 超出允许范围` };
    return null;
  }
  if (typeof value === "bigint") return { path: at(), message: "数值超出允许范围" };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findProblem(value[i], [...path, i], depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { path: at(), message: "日期不正确" } : null;
  if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
    // Only plain data is walked: class instances (Decimal, File) are the schema's business.
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return null;
    for (const [key, v] of Object.entries(value)) {
      if (key.includes("\u0000")) return { path: at(), message: "输入中含有不允许的控制字符（NUL），请删除后重试" };
      const p = findProblem(v, [...path, key], depth + 1);
      if (p) return p;
    }
  }
  return null;
}
