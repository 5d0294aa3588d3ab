import { AppError } from "@/lib/errors";
import type { z } from "./zod";

/** Parses an input with its zod schema; a bad input is a 400 that names every problem, in Chinese. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new AppError("invalid_input", problems.map((p) => p.message).join("；"), { problems });
}
