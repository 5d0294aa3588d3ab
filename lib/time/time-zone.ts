// Calendar reading of an instant in a named zone (IANA, e.g. Asia/Shanghai),
// the same on the server and in the browser: Intl with an explicit zone never
// depends on the zone of the machine that runs it.
//
// The application's zone decides "this month", deadlines, lateness and every
// timestamp shown: ANNEX_TIME_ZONE (an IANA name), Asia/Shanghai when unset.
// The server reads the environment; the browser reads the zone the server
// rendered into <html data-time-zone> (app/layout.tsx), so that a timestamp a
// client component renders is the same text on both sides (no hydration
// mismatch), whatever the zones of the server and the browser machines.
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

/** The application's zone from an environment (ANNEX_TIME_ZONE), refused with a clear message when not a zone. */
export function configuredTimeZone(env: Record<string, string | undefined>): string {
  const zone = env.ANNEX_TIME_ZONE?.trim();
  if (!zone) return DEFAULT_TIME_ZONE;
  if (!isTimeZone(zone)) throw new Error(`ANNEX_TIME_ZONE“${zone}”不是有效的时区名称，应为 IANA 名称，例如 Asia/Shanghai`);
  return zone;
}

/** The application's zone, on the server (environment) and in the browser (as the server rendered it). */
export function appTimeZone(): string {
  if (typeof window !== "undefined") return document.documentElement.dataset.timeZone || DEFAULT_TIME_ZONE;
  return configuredTimeZone(typeof process === "undefined" ? {} : process.env);
}

export type ZonedDateTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is a zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function zonedDateTime(instant: Date, timeZone = appTimeZone()): ZonedDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetMs(instant: Date, timeZone: string): number {
  const z = zonedDateTime(instant, timeZone);
  return Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second) - (instant.getTime() - (instant.getTime() % 1000 + 1000) % 1000);
}

/** The instant a calendar day begins in the zone. */
export function zonedMidnight(day: { year: number; month: number; day: number }, timeZone = appTimeZone()): Date {
  const guess = Date.UTC(day.year, day.month - 1, day.day);
  // Two passes settle on the offset in force at that midnight (a DST change the same day included).
  let at = guess - offsetMs(new Date(guess), timeZone);
  at = guess - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-05 14:03" in the zone: how every timestamp is shown. */
export function formatDateTime(instant: Date | string, timeZone = appTimeZone()): string {
  const z = zonedDateTime(typeof instant === "string" ? new Date(instant) : instant, timeZone);
  return `${z.year}-${pad(z.month)}-${pad(z.day)} ${pad(z.hour)}:${pad(z.minute)}`;
}

/** "2026-11-05" in the zone. */
export function formatDate(instant: Date | string, timeZone = appTimeZone()): string {
  const z = zonedDateTime(typeof instant === "string" ? new Date(instant) : instant, timeZone);
  return `${z.year}-${pad(z.month)}-${pad(z.day)}`;
}
