// A calendar date typed by a person ("2026-02-28"): refused unless that day
// exists — JavaScript's Date would silently read 2026-02-30 as 2 March.
import { z } from "@/lib/validation/zod";

export type CalendarDate = { year: number; month: number; day: number };

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date, or why it is not one (in Chinese). */
export function parseCalendarDate(text: string): { ok: true; date: CalendarDate } | { ok: false; error: string } {
  const match = FORMAT.exec(text.trim());
  if (!match) return { ok: false, error: `日期“${text}”格式不正确，应为 2026-01-31` };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2100) return { ok: false, error: `日期“${text}”的年份不合理` };
  if (month < 1 || month > 12) return { ok: false, error: `日期“${text}”不存在：月份应为 01–12` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return { ok: false, error: `日期“${text}”不存在：${year} 年 ${month} 月只有 ${days} 天` };
  return { ok: true, date: { year, month, day } };
}

/** "2026-01-31" as typed, checked against the calendar; null allowed. */
export const calendarDateSchema = z
  .string()
  .transform((text, ctx) => {
    const parsed = parseCalendarDate(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return text.trim();
  })
  .nullable();
