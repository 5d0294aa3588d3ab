// The inputs that change a project, one zod schema each, shared by the
// project form, the grid's cell editing and the /api/ route handlers.
import { projectCodeSchema } from "./project-code";
import { z } from "@/lib/validation/zod";
import { amountToDb, parseAmountInput, type DbAmount } from "@/lib/money/amount";
import { parsePeriod } from "./period";

/** An amount as typed: a number in 亿元 or 万元, 待定 or 不适用; parsed to the exact 万元 pair. */
export const amountInputSchema = z
  .object({ text: z.string().max(40), unit: z.enum(["亿元", "万元"]) })
  .transform((value, ctx): DbAmount => {
    const parsed = parseAmountInput(value.text, value.unit);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return amountToDb(parsed.amount);
  });
export type AmountInput = z.input<typeof amountInputSchema>;

/** 项目期限 as typed ("2021-2025", "2021"); end before start is refused with the reason. */
export const periodInputSchema = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const parsed = parsePeriod(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    const normalised = parsed.start === parsed.end ? `${parsed.start}` : `${parsed.start}-${parsed.end}`;
    return { text: normalised, start: parsed.start, end: parsed.end };
  });

const name = z.string().trim().min(1, "请填写项目名称").max(200, "项目名称过长（最多 200 字）");
const type = z.string().trim().min(1, "请填写项目类型").max(20, "项目类型过长");
const seq = z.number({ error: "序号应为数字" }).int("序号应为整数").min(1, "序号应大于 0").max(99999, "序号过大");
const code = projectCodeSchema;
const locationText = z.string().trim().max(200, "建设地点过长（最多 200 字）");
const content = z.string().trim().max(5000, "建设内容过长（最多 5000 字）");
/** A county picked by hand (GB/T 2260 code), overriding what the location text resolves to; null = resolve from the text. */
const regionCode = z.string().trim().max(16).nullable();
const unitNames = z
  .array(z.string().trim().min(1).max(100))
  .min(1, "至少需要一个实施单位")
  .max(30, "实施单位过多")
  .refine((names) => new Set(names).size === names.length, "实施单位重复");
const contact = z.object({
  unitId: z.number().int().positive(),
  contactPerson: z.string().trim().max(50, "联系人过长").nullable(),
  contactPhone: z
    .string()
    .trim()
    .max(40, "电话过长")
    .regex(/^[0-9+\-()（）\s转]*$/, "电话只能包含数字、+、- 和括号")
    .nullable(),
});

/** A change to some fields of a project, based on the version the person saw. */
export const projectPatchSchema = z
  .object({
    version: z.number().int().positive(),
    domainId: z.number().int().positive().optional(),
    seq: seq.optional(),
    name: name.optional(),
    code: code.optional(),
    type: type.optional(),
    period: periodInputSchema.optional(),
    locationText: locationText.optional(),
    regionCode: regionCode.optional(),
    content: content.optional(),
    total: amountInputSchema.optional(),
    fyp: amountInputSchema.optional(),
    units: unitNames.optional(),
    contacts: z.array(contact).max(30).optional(),
    /** The person has seen the warnings (e.g. a duplicate name) and saves anyway. */
    confirmWarnings: z.boolean().optional(),
  })
  .strict();
export type ProjectPatchInput = z.input<typeof projectPatchSchema>;
export type ProjectPatch = z.output<typeof projectPatchSchema>;

/** A new project of a plan (the DRC's). 序号 defaults to the next one. */
export const projectCreateSchema = z
  .object({
    domainId: z.number({ error: "请选择领域" }).int().positive("请选择领域"),
    seq: seq.optional(),
    name,
    code: code.optional(),
    type,
    period: periodInputSchema,
    locationText,
    regionCode: regionCode.optional(),
    content,
    total: amountInputSchema,
    fyp: amountInputSchema,
    units: unitNames,
    confirmWarnings: z.boolean().optional(),
  })
  .strict();
export type ProjectCreateInput = z.input<typeof projectCreateSchema>;
export type ProjectCreate = z.output<typeof projectCreateSchema>;

/** What an implementing unit proposes for the fields that are the DRC's. */
export const changeRequestSchema = z
  .object({
    domainId: z.number().int().positive().optional(),
    seq: seq.optional(),
    total: amountInputSchema.optional(),
    fyp: amountInputSchema.optional(),
    reason: z.string().trim().min(4, "请说明申请变更的理由（至少 4 个字）").max(1000, "理由过长"),
  })
  .strict()
  .refine((r) => r.domainId !== undefined || r.seq !== undefined || r.total !== undefined || r.fyp !== undefined, {
    message: "请至少提出一项变更（领域、序号、总投资或“十四五”投资）",
  });
export type ChangeRequestInput = z.input<typeof changeRequestSchema>;

export const changeRequestDecisionSchema = z
  .object({
    decision: z.enum(["accept", "reject"]),
    comment: z.string().trim().max(1000, "意见过长").optional(),
    /** The request's version as the reviewer saw it (a stale decision is a 409). */
    version: z.number().int().positive().optional(),
  })
  .refine((d) => d.decision === "accept" || (d.comment?.length ?? 0) > 0, { message: "退回申请时请填写意见", path: ["comment"] });
