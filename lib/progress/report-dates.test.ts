import { describe, expect, it } from "vitest";
import { parseReportDate } from "./report-dates";

describe("parseReportDate", () => {
  it.each([
    ["2026-03-01", "2026-03-01"],
    ["2026/3/1", "2026-03-01"],
    ["2026.3.1", "2026-03-01"],
    ["2026年3月1日", "2026-03-01"],
    ["２０２６-０３-０１", "2026-03-01"],
    [" 2024-2-29 ", "2024-02-29"],
    ["", null],
  ])("reads %s", (text, date) => {
    expect(parseReportDate(text)).toEqual({ ok: true, date });
  });
  it.each(["2025-02-29", "2026-13-01", "3/1/2026", "明年", "1899-01-01"])("refuses %s", (text) => {
    expect(parseReportDate(text).ok).toBe(false);
  });
});
