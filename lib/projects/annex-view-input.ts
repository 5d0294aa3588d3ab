// The grid's view of the annex as a URL says it (?domain=&county=&type=&unit=&q=
// and, with a month, ?status=&light=&progress=2025-06&basis=approved|submitted): one schema for the
// projects API and the export of the view on screen.
import { z } from "@/lib/validation/zod";
import { LIGHT_LABELS, STATUS_FILTER_VALUES } from "@/lib/progress/progress-format";
import { parseMonthKey, type YearMonth } from "@/lib/progress/reporting-calendar";
import { basisParamSchema } from "@/lib/progress/report-basis";

export const annexViewSchema = z
  .object({
    q: z.string().max(100).optional(),
    domain: z.string().max(100).optional(),
    county: z.string().max(100).optional(),
    type: z.string().max(40).optional(),
    unit: z.string().max(100).optional(),
    status: z.enum(STATUS_FILTER_VALUES as [string, ...string[]], { error: `项目状态只能是${STATUS_FILTER_VALUES.join("、")}之一` }).optional(),
    light: z.enum(Object.values(LIGHT_LABELS) as [string, ...string[]], { error: "序时进度只能是红灯、黄灯或绿灯" }).optional(),
    progress: z
      .string()
      .optional()
      .transform((text, ctx): YearMonth | undefined => {
        if (!text) return undefined;
        const month = parseMonthKey(text);
        if (!month) {
          ctx.addIssue({ code: "custom", message: `月份“${text}”格式不正确，应为 2026-10` });
          return z.NEVER;
        }
        return month;
      }),
    /** Whose figures the progress columns and filters read (口径): approved (default) or submitted. */
    basis: basisParamSchema,
    /** The grid's columns left out (显示列), by column id: an export of the view leaves them out too. */
    hide: z
      .string()
      .max(300)
      .optional()
      .transform((text) => (text ? text.split(",").filter((id) => /^[A-Za-z]+$/.test(id)) : undefined)),
  })
  .refine((v) => !(v.status || v.light) || v.progress, { message: "按项目状态或序时进度筛选时需要指定月份（progress=2025-06）", path: ["progress"] });

export type AnnexView = z.output<typeof annexViewSchema>;

/** The view's parameters out of a URL's query (other parameters, such as format, ignored). */
export function annexViewQuery(params: URLSearchParams): Record<string, string | undefined> {
  const keys = ["q", "domain", "county", "type", "unit", "status", "light", "progress", "basis", "hide"] as const;
  return Object.fromEntries(keys.map((k) => [k, params.get(k) || undefined]));
}
