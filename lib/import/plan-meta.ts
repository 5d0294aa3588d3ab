// The plan a file would create: its name from the table's title, its years
// from the title (“十四五” → 2021–2025, or “2021—2025年”) or else from the
// projects' own periods — never from today's date. What cannot be inferred is
// left empty for the person to fill in the preview (or with --name/--years).
import { REGIONS } from "@/lib/regions/regions-data";
import type { PlanMeta } from "@/lib/plans/create-plan";
import type { PlanMetaInput } from "./import-options";

export type ProposedPlan = {
  code: string;
  name: string | null;
  issuer: string;
  startYear: number | null;
  endYear: number | null;
  /** The plan's region (GB/T 2260) and where it came from: typed in, the title (“温州市…” → 330300), or the default city. */
  regionCode: string;
  regionName: string | null;
  regionFrom: "input" | "title" | "default";
  /** Where the years came from, for the preview. */
  yearsFrom: "title" | "periods" | "input" | null;
};

const CHINESE_DIGITS = "一二三四五六七八九";

/** 十四五 → 2021–2025: from the third plan (1966) on, plans follow each other every five years. */
export function yearsOfFiveYearPlan(title: string): { startYear: number; endYear: number } | null {
  const m = /十([一二三四五六七八九])五/.exec(title);
  if (!m) return null;
  const n = 10 + CHINESE_DIGITS.indexOf(m[1]!) + 1;
  const startYear = 1966 + (n - 3) * 5;
  return { startYear, endYear: startYear + 4 };
}

function yearsInTitle(title: string): { startYear: number; endYear: number } | null {
  const range = /(\d{4})\s*年?\s*(?:-|－|—|–|~|～|至|到)\s*(\d{4})\s*年?/.exec(title);
  if (range && Number(range[1]) <= Number(range[2])) return { startYear: Number(range[1]), endYear: Number(range[2]) };
  return yearsOfFiveYearPlan(title);
}

/** The five-year span (…, 2016–2020, 2021–2025, 2026–2030, …) that the projects' periods overlap most. */
export function yearsFromPeriods(periods: { start: number | null; end: number | null }[]): { startYear: number; endYear: number } | null {
  const known = periods.filter((p): p is { start: number; end: number } => p.start !== null && p.end !== null);
  if (known.length === 0) return null;
  const overlap = new Map<number, number>();
  for (const p of known) {
    for (let year = p.start; year <= p.end; year++) {
      const spanStart = 2021 + Math.floor((year - 2021) / 5) * 5;
      overlap.set(spanStart, (overlap.get(spanStart) ?? 0) + 1);
    }
  }
  const [startYear] = [...overlap.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  return { startYear, endYear: startYear + 4 };
}

export function proposePlan(code: string, title: string | null, periods: { start: number | null; end: number | null }[], input: PlanMetaInput = {}): ProposedPlan {
  const inferredName = title ? title.replace(/(重大|重点)项目(表|汇总表|清单|计划表)$/, "").trim() || title : null;
  const name = input.name ?? inferredName;
  const inferred = name ? regionOfTitle(name) : null;
  const regionCode = input.regionCode ?? inferred?.code ?? DEFAULT_REGION;
  const region = REGIONS.find((r) => r.code === regionCode) ?? null;
  const fromTitle = title ? yearsInTitle(title) : null;
  const fromPeriods = yearsFromPeriods(periods);
  const typed = input.startYear !== undefined && input.endYear !== undefined ? { startYear: input.startYear, endYear: input.endYear } : null;
  const years = typed ?? fromTitle ?? fromPeriods;
  return {
    code: input.code ?? code,
    name,
    issuer: region ? `${region.name}人民政府` : "未填写",
    startYear: years?.startYear ?? null,
    endYear: years?.endYear ?? null,
    regionCode,
    regionName: region?.name ?? null,
    regionFrom: input.regionCode ? "input" : inferred ? "title" : "default",
    yearsFrom: typed ? "input" : fromTitle ? "title" : fromPeriods ? "periods" : null,
  };
}

/** The installation's first city: a title that names no region falls back to it (as before levels existed). */
const DEFAULT_REGION = "330300";

/**
 * The region a plan's title names at its start, as deep as it goes: “浙江省…” →
 * 330000, “温州市…” → 330300, “台州市黄岩区…” → 331003, “瑞安市…” → 330381
 * (a county named alone is found below its city). Functional zones have no plan.
 */
export function regionOfTitle(title: string): { code: string; name: string } | null {
  const levels = REGIONS.filter((r) => r.kind !== "FUNCTIONAL_ZONE");
  let found: (typeof REGIONS)[number] | null = null;
  let rest = title.trim();
  for (;;) {
    const next = levels
      .filter((r) => (found ? r.parentCode === found.code : true) && rest.startsWith(r.name))
      .sort((a, b) => b.name.length - a.name.length)[0];
    if (!next) break;
    found = next;
    rest = rest.slice(next.name.length);
  }
  return found ? { code: found.code, name: found.name } : null;
}

/** What keeps a proposed plan from being created, in plain Chinese; empty when it can be. */
export function planProblems(plan: ProposedPlan, sameName: { code: string } | null): string[] {
  const problems: string[] = [];
  if (plan.regionName === null) problems.push(`行政区划代码“${plan.regionCode}”不存在，请改正规划所属地区`);
  if (!plan.name) problems.push("无法从表格标题确定规划名称，请填写规划名称");
  if (plan.startYear === null || plan.endYear === null) problems.push("无法从标题或项目期限推断规划年度，请填写起止年份");
  else if (plan.endYear < plan.startYear) problems.push("规划的结束年份早于起始年份");
  if (sameName) problems.push(`已有同名规划“${plan.name}”（代码 ${sameName.code}），不能再建一个同名规划：请修改名称，或导入到该规划`);
  return problems;
}

export function planMetaOf(plan: ProposedPlan): PlanMeta {
  return { code: plan.code, name: plan.name!, issuer: plan.issuer, startYear: plan.startYear!, endYear: plan.endYear!, regionCode: plan.regionCode };
}
