// 项目期限 as published: "2021-2025", "2021", "2021—2025", "2021年-2025年",
// "2021至2025"; a stray character ("2018-2021、") still reads, with a warning,
// and the text as published is kept beside the years.
export type PeriodParse =
  | { ok: true; start: number; end: number; warnings: string[] }
  | { ok: false; error: string };

const YEAR = "(\\d{4})\\s*年?";
const SEPARATOR = "\\s*(?:-|－|—|–|─|~|～|至|到)+\\s*";
const RANGE = new RegExp(`^${YEAR}${SEPARATOR}${YEAR}$`);
const SINGLE = new RegExp(`^${YEAR}$`);
const STRAY = /^[\s、，,。.；;]+|[\s、，,。.；;]+$/g;

export function parsePeriod(text: string): PeriodParse {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "项目期限为空" };
  const cleaned = trimmed.replace(STRAY, "");
  const warnings = cleaned !== trimmed ? [`项目期限“${trimmed}”含多余的标点，按“${cleaned}”读取`] : [];

  const range = RANGE.exec(cleaned);
  const single = SINGLE.exec(cleaned);
  const start = Number(range?.[1] ?? single?.[1]);
  const end = Number(range?.[2] ?? single?.[1]);
  if (!range && !single) return { ok: false, error: `项目期限“${trimmed}”无法识别：应为“2021-2025”或“2021”` };
  if (start < 1949 || end > 2100) return { ok: false, error: `项目期限“${trimmed}”的年份不合理` };
  if (end < start) return { ok: false, error: `项目期限“${trimmed}”的结束年份早于开始年份` };
  return { ok: true, start, end, warnings };
}

/** Whether a project's period reaches outside the plan's years (a data-quality flag, not an error). */
export function periodOutsidePlan(period: { start: number; end: number }, planStart: number, planEnd: number): boolean {
  return period.end < planStart || period.start > planEnd;
}
