import { notFound } from "@/lib/errors";
import { z } from "./zod";

const INT4_MAX = 2_147_483_647;

/** A record id as it comes in a URL: plain digits of a positive 32-bit integer (never "1e3", "-1" or "0x10"). */
export const idTextSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, "编号应为正整数")
  .transform(Number)
  .refine((n) => n <= INT4_MAX, "编号超出范围");

/** The same, optional: an absent or empty parameter means "none". */
export const optionalIdTextSchema = z
  .string()
  .nullish()
  .transform((text) => (text ? text : undefined))
  .pipe(idTextSchema.optional());

/** A path id ([id] of a route or page): plain digits of a positive 32-bit integer, else the record does not exist (404). */
export function idParam(raw: string | undefined, what: string): number {
  if (raw === undefined || !/^[1-9]\d{0,9}$/.test(raw)) throw notFound(what);
  const id = Number(raw);
  if (id > INT4_MAX) throw notFound(what);
  return id;
}
