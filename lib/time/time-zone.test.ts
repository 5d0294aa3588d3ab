// The application's zone is configurable (ANNEX_TIME_ZONE): "this month",
// deadlines and timestamps follow it, with "now" passed in, never read.
import { afterEach, describe, expect, it } from "vitest";
import { currentMonth, reportDeadline, reportingMonth } from "@/lib/progress/reporting-calendar";
import { appTimeZone, configuredTimeZone, formatDateTime } from "./time-zone";

const saved = process.env.ANNEX_TIME_ZONE;
afterEach(() => {
  if (saved === undefined) delete process.env.ANNEX_TIME_ZONE;
  else process.env.ANNEX_TIME_ZONE = saved;
});

describe("the application's time zone", () => {
  it("is Asia/Shanghai unless ANNEX_TIME_ZONE names another, and refuses a name that is not a zone", () => {
    expect(configuredTimeZone({})).toBe("Asia/Shanghai");
    expect(configuredTimeZone({ ANNEX_TIME_ZONE: " America/New_York " })).toBe("America/New_York");
    expect(() => configuredTimeZone({ ANNEX_TIME_ZONE: "Beijing" })).toThrow("ANNEX_TIME_ZONE“Beijing”不是有效的时区名称");
  });

  it("flips this month at the zone's midnight, not Beijing's nor the server's", () => {
    // 2025-10-31 23:59:59 in New York (EDT, UTC−4) is already 1 November in Beijing.
    const before = new Date("2025-11-01T03:59:59Z");
    const after = new Date("2025-11-01T04:00:00Z");
    expect(currentMonth(before, "America/New_York")).toEqual({ year: 2025, month: 10 });
    expect(currentMonth(after, "America/New_York")).toEqual({ year: 2025, month: 11 });
    expect(reportingMonth(before, "America/New_York")).toEqual({ year: 2025, month: 9 });
    expect(reportingMonth(after, "America/New_York")).toEqual({ year: 2025, month: 10 });
    expect(currentMonth(before, "Asia/Shanghai")).toEqual({ year: 2025, month: 11 });
    // Beijing's own flip: 16:00 UTC the day before.
    expect(currentMonth(new Date("2025-10-31T15:59:59Z"), "Asia/Shanghai")).toEqual({ year: 2025, month: 10 });
    expect(currentMonth(new Date("2025-10-31T16:00:00Z"), "Asia/Shanghai")).toEqual({ year: 2025, month: 11 });
  });

  it("is what the calendar and the timestamps use when none is given", () => {
    process.env.ANNEX_TIME_ZONE = "America/New_York";
    expect(appTimeZone()).toBe("America/New_York");
    expect(currentMonth(new Date("2025-11-01T03:59:59Z"))).toEqual({ year: 2025, month: 10 });
    // October's report is due by the end of 5 November there: midnight EST (UTC−5, after the 2 November change).
    expect(reportDeadline({ year: 2025, month: 10 }, 5).toISOString()).toBe("2025-11-06T05:00:00.000Z");
    expect(formatDateTime("2026-12-02T04:47:00Z")).toBe("2026-12-01 23:47");
    delete process.env.ANNEX_TIME_ZONE;
    expect(reportDeadline({ year: 2025, month: 10 }, 5).toISOString()).toBe("2025-11-05T16:00:00.000Z");
    expect(formatDateTime("2026-12-02T04:47:00Z")).toBe("2026-12-02 12:47");
  });
});
