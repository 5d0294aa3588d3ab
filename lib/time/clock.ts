// The application's one "now". Everything that asks what day it is (the
// month units report on, deadlines, the months a page offers, timestamps of
// new records) asks here, at the edge, and passes the answer down as `now`:
// code under test never reads the wall clock.
//
// ANNEX_TODAY=YYYY-MM-DD fixes the calendar date — read in the application's
// zone — while the time of day stays real. The demo installation and the
// end-to-end server set it to a date inside the demo plan's years, so that
// the demo and the tests show the same reporting round on any real date.
import { appTimeZone, zonedDateTime, zonedMidnight } from "./time-zone";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The fixed calendar date of ANNEX_TODAY, or null when the clock is real. */
export function fixedToday(env: Record<string, string | undefined> = processEnv()): { year: number; month: number; day: number } | null {
  const text = env.ANNEX_TODAY?.trim();
  if (!text) return null;
  const match = DATE.exec(text);
  const parts = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  const check = parts && new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (!parts || !check || check.getUTCMonth() !== parts.month - 1 || check.getUTCDate() !== parts.day) {
    throw new Error(`ANNEX_TODAY“${text}”不是有效日期，应为 2025-11-20 这样的格式`);
  }
  return parts;
}

/**
 * `real` moved to the calendar date of ANNEX_TODAY in `timeZone`, keeping its
 * time of day there; `real` itself when ANNEX_TODAY is not set.
 */
export function clockNow(real: Date, env: Record<string, string | undefined> = processEnv(), timeZone = appTimeZone()): Date {
  const today = fixedToday(env);
  if (!today) return real;
  const local = zonedDateTime(real, timeZone);
  const sinceMidnight = ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + (real.getTime() % 1000);
  return new Date(zonedMidnight(today, timeZone).getTime() + sinceMidnight);
}

/** Now, as the application sees it. Read at the edge (pages, routes, scripts) only. */
export function appNow(): Date {
  return clockNow(new Date());
}

/** The environment on the server; none in a browser (which is given `now` by the page instead). */
function processEnv(): Record<string, string | undefined> {
  return typeof process === "undefined" ? {} : process.env;
}
