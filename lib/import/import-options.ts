// What a person decides about one import, in the preview or on the command
// line: which column to use where two read as one field, whether hidden rows
// and columns count, and — for a new plan — its name, code and years. One
// schema for the wizard, the routes and the CLI.
import { z } from "@/lib/validation/zod";

export const COLUMN_FIELDS = ["seq", "domain", "name", "code", "type", "period", "location", "content", "total", "fyp", "units"] as const;

/** The CLI's `--column 总投资=调整后总投资` names the field as the header does. */
export const FIELD_BY_LABEL: Record<string, (typeof COLUMN_FIELDS)[number]> = {
  序号: "seq",
  领域: "domain",
  项目名称: "name",
  项目代码: "code",
  项目类型: "type",
  项目期限: "period",
  建设地点: "location",
  建设内容和规模: "content",
  总投资: "total",
  十四五投资: "fyp",
  "“十四五”投资": "fyp",
  组织实施单位: "units",
};

export const planMetaInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "规划代码只能由字母、数字、- 和 _ 组成（不超过 64 个字符）")
    .optional(),
  name: z.string().trim().min(1, "请填写规划名称").max(200, "规划名称不超过 200 个字").optional(),
  startYear: z.number().int().min(1949, "起始年份不合理").max(2100, "起始年份不合理").optional(),
  endYear: z.number().int().min(1949, "结束年份不合理").max(2100, "结束年份不合理").optional(),
  /** The plan's region at its level (GB/T 2260: 330000 province, 330300 city, 330381 county); default: from the title. */
  regionCode: z.string().trim().regex(/^\d{6}$/, "规划所属地区应为 6 位行政区划代码（GB/T 2260），例如 330300").optional(),
});

export const importOptionsInput = z.object({
  columns: z.partialRecord(z.enum(COLUMN_FIELDS), z.string().trim().min(1).max(200)).optional(),
  includeHidden: z.boolean().optional(),
  plan: planMetaInput.optional(),
});

export type ImportOptions = z.infer<typeof importOptionsInput>;
export type PlanMetaInput = z.infer<typeof planMetaInput>;

/** `2021-2025` (or 2021—2025, 2021至2025) as two years. */
export function parseYearRange(text: string): { startYear: number; endYear: number } | null {
  const m = /^\s*(\d{4})\s*年?\s*(?:-|－|—|–|~|～|至|到)\s*(\d{4})\s*年?\s*$/.exec(text);
  if (!m) return null;
  const [startYear, endYear] = [Number(m[1]), Number(m[2])];
  return startYear <= endYear ? { startYear, endYear } : null;
}
