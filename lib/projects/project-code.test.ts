import { describe, expect, it } from "vitest";
import { parseProjectCode, projectCodeSchema, PROJECT_CODE_RULE } from "./project-code";

describe("项目代码 (投资项目统一代码)", () => {
  it("accepts the national format and names its parts", () => {
    expect(parseProjectCode("2017-330381-47-01-012345")).toEqual({ code: "2017-330381-47-01-012345", year: 2017, regionCode: "330381", industry: "47", type: "01", serial: "012345" });
    // As typed with a Chinese input method: full-width digits and dashes.
    expect(parseProjectCode("２０２１－３３０３００－７８－０２－０００１２３")?.code).toBe("2021-330300-78-02-000123");
  });

  it("refuses what does not follow it", () => {
    for (const bad of ["2017-33038-47-01-012345", "2017-330381-47-01-01234", "17-330381-47-01-012345", "2017330381470101234", "2017-330381-4A-01-012345", "1999-330381-47-01-012345", "2017-330381-47-01-012345-1", "瑞安"]) {
      expect(parseProjectCode(bad), bad).toBeNull();
    }
  });

  it("the form's field: empty is no code; a malformed one is refused with the rule in Chinese", () => {
    expect(projectCodeSchema.parse("")).toBeNull();
    expect(projectCodeSchema.parse(null)).toBeNull();
    expect(projectCodeSchema.parse(" 2017-330381-47-01-012345 ")).toBe("2017-330381-47-01-012345");
    const result = projectCodeSchema.safeParse("2017-3303-47");
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe(PROJECT_CODE_RULE);
  });
});
