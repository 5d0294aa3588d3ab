import { z } from "zod";
import { AppError } from "@/lib/api/errors";

const idSchema = z.coerce.number().int().positive();

/** A project id from a URL segment; a malformed one is a 404, not a 500. */
export const projectIdSchema = {
  parse(raw: string): number {
    const parsed = idSchema.safeParse(raw);
    if (!parsed.success) throw new AppError("not_found", "项目不存在或已被删除");
    return parsed.data;
  },
};
