// The one runner of every mutation: loads the actor, checks the permission
// in the one table, parses the input with the declaration's schema, runs the
// change in one transaction and writes its audit event in that same
// transaction, so that no change exists without its event and no event
// without its change. Errors come out as AppError (a lost database as 503).
import { loadActor, can, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { recordAudit, type RequestMeta } from "@/lib/audit/audit-events";
import { asAppError, forbidden, unauthenticated } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { assertSaneInput } from "@/lib/validation/input-guard";
import { parseInput } from "@/lib/validation/parse-input";
import type { z } from "@/lib/validation/zod";
import { isOperator, type Mutation, type Operator, type Principal } from "./mutation";

/** Who asks: a signed-in user (loaded afresh here), the command line's operator, or nobody. */
export type Caller = { userId: number } | Operator | null;

export type RunOptions = { now: Date; request?: RequestMeta };

const PERMITTED_BEFORE_PASSWORD_CHANGE = ["account.change-password"] as const;
const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_WAIT_MS = 5_000;

export async function runMutation<S extends z.ZodType, R, A extends Principal>(
  db: PrismaClient,
  mutation: Mutation<S, R, A>,
  caller: Caller,
  rawInput: unknown,
  options: RunOptions,
): Promise<R> {
  const ctx = { now: options.now, request: options.request ?? {} };
  let principal: Principal | null = null;
  try {
    principal = await resolvePrincipal(db, caller);
    if (!principal) throw unauthenticated();
    if (!allowed(mutation, principal)) throw forbidden();
    // A password chosen by an administrator: changing it is the only thing allowed until then.
    if (!isOperator(principal) && principal.mustChangePassword && !(PERMITTED_BEFORE_PASSWORD_CHANGE as readonly string[]).includes(mutation.name)) {
      throw forbidden("请先修改管理员为您设置的初始密码");
    }

    assertSaneInput(rawInput);
    const input = parseInput(mutation.schema, rawInput);
    assertSaneInput(input);

    const actor = principal as A;
    return await db.$transaction(
      async (tx) => {
        const result = await mutation.run(tx, actor, input, ctx);
        const described = mutation.audit?.(input, result) ?? {};
        await recordAudit(tx, {
          at: ctx.now,
          actor: auditActor(actor),
          action: mutation.name,
          target: described.target ?? null,
          summary: "summary" in described ? described.summary : input,
          outcome: "SUCCESS",
          request: ctx.request,
        });
        return result;
      },
      { timeout: mutation.timeout ?? DEFAULT_TIMEOUT_MS, maxWait: MAX_WAIT_MS },
    );
  } catch (error) {
    const known = asAppError(error);
    // A refusal is itself worth keeping (someone tried what they may not); its
    // transaction, if any, was rolled back, so it is recorded on its own.
    if (known?.code === "forbidden" && principal) {
      await recordAudit(db, {
        at: ctx.now,
        actor: auditActor(principal),
        action: mutation.name,
        summary: { input: rawInput, refused: known.message },
        outcome: "DENIED",
        request: ctx.request,
      }).catch((auditError) => console.error(auditError));
    }
    throw known ?? error;
  }
}

async function resolvePrincipal(db: PrismaClient, caller: Caller): Promise<Principal | null> {
  if (!caller) return null;
  if ("kind" in caller) return caller;
  return loadActor(caller.userId, db);
}

/** Fails closed: the operator only where the declaration says so, a user only with a permission of the table. */
function allowed(mutation: Pick<Mutation, "operator" | "permission">, principal: Principal): boolean {
  if (isOperator(principal)) return mutation.operator === true;
  const anyOf: readonly Permission[] = typeof mutation.permission === "string" ? [mutation.permission] : mutation.permission;
  return anyOf.length > 0 && anyOf.some((p) => can(principal, p));
}

function auditActor(principal: Principal): { userId: number | null; login: string } {
  return isOperator(principal) ? { userId: null, login: principal.login } : { userId: (principal as Actor).userId, login: (principal as Actor).login };
}
