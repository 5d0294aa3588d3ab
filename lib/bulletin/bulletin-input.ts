// What a person asks for a 通报: the month, the format, and whose figures.
import { z } from "@/lib/validation/zod";
import { monthParamSchema } from "@/lib/progress/progress-input";
import { basisParamSchema, type ReportBasis } from "@/lib/progress/report-basis";

/** The basis (lib/progress/report-basis.ts) as the 通报's note words it. */
export const BULLETIN_BASIS_TEXT: Record<ReportBasis, string> = { approved: "已审核月报", submitted: "含已提交未审核的月报" };

export const bulletinQuerySchema = z.object({
  month: monthParamSchema,
  format: z.enum(["docx", "pdf", "xlsx"], { error: "格式只能是 docx、pdf 或 xlsx" }).optional(),
  basis: basisParamSchema,
});
export type BulletinQuery = z.output<typeof bulletinQuerySchema>;
