import { describe, expect, it } from "vitest";
import { clockNow, fixedToday } from "./clock";
import { formatDateTime, zonedMidnight } from "./time-zone";
import { currentMonth, reportDeadline, reportingMonth } from "@/lib/progress/reporting-calendar";

describe("the application's clock", () => {
  it("is the real instant when ANNEX_TODAY is not set", () => {
    const real = new Date("2026-12-02T05:38:08.123Z");
    expect(clockNow(real, {})).toEqual(real);
  });

  it("moves to ANNEX_TODAY in Beijing, keeping the time of day there", () => {
    // 05:38 UTC is 13:38 in Beijing; on 2025-11-20 Beijing that is 2025-11-20T05:38 UTC.
    expect(clockNow(new Date("2026-12-02T05:38:08.123Z"), { ANNEX_TODAY: "2025-11-20" }).toISOString()).toBe("2025-11-20T05:38:08.123Z");
    // 20:00 UTC is already the next day in Beijing (04:00): the date is still the one fixed.
    expect(clockNow(new Date("2026-12-02T20:00:00Z"), { ANNEX_TODAY: "2025-11-20" }).toISOString()).toBe("2025-11-19T20:00:00.000Z");
  });

  it("refuses a date that is not on the calendar", () => {
    expect(() => fixedToday({ ANNEX_TODAY: "2025-02-30" })).toThrow(/不是有效日期/);
    expect(() => fixedToday({ ANNEX_TODAY: "20251120" })).toThrow(/不是有效日期/);
    expect(fixedToday({ ANNEX_TODAY: " " })).toBeNull();
  });
});

describe("calendar in a zone", () => {
  it("reads months and deadlines in Beijing whatever the machine's zone", () => {
    // 2025-10-31T16:30Z is 00:30 on 1 November in Beijing.
    expect(currentMonth(new Date("2025-10-31T16:30:00Z"))).toEqual({ year: 2025, month: 11 });
    expect(reportingMonth(new Date("2025-10-31T16:30:00Z"))).toEqual({ year: 2025, month: 10 });
    expect(currentMonth(new Date("2025-10-31T16:30:00Z"), "UTC")).toEqual({ year: 2025, month: 10 });
    // October's reports are due by the end of 5 November, Beijing: 2025-11-05T16:00Z.
    expect(reportDeadline({ year: 2025, month: 10 }, 5).toISOString()).toBe("2025-11-05T16:00:00.000Z");
    expect(reportDeadline({ year: 2025, month: 12 }, 5).toISOString()).toBe("2026-01-05T16:00:00.000Z");
  });

  it("handles a zone with daylight saving", () => {
    // New York: 2025-03-09 begins at 05:00Z (EST, −5); 2025-03-10 at 04:00Z (EDT, −4).
    expect(zonedMidnight({ year: 2025, month: 3, day: 9 }, "America/New_York").toISOString()).toBe("2025-03-09T05:00:00.000Z");
    expect(zonedMidnight({ year: 2025, month: 3, day: 10 }, "America/New_York").toISOString()).toBe("2025-03-10T04:00:00.000Z");
  });

  it("formats a timestamp in the zone", () => {
    expect(formatDateTime("2026-12-02T04:47:00Z")).toBe("2026-12-02 12:47");
    expect(formatDateTime("2026-12-02T04:47:00Z", "UTC")).toBe("2026-12-02 04:47");
  });
});
