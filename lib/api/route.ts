// Transitional: the handlers not yet bound to the runner. Everything here
// moves to lib/api/routes.ts (readRoute, mutationRoute).
import type { z } from "@/lib/validation/zod";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse-input";
import { readRoute } from "./routes";

export { parseInput };
export { idParam } from "./routes";

/** @deprecated readRoute for reads, mutationRoute for mutations. */
export const withActor = readRoute;

/** A JSON object body; anything else is a 400 in Chinese. */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("invalid_input", "请求内容不是有效的 JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("invalid_input", "请求内容应为 JSON 对象");
  return body as Record<string, unknown>;
}

/** Parses a JSON body with the input's zod schema; a bad body is a 400 that names every problem. */
export async function parseJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  return parseInput(schema, await readJson(request));
}
