// The input of a project's split by county, shared by the form and the server.
import { z } from "@/lib/validation/zod";
import { amountInputSchema } from "./project-input";

const shareAmount = amountInputSchema.refine((a) => a.state === "VALUE", { message: "拆分金额应为数字（待定、不适用的部分请不拆分）" });

export const countySharesSchema = z.object({
  projectId: z.number().int().positive(),
  /** The project's version as seen (a stale page is a 409). */
  version: z.number({ error: "缺少参数 version（项目版本）" }).int().positive(),
  shares: z
    .array(z.object({ regionCode: z.string().trim().min(1, "请选择区县").max(16), total: shareAmount, fyp: shareAmount }))
    .max(40, "区县过多")
    .refine((s) => new Set(s.map((x) => x.regionCode)).size === s.length, "同一区县只能填写一行"),
});
export type CountySharesInput = z.input<typeof countySharesSchema>;
