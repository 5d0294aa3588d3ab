import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Mutation, Principal } from "@/lib/mutations/mutation";
import { runMutation } from "@/lib/mutations/run-mutation";
import type { z } from "@/lib/validation/zod";

/** A fixed moment for tests that do not care about the date (none reads the wall clock). */
export const TEST_NOW = new Date("2026-06-15T02:00:00Z");

/** Runs a mutation as a signed-in person would: through the runner, actor reloaded, input parsed, one transaction, audited. */
export function runAs<S extends z.ZodType, R, A extends Principal>(
  db: PrismaClient,
  actor: Actor,
  mutation: Mutation<S, R, A>,
  input: z.input<S>,
  now: Date = TEST_NOW,
): Promise<R> {
  return runMutation(db, mutation, { userId: actor.userId }, input, { now });
}
