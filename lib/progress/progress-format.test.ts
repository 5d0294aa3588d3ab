import { describe, expect, it } from "vitest";
import { addWan, formatLag, formatRate, formatWanText, progressMatches, subtractWan } from "./progress-format";
import type { ProjectProgress } from "./progress-figures";

describe("progress formatting", () => {
  it("shows rates as percentages rounded half up", () => {
    expect(formatRate("0.416667")).toBe("41.7%");
    expect(formatRate("0.00045")).toBe("0.0%");
    expect(formatRate("0.0005", 2)).toBe("0.05%");
    expect(formatRate(null)).toBe("—");
  });
  it("groups 万元 without losing decimals", () => {
    expect(formatWanText("12345.5")).toBe("12,345.5");
    expect(formatWanText("1000000")).toBe("1,000,000");
    expect(formatWanText("0.0001")).toBe("0.0001");
  });
  it("says behind or ahead of 序时进度", () => {
    expect(formatLag("10")).toBe("落后 10.0");
    expect(formatLag("-4.1667")).toBe("超前 4.2");
  });
  it("adds and subtracts exactly (0.1 + 0.2 is 0.3)", () => {
    expect(addWan("0.1", "0.2")).toBe("0.3");
    expect(subtractWan("480", "479.5")).toBe("0.5");
  });
  it("filters a project's figures by status, 应开工未开工 and light", () => {
    const figures = (over: Partial<ProjectProgress>): ProjectProgress => ({
      projectId: 1, annualPlanWan: "100", monthWan: null, yearToDateWan: "0", planToDateWan: "0",
      annualRate: "0", fypRate: null, lagPoints: "50", light: "RED", notStarted: false, construction: "UNDER_CONSTRUCTION", ...over,
    });
    expect(progressMatches({}, undefined)).toBe(true);
    expect(progressMatches({ status: "在建" }, figures({}))).toBe(true);
    expect(progressMatches({ status: "前期" }, figures({}))).toBe(false);
    expect(progressMatches({ status: "未报送" }, figures({ construction: null }))).toBe(true);
    expect(progressMatches({ status: "应开工未开工" }, figures({ notStarted: true, construction: "PREPARATION" }))).toBe(true);
    expect(progressMatches({ status: "应开工未开工" }, figures({}))).toBe(false);
    expect(progressMatches({ light: "红灯" }, figures({}))).toBe(true);
    expect(progressMatches({ light: "红灯", status: "竣工" }, figures({}))).toBe(false);
    expect(progressMatches({ light: "绿灯" }, figures({ light: null }))).toBe(false);
    expect(progressMatches({ status: "在建" }, undefined)).toBe(false);
  });
});
