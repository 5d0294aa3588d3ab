// The inputs of a 中期调整, one zod schema each, shared by the adjustment page
// and the server. A line is stored as typed (its `proposed` JSON is the
// line's input) and parsed again with the same schema where it is used.
import { z } from "@/lib/validation/zod";
import { amountInputSchema, periodInputSchema, projectCreateSchema } from "@/lib/projects/project-input";

export const ADJUSTMENT_STATE_LABELS = { DRAFT: "草稿", SUBMITTED: "已提交待审批", RETURNED: "已退回", APPROVED: "已批准" } as const;
export type AdjustmentStateName = keyof typeof ADJUSTMENT_STATE_LABELS;

export const LINE_KIND_LABELS = { ADD: "新增", CANCEL: "调出/取消", AMOUNTS: "调整投资", PERIOD_CONTENT: "调整期限/内容" } as const;
export type LineKind = keyof typeof LINE_KIND_LABELS;

const reason = z.string().trim().min(2, "请填写调整理由").max(1000, "调整理由过长（最多 1000 字）");
const projectId = z.number({ error: "请选择项目" }).int().positive("请选择项目");

export const adjustmentLineSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("ADD"), reason, project: projectCreateSchema }).strict(),
    z.object({ kind: z.literal("CANCEL"), reason, projectId }).strict(),
    z
      .object({ kind: z.literal("AMOUNTS"), reason, projectId, total: amountInputSchema.optional(), fyp: amountInputSchema.optional() })
      .strict()
      .refine((l) => l.total !== undefined || l.fyp !== undefined, { message: "请填写调整后的总投资或“十四五”投资" }),
    z
      .object({ kind: z.literal("PERIOD_CONTENT"), reason, projectId, period: periodInputSchema.optional(), content: z.string().trim().min(1, "建设内容不能为空").max(5000, "建设内容过长（最多 5000 字）").optional() })
      .strict()
      .refine((l) => l.period !== undefined || l.content !== undefined, { message: "请填写调整后的项目期限或建设内容" }),
  ],
  { error: "调整类型只能是新增、调出/取消、调整投资或调整期限/内容" },
);
export type AdjustmentLineInput = z.input<typeof adjustmentLineSchema>;
export type AdjustmentLine = z.output<typeof adjustmentLineSchema>;

const adjustmentId = z.number().int().positive();
/** The adjustment's version as the person saw it: every edit and transition checks it (a stale one is a 409). */
const version = z.number({ error: "缺少参数 version（调整的版本）" }).int().positive();

export const createAdjustmentSchema = z.object({
  planCode: z.string().trim().min(1).max(100),
  title: z.string().trim().min(2, "请填写调整的名称，如“2023年中期调整”").max(100, "名称过长"),
});
export const addLineSchema = z.object({ adjustmentId, version, line: adjustmentLineSchema });
export const removeLineSchema = z.object({ adjustmentId, version, lineId: z.number().int().positive() });
export const submitAdjustmentSchema = z.object({ adjustmentId, version });
export const decideAdjustmentSchema = z
  .object({ adjustmentId, version, decision: z.enum(["approve", "return"]), comment: z.string().trim().max(1000, "意见过长").optional() })
  .refine((d) => d.decision === "approve" || (d.comment?.length ?? 0) > 0, { message: "退回时请填写意见", path: ["comment"] });
export const lineFromChangeRequestSchema = z.object({ adjustmentId, version, changeRequestId: z.number().int().positive() });
