// The two kinds of /api/ route handler. A mutation route is a declaration
// (lib/mutations) bound to HTTP: it refuses cross-site and wrongly typed
// requests, reads the body, and hands everything to the runner. A read route
// checks the session and the permission before its handler runs. Both answer
// every failure with the same JSON: { error: { code, message, details? } }.
// tests/route-coverage.test.ts fails if an exported handler is neither.
import { NextResponse, type NextRequest } from "next/server";
import { can, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { currentActor, currentUserId } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { AppError, errorBody, forbidden, unauthenticated } from "@/lib/errors";
import type { Mutation, Principal } from "@/lib/mutations/mutation";
import { runMutation } from "@/lib/mutations/run-mutation";
import type { z } from "@/lib/validation/zod";
import { appNow } from "@/lib/time/clock";
export { idParam } from "@/lib/validation/ids";
import { assertContentType, assertSameOrigin, requestMeta, type BodyKind } from "./request-origin";

type RouteContext<P> = { params: Promise<P> };
type RouteHandler<P> = (request: NextRequest, context: RouteContext<P>) => Promise<Response>;

/** How a route tells the test which kind it is (the source says it too). */
export const ROUTE_KIND = Symbol.for("annex.routeKind");

function errorResponse(error: unknown): Response {
  const { status, body } = errorBody(error);
  return NextResponse.json(body, { status });
}

/** A route's path parameters ([id], [code]): raw text, to be checked like any input. */
export type PathParams = Record<string, string | undefined>;

export type MutationRequest = {
  request: NextRequest;
  params: PathParams;
  query: URLSearchParams;
  /** The JSON body (an object; {} when there is none), or the multipart form. */
  body: Record<string, unknown>;
  form: FormData | null;
};

export type MutationRouteOptions<R> = {
  /** The body the mutation takes; JSON unless it uploads a file. */
  body?: BodyKind;
  /** The raw input from the request (default: the JSON body); path parameters go in here, never trusted from the body. */
  input?: (req: MutationRequest) => unknown | Promise<unknown>;
  /** The answer (default: the result as JSON, 200). */
  respond?: (result: R, req: MutationRequest) => Response;
};

export function mutationRoute<S extends z.ZodType, R, A extends Principal>(
  mutation: Mutation<S, R, A>,
  options: MutationRouteOptions<R> = {},
): RouteHandler<PathParams> {
  const kind = options.body ?? "json";
  const handler: RouteHandler<PathParams> = async (request, context) => {
    try {
      assertSameOrigin(request);
      const text = kind === "json" ? await request.text() : null;
      const hasBody = kind === "multipart" || (text ?? "").length > 0;
      assertContentType(request, kind, hasBody);
      const req: MutationRequest = {
        request,
        params: await context.params,
        query: request.nextUrl.searchParams,
        body: kind === "json" ? parseJsonObject(text ?? "") : {},
        form: kind === "multipart" ? await readForm(request) : null,
      };
      const raw = options.input ? await options.input(req) : req.body;
      const userId = await currentUserId();
      const result = await runMutation(prisma(), mutation, userId === null ? null : { userId }, raw, {
        now: appNow(),
        request: requestMeta(request),
      });
      return options.respond ? options.respond(result, req) : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(handler, { [ROUTE_KIND]: "mutation" as const });
}

/** The result as JSON with a status (201 for a creation), optionally under a key: { project: … }. */
export function json<R>(status: number, key?: string): (result: R) => Response {
  return (result) => NextResponse.json(key ? { [key]: result } : result, { status });
}

type ReadHandler<P> = (request: NextRequest, ctx: { actor: Actor; params: P }) => Promise<Response>;

/** A GET: signed in, allowed by any one of the permissions (the lib/ function then applies the scope). */
export function readRoute<P = Record<string, never>>(permission: Permission | Permission[], handler: ReadHandler<P>): RouteHandler<P> {
  const anyOf = Array.isArray(permission) ? permission : [permission];
  const route: RouteHandler<P> = async (request, context) => {
    try {
      const actor = await currentActor();
      if (!actor) throw unauthenticated();
      if (!anyOf.some((p) => can(actor, p))) throw forbidden();
      return await handler(request, { actor, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(route, { [ROUTE_KIND]: "read" as const });
}

function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "请求内容不是有效的 JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("invalid_input", "请求内容应为 JSON 对象");
  return body as Record<string, unknown>;
}

async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new AppError("invalid_input", "上传内容不完整或格式不正确");
  }
}
