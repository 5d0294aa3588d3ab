import { describe, expect, it } from "vitest";
import { addWan, formatLag, formatRate, formatWanText, subtractWan } from "./progress-format";

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
});
