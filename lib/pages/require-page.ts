// What every page asks first: who is signed in, and may they see this. Signed
// out: to the login page. Not allowed: the 403 page (app/forbidden.tsx). The
// database unreachable: the "try again later" page (503), not a stack trace.
import { forbidden, notFound, redirect } from "next/navigation";
import { can, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { isDatabaseUnavailable } from "@/lib/db/connection-errors";
import type { z } from "@/lib/validation/zod";

export const UNAVAILABLE_PATH = "/unavailable";
export const PASSWORD_CHANGE_PATH = "/account/password";

/** The signed-in actor, allowed by any one of the permissions. */
export async function requirePage(permission: Permission | Permission[]): Promise<Actor> {
  const actor = await requireSignedIn();
  const anyOf = Array.isArray(permission) ? permission : [permission];
  if (!anyOf.some((p) => can(actor, p))) forbidden();
  return actor;
}

/**
 * The signed-in actor, whatever their role (the layout around every page).
 * Someone whose password was chosen by an administrator is sent to change it
 * first, from every page but that one.
 */
export async function requireSignedIn(options: { passwordChangePage?: boolean } = {}): Promise<Actor> {
  const actor = await orUnavailable(currentActor());
  if (!actor) redirect("/login");
  if (actor.mustChangePassword && !options.passwordChangePage) redirect(PASSWORD_CHANGE_PATH);
  return actor;
}

/**
 * For a page's own queries: a missing record renders the 404 page, a bad
 * parameter too (a page has no JSON error to show), a lost database the 503
 * page; anything else is a bug and goes to the error page.
 */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "invalid_input")) notFound();
    if (isDatabaseUnavailable(error)) redirect(UNAVAILABLE_PATH);
    throw error;
  }
}

async function orUnavailable<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isDatabaseUnavailable(error)) redirect(UNAVAILABLE_PATH);
    throw error;
  }
}

/** A page's URL parameter through its schema; one that does not parse names no page (404), never a 500. */
export function pageParam<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}
