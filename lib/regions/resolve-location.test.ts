import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REGIONS } from "./regions-data";
import { resolveLocation } from "./resolve-location";

const WENZHOU = "330300";
const resolve = (text: string) => resolveLocation(text, REGIONS, WENZHOU);

describe("resolveLocation on every location of the real annex", () => {
  // Written out by hand: what each published location must resolve to.
  const expected: Record<string, [string, string | null]> = {
    全市: ["WHOLE_CITY", WENZHOU],
    瓯海区: ["COUNTY", "330304"],
    鹿城区: ["COUNTY", "330302"],
    龙湾区: ["COUNTY", "330303"],
    永嘉县: ["COUNTY", "330324"],
    乐清市: ["COUNTY", "330382"],
    龙港市: ["COUNTY", "330383"],
    瑞安市: ["COUNTY", "330381"],
    文成县: ["COUNTY", "330328"],
    瑞安: ["COUNTY", "330381"],
    经开区: ["FUNCTIONAL_ZONE", "330300F1"],
    "—": ["UNDECIDED", null],
    泰顺县: ["COUNTY", "330329"],
    "鹿城区 双屿街道": ["COUNTY", "330302"],
    "泰顺县 罗阳镇": ["COUNTY", "330329"],
    瑞安市玉海街道: ["COUNTY", "330381"],
    "文成县 大峃镇": ["COUNTY", "330328"],
    温州高新技术产业开发区: ["FUNCTIONAL_ZONE", "330300F2"],
    洞头区: ["COUNTY", "330305"],
    "瓯海区 郭溪镇": ["COUNTY", "330304"],
    未定: ["UNDECIDED", null],
    瑞安市潘岱街道: ["COUNTY", "330381"],
    "文成县10个乡（镇）": ["COUNTY", "330328"],
  };

  it("covers every distinct location in the source file", () => {
    const locations = new Set((JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8")) as { location: string }[]).map((r) => r.location));
    expect([...locations].sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [text, [resolution, code]] of Object.entries(expected)) {
    it(`“${text}” → ${resolution} ${code ?? ""}`, () => {
      const r = resolve(text);
      expect([r.resolution, r.regionCode]).toEqual([resolution, code]);
    });
  }
});

describe("the rule says why", () => {
  it("names the name, the alias or the prefix that decided", () => {
    expect(resolve("瑞安市").rule).toBe("名称“瑞安市”");
    expect(resolve("瑞安").rule).toBe("别名“瑞安”→瑞安市");
    expect(resolve("瑞安市玉海街道").rule).toBe("地点含“瑞安市”");
    expect(resolve("经开区").rule).toBe("别名“经开区”→温州经济技术开发区");
    expect(resolve("未定").rule).toBe("“未定”：地点未确定");
    expect(resolve("全市").rule).toBe("“全市”：全市");
  });

  it("does not guess when a location spans counties or names none", () => {
    expect(resolve("瑞安市、平阳县")).toEqual({ resolution: "UNRESOLVED", regionCode: null, rule: "地点涉及多个区县（平阳县、瑞安市），未归入单个区县" });
    expect(resolve("市区")).toEqual({ resolution: "UNRESOLVED", regionCode: null, rule: "无法对应到区县" });
    expect(resolve("杭州市西湖区").resolution).toBe("UNRESOLVED");
  });

  it("only counts regions of the plan's own city", () => {
    expect(resolve("临海市").resolution).toBe("UNRESOLVED");
    expect(resolveLocation("临海市", REGIONS, "331000")).toMatchObject({ resolution: "COUNTY", regionCode: "331082" });
  });
});
