// A mutation is one declaration: its name (the audit trail's action), the
// permission of the one table that allows it, the one zod schema of its
// input, and run(tx, actor, input, ctx) — the change itself, inside the
// transaction the runner opened. Route handlers, server actions and the
// command line all hand declarations to the runner (run-mutation.ts); none
// of them checks, parses, opens a transaction or audits by itself.
import type { Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import type { RequestMeta } from "@/lib/audit/audit-events";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { z } from "@/lib/validation/zod";

export type Tx = Prisma.TransactionClient;

/**
 * The command line's principal: the operating-system account running
 * `npm run annex`. It already holds the database credentials, so no role
 * could restrain it; it may run only the declarations that say `operator: true`.
 */
export type Operator = { kind: "operator"; name: string; login: string };
export type Principal = Actor | Operator;

export function isOperator(principal: Principal): principal is Operator {
  return "kind" in principal && principal.kind === "operator";
}

/** What a mutation knows besides its input: the time (injected: never the wall clock inside) and where the request came from. */
export type MutationContext = { now: Date; request: RequestMeta };

export type AuditTarget = { type: string; id: string | number | null };

export type Mutation<S extends z.ZodType = z.ZodType, R = unknown, A extends Principal = Principal> = {
  readonly name: string;
  /** Any one of these allows it (e.g. the DRC's "any" or a unit's "own"); the scope is then the run's query. */
  readonly permission: Permission | readonly Permission[];
  readonly schema: S;
  readonly operator?: boolean;
  /** Milliseconds the transaction may take (default 20 s); an import of a whole annex needs more. */
  readonly timeout?: number;
  run(tx: Tx, actor: A, input: z.output<S>, ctx: MutationContext): Promise<R>;
  /** What the audit event names as the target, and what it keeps of the input (default: the input, minus secrets). */
  audit?(input: z.output<S>, result: R): { target?: AuditTarget | null; summary?: unknown };
};

export function defineMutation<S extends z.ZodType, R>(
  definition: Mutation<S, R, Actor> & { operator?: false },
): Mutation<S, R, Actor>;
export function defineMutation<S extends z.ZodType, R>(
  definition: Mutation<S, R, Principal> & { operator: true },
): Mutation<S, R, Principal>;
export function defineMutation<S extends z.ZodType, R, A extends Principal>(definition: Mutation<S, R, A>): Mutation<S, R, A> {
  return Object.freeze({ ...definition });
}
