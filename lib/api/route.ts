import { NextResponse, type NextRequest } from "next/server";
import type { z } from "@/lib/validation/zod";
import { can, type Actor } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation/parse-input";
import { AppError, errorBody, forbidden, unauthenticated } from "./errors";

export { parseInput };

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (request: NextRequest, ctx: { actor: Actor; params: P }) => Promise<Response>;

/**
 * Every /api/ route goes through here: the session is loaded and the
 * permission checked before the handler runs (any one of several, where a
 * route serves more than one role; the lib/ function then checks the
 * particular project), and every failure is answered with the same JSON
 * shape: { error: { code, message, details? } }.
 */
export function withActor<P = Record<string, never>>(permission: Permission | Permission[], handler: Handler<P>) {
  const anyOf = Array.isArray(permission) ? permission : [permission];
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const actor = await currentActor();
      if (!actor) throw unauthenticated();
      if (!anyOf.some((p) => can(actor, p))) throw forbidden();
      return await handler(request, { actor, params: await context.params });
    } catch (error) {
      const { status, body } = errorBody(error);
      return NextResponse.json(body, { status });
    }
  };
}

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

export function idParam(raw: string, what: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", `${what}不存在`);
  return id;
}
