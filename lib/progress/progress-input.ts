// The inputs of progress reporting, one zod schema each, shared by the
// monthly grid, the review page and the /api/ route handlers.
import { z } from "@/lib/validation/zod";
import { parseAmountInput } from "@/lib/money/amount";
import { parseMonthKey, reportingMonth, type YearMonth } from "./reporting-calendar";
import { appNow } from "@/lib/time/clock";

export const CONSTRUCTION_STATUSES = ["PREPARATION", "UNDER_CONSTRUCTION", "COMPLETED", "SUSPENDED"] as const;
export type ConstructionStatus = (typeof CONSTRUCTION_STATUSES)[number];
export const CONSTRUCTION_LABELS: Record<ConstructionStatus, string> = {
  PREPARATION: "前期",
  UNDER_CONSTRUCTION: "在建",
  COMPLETED: "竣工",
  SUSPENDED: "停缓建",
};

export const REPORT_STATUS_LABELS = {
  NONE: "未填报",
  DRAFT: "草稿",
  SUBMITTED: "已提交",
  RETURNED: "已退回",
  APPROVED: "已审核",
} as const;
export type ReportState = keyof typeof REPORT_STATUS_LABELS;

export const ISSUE_STATES = ["OPEN", "IN_PROGRESS", "RESOLVED"] as const;
export const ISSUE_STATE_LABELS: Record<(typeof ISSUE_STATES)[number], string> = {
  OPEN: "待协调",
  IN_PROGRESS: "协调中",
  RESOLVED: "已解决",
};

/** An amount in 万元 as typed (commas and full-width digits tolerated): a plain number, exact, never 待定. */
export const wanTextSchema = z
  .string()
  .max(40)
  .transform((text, ctx): string => {
    const parsed = parseAmountInput(text, "万元");
    if (!parsed.ok || parsed.amount.state !== "VALUE") {
      ctx.addIssue({ code: "custom", message: parsed.ok ? "请填写数字金额（万元）" : parsed.error });
      return z.NEVER;
    }
    return parsed.amount.wan.toFixed();
  });

const year = z.number().int().min(2000, "年份不正确").max(2100, "年份不正确");
const month = z.number().int().min(1, "月份应为 1–12").max(12, "月份应为 1–12");
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 2026-01-31")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "日期不存在")
  .nullable();

export const reportMonthSchema = z.object({ planCode: z.string().min(1), year, month });
export type ReportMonthInput = z.infer<typeof reportMonthSchema>;

/**
 * One project's report for the month as the unit types it. The month's
 * amount may be given directly or as 1–N月累计 (what many units keep); the
 * server derives the month's amount from the latter and refuses a
 * cumulative figure below last month's.
 */
export const reportRowSchema = z
  .object({
    projectId: z.number().int().positive(),
    // The version of the revision the person saw, null when there was none.
    baseReportId: z.number().int().positive().nullable(),
    baseVersion: z.number().int().positive().nullable(),
    monthWan: wanTextSchema.optional(),
    yearToDateWan: wanTextSchema.optional(),
    physicalProgress: z.string().trim().max(1000, "形象进度过长（最多 1000 字）"),
    construction: z.enum(CONSTRUCTION_STATUSES, { error: "请选择项目状态" }),
    actualStart: date,
    actualCompletion: date,
  })
  .refine((row) => row.monthWan !== undefined || row.yearToDateWan !== undefined, {
    message: "请填写当月完成投资或本年累计完成投资",
    path: ["monthWan"],
  })
  .refine((row) => row.construction !== "COMPLETED" || row.actualCompletion !== null, {
    message: "状态为竣工时请填写实际竣工日期",
    path: ["actualCompletion"],
  })
  .refine((row) => !row.actualStart || !row.actualCompletion || row.actualStart <= row.actualCompletion, {
    message: "实际竣工日期早于实际开工日期",
    path: ["actualCompletion"],
  });
export type ReportRowInput = z.input<typeof reportRowSchema>;

export const saveReportsSchema = reportMonthSchema.extend({
  rows: z.array(reportRowSchema).min(1, "没有要保存的填报").max(2000),
  confirmWarnings: z.boolean().optional(),
});
export type SaveReportsInput = z.infer<typeof saveReportsSchema>;

export const submitReportsSchema = reportMonthSchema.extend({
  projectIds: z.array(z.number().int().positive()).min(1, "请选择要提交的项目").max(2000),
});

export const reviewReportsSchema = z
  .object({
    decision: z.enum(["APPROVE", "RETURN"]),
    reports: z.array(z.object({ id: z.number().int().positive(), version: z.number().int().positive() })).min(1, "请选择填报").max(2000),
    comment: z.string().trim().max(1000, "意见过长（最多 1000 字）").default(""),
  })
  .refine((r) => r.decision !== "RETURN" || r.comment.length > 0, { message: "退回时请填写退回意见", path: ["comment"] });
export type ReviewReportsInput = z.input<typeof reviewReportsSchema>;

export const monthLockSchema = reportMonthSchema.extend({ locked: z.boolean() });

export const progressSettingsSchema = z
  .object({
    reportDeadlineDay: z.number().int().min(1, "截止日应为 1–28 日").max(28, "截止日应为 1–28 日"),
    yellowLagPoints: z.number().int().min(0, "阈值不能为负").max(100, "阈值不能超过 100"),
    redLagPoints: z.number().int().min(0, "阈值不能为负").max(100, "阈值不能超过 100"),
  })
  .refine((s) => s.redLagPoints >= s.yellowLagPoints, { message: "红灯阈值应不小于黄灯阈值", path: ["redLagPoints"] });
export type ProgressSettingsInput = z.infer<typeof progressSettingsSchema>;

/** 年度计划投资: the DRC sets it; a unit proposes. Null clears it. */
export const annualPlanSchema = z.object({
  year,
  entries: z
    .array(z.object({ projectId: z.number().int().positive(), wan: wanTextSchema.nullable() }))
    .min(1)
    .max(20000),
});
export type AnnualPlanInput = z.infer<typeof annualPlanSchema>;

export const issueCreateSchema = z.object({
  projectId: z.number().int().positive(),
  description: z.string().trim().min(1, "请填写问题内容").max(2000, "问题内容过长（最多 2000 字）"),
  responsible: z.string().trim().max(200, "责任单位过长").default(""),
  dueDate: date.default(null),
});
export type IssueCreateInput = z.input<typeof issueCreateSchema>;

export const issueUpdateSchema = z.object({
  version: z.number().int().positive(),
  description: z.string().trim().min(1, "请填写问题内容").max(2000, "问题内容过长（最多 2000 字）").optional(),
  responsible: z.string().trim().max(200, "责任单位过长").optional(),
  dueDate: date.optional(),
  state: z.enum(ISSUE_STATES).optional(),
  resolution: z.string().trim().max(2000, "解决情况过长").optional(),
});
export type IssueUpdateInput = z.input<typeof issueUpdateSchema>;

/** `?month=2026-10` in a URL; absent means the month units are reporting on now. */
export const monthParamSchema = z
  .string()
  .nullable()
  .transform((text, ctx): YearMonth => {
    if (!text) return reportingMonth(appNow());
    const parsed = parseMonthKey(text);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: `月份“${text}”格式不正确，应为 2026-10` });
      return z.NEVER;
    }
    return parsed;
  });
