// The reporting calendar: months as the DRC speaks of them, in the
// application's zone (ANNEX_TIME_ZONE, Beijing time by default: the deadline "5 日前" is a Beijing date
// whatever the zone of the server or the browser).
import { appTimeZone, zonedDateTime, zonedMidnight } from "@/lib/time/time-zone";

export type YearMonth = { year: number; month: number };

export function monthKey({ year, month }: YearMonth): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

export function parseMonthKey(text: string): YearMonth | null {
  const match = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return null;
  return { year, month };
}

export function monthLabel({ year, month }: YearMonth): string {
  return `${year}年${month}月`;
}

export function compareMonths(a: YearMonth, b: YearMonth): number {
  return a.year !== b.year ? a.year - b.year : a.month - b.month;
}

export function addMonths({ year, month }: YearMonth, delta: number): YearMonth {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The calendar month `now` falls in, in the zone (Beijing by default). */
export function currentMonth(now: Date, timeZone = appTimeZone()): YearMonth {
  const local = zonedDateTime(now, timeZone);
  return { year: local.year, month: local.month };
}

/** The month units report on now: the last month that has ended. */
export function reportingMonth(now: Date, timeZone = appTimeZone()): YearMonth {
  return addMonths(currentMonth(now, timeZone), -1);
}

/**
 * The moment a month's report becomes late: the end of day `deadlineDay` of
 * the following month in the zone (a report at 23:59 on the 5th is on time).
 */
export function reportDeadline(ym: YearMonth, deadlineDay: number, timeZone = appTimeZone()): Date {
  const next = addMonths(ym, 1);
  return zonedMidnight({ year: next.year, month: next.month, day: deadlineDay + 1 }, timeZone);
}

/** The last day that is still on time, for display: "2026-11-05". */
export function deadlineDate(ym: YearMonth, deadlineDay: number): string {
  const next = addMonths(ym, 1);
  return `${monthKey(next)}-${String(deadlineDay).padStart(2, "0")}`;
}

/** Months a plan's units can report on: from January of its first year up to the month now in progress. */
export function reportableMonths(startYear: number, now: Date, timeZone = appTimeZone()): YearMonth[] {
  const last = currentMonth(now, timeZone);
  const months: YearMonth[] = [];
  for (let ym = { year: startYear, month: 1 }; compareMonths(ym, last) <= 0; ym = addMonths(ym, 1)) months.push(ym);
  return months.reverse();
}
