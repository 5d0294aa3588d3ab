import { NextResponse, type NextRequest } from "next/server";
import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { errorBody } from "./errors";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (request: NextRequest, ctx: { actor: Actor; params: P }) => Promise<Response>;

/**
 * Every /api/ route goes through here: the session is loaded and the
 * permission checked before the handler runs, and every failure is answered
 * with the same JSON shape ({ error: { code, message } }).
 */
export function withActor<P = Record<string, never>>(permission: Permission, handler: Handler<P>) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const actor = await requireActor(permission);
      return await handler(request, { actor, params: await context.params });
    } catch (error) {
      const { status, body } = errorBody(error);
      return NextResponse.json(body, { status });
    }
  };
}
