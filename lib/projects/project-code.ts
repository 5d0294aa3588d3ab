// 项目代码: the national 投资项目统一代码 given by the 投资项目在线审批监管平台,
// year-region-industry-type-serial: 2017-330381-47-01-012345 (年份 4 位,
// 行政区划代码 6 位, 国民经济行业代码 2 位, 项目类型代码 2 位, 流水号 6 位).
// One project listed in plans of several levels carries the same code, which
// is how the rollups across levels know it is one project (lib/rollups/levels.ts).
import { z } from "@/lib/validation/zod";

export const PROJECT_CODE_RULE = "项目代码应为投资项目统一代码“年份-地区代码-行业代码-项目类型-流水号”（4-6-2-2-6 位数字），例如 2017-330381-47-01-012345";

const PATTERN = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/;

/** The code's parts, or null when it does not follow the rule. Full-width digits and dashes are read as their ASCII forms. */
export function parseProjectCode(text: string): { code: string; year: number; regionCode: string; industry: string; type: string; serial: string } | null {
  const code = normaliseProjectCode(text);
  const m = PATTERN.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  // The unified code exists since 2015; a later year than 2099 is a typing slip.
  if (year < 2015 || year > 2099) return null;
  return { code, year, regionCode: m[2]!, industry: m[3]!, type: m[4]!, serial: m[5]! };
}

export function normaliseProjectCode(text: string): string {
  return text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－—–‐]/g, "-");
}

/** The field of the form and the API: empty is no code (null); anything else must follow the rule. */
export const projectCodeSchema = z
  .string()
  .trim()
  .max(64, "项目代码过长")
  .nullable()
  .transform((v, ctx) => {
    if (v === null || v === "") return null;
    const parsed = parseProjectCode(v);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: PROJECT_CODE_RULE });
      return z.NEVER;
    }
    return parsed.code;
  });
