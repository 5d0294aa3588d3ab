import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePeriod, periodOutsidePlan } from "./period";

const source: { period: string }[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));

describe("parsePeriod", () => {
  const cases: [string, number, number][] = [
    ["2021-2025", 2021, 2025],
    ["2021", 2021, 2021],
    ["2021—2025", 2021, 2025],
    ["2021～2025", 2021, 2025],
    ["2021年-2025年", 2021, 2025],
    ["2021至2025", 2021, 2025],
    [" 2012-2021 ", 2012, 2021],
  ];
  for (const [text, start, end] of cases) {
    it(`reads “${text}”`, () => {
      expect(parsePeriod(text)).toEqual({ ok: true, start, end, warnings: [] });
    });
  }

  it("reads the published “2018-2021、” and says the text had a stray character", () => {
    expect(parsePeriod("2018-2021、")).toEqual({
      ok: true,
      start: 2018,
      end: 2021,
      warnings: ["项目期限“2018-2021、”含多余的标点，按“2018-2021”读取"],
    });
  });

  it("refuses an end before the start, and text that is not a period", () => {
    expect(parsePeriod("2025-2021")).toEqual({ ok: false, error: "项目期限“2025-2021”的结束年份早于开始年份" });
    expect(parsePeriod("近期")).toEqual({ ok: false, error: "项目期限“近期”无法识别：应为“2021-2025”或“2021”" });
    expect(parsePeriod("")).toEqual({ ok: false, error: "项目期限为空" });
  });

  it("reads every period of the real annex, warning only for the one with a stray 、", () => {
    const parsed = source.map((r) => parsePeriod(r.period));
    expect(parsed.every((p) => p.ok)).toBe(true);
    expect(parsed.filter((p) => p.ok && p.warnings.length > 0)).toHaveLength(1);
  });

  it("tells a period outside the plan's years", () => {
    expect(periodOutsidePlan({ start: 2012, end: 2021 }, 2021, 2025)).toBe(false);
    expect(periodOutsidePlan({ start: 2016, end: 2019 }, 2021, 2025)).toBe(true);
    expect(periodOutsidePlan({ start: 2026, end: 2028 }, 2021, 2025)).toBe(true);
  });
});
