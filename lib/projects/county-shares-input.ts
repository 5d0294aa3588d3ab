// The input of a project's split by county, shared by the form and the server:
// the DRC's split (countySharesSchema) and a unit's proposal of one
// (countySharesProposalSchema) carry the same rows, checked by the same rules.
import { z } from "@/lib/validation/zod";
import { amountInputSchema } from "./project-input";

const shareAmount = amountInputSchema.refine((a) => a.state === "VALUE", { message: "拆分金额应为数字（待定、不适用的部分请不拆分）" });

/** One row per county or zone: its share of the total and of the 十四五 investment. */
export const countyShareRowsSchema = z
  .array(z.object({ regionCode: z.string().trim().min(1, "请选择区县").max(16), total: shareAmount, fyp: shareAmount }))
  .max(40, "区县过多")
  .refine((s) => new Set(s.map((x) => x.regionCode)).size === s.length, "同一区县只能填写一行");

export const countySharesSchema = z.object({
  projectId: z.number().int().positive(),
  /** The project's version as seen (a stale page is a 409). */
  version: z.number({ error: "缺少参数 version（项目版本）" }).int().positive(),
  shares: countyShareRowsSchema,
});
export type CountySharesInput = z.input<typeof countySharesSchema>;

/** A unit's proposal of its project's split: a change request the DRC accepts (it becomes the split) or returns. */
export const countySharesProposalSchema = z.object({
  projectId: z.number().int().positive(),
  shares: countyShareRowsSchema.refine((s) => s.length > 0, "请至少填写一个区县"),
  reason: z.string().trim().min(4, "请说明申请拆分的依据（至少 4 个字）").max(1000, "理由过长"),
});
export type CountySharesProposalInput = z.input<typeof countySharesProposalSchema>;
