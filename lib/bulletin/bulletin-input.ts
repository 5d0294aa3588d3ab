// What a person asks for a 通报: the month, the format, and whose figures.
import { z } from "@/lib/validation/zod";
import { monthParamSchema } from "@/lib/progress/progress-input";

/**
 * 已审核 (the default): only reports the DRC has approved; 含已提交: submitted
 * reports not yet reviewed count too.
 */
export const BULLETIN_BASES = ["reviewed", "submitted"] as const;
export type BulletinBasis = (typeof BULLETIN_BASES)[number];
export const BASIS_LABELS: Record<BulletinBasis, string> = { reviewed: "已审核月报", submitted: "含已提交未审核的月报" };

export const bulletinQuerySchema = z.object({
  month: monthParamSchema,
  format: z.enum(["docx", "pdf", "xlsx"], { error: "格式只能是 docx、pdf 或 xlsx" }).optional(),
  basis: z.enum(BULLETIN_BASES, { error: "数据口径只能是 reviewed（已审核）或 submitted（含已提交未审核）" }).default("reviewed"),
});
export type BulletinQuery = z.output<typeof bulletinQuerySchema>;
