import { describe, expect, it } from "vitest";
import { guessUnitKind, splitUnitNames } from "./unit-names";

describe("splitUnitNames", () => {
  it("splits on the separators plans use", () => {
    expect(splitUnitNames("市住建局,市教育局")).toEqual(["市住建局", "市教育局"]);
    expect(splitUnitNames("市住建局，市教育局；市民政局\n市体育局、市公安局")).toEqual(["市住建局", "市教育局", "市民政局", "市体育局", "市公安局"]);
  });

  it("does not split inside parentheses, and drops empties and repeats", () => {
    expect(splitUnitNames("市城发集团（体投集团）、市体育局")).toEqual(["市城发集团（体投集团）", "市体育局"]);
    expect(splitUnitNames("甲(乙,丙),丁,,丁")).toEqual(["甲(乙,丙)", "丁"]);
  });

  it("keeps a name the registry knows whole, even with a 、 in it", () => {
    const known = ["各县（市、区）政府、功能区管委会"];
    expect(splitUnitNames("市住建局,各县（市、区）政府、功能区管委会", known)).toEqual(["市住建局", "各县（市、区）政府、功能区管委会"]);
    // The collective name plans use is known even before the registry has it.
    expect(splitUnitNames("市委宣传部、各县（市、区）政府、功能区管委会、市城发集团")).toEqual(["市委宣传部", "各县（市、区）政府、功能区管委会", "市城发集团"]);
    expect(splitUnitNames("甲局、乙县政府、功能区管委会")).toEqual(["甲局", "乙县政府", "功能区管委会"]);
  });
});

describe("guessUnitKind", () => {
  const cases: [string, string][] = [
    ["各县（市、区）政府、功能区管委会", "COLLECTIVE"],
    ["瑞安市政府", "GOVERNMENT"],
    ["龙港市人民政府", "GOVERNMENT"],
    ["市生态园管委会", "GOVERNMENT"],
    ["永中街道", "GOVERNMENT"],
    ["市住建局", "DEPARTMENT"],
    ["市卫生健康委", "DEPARTMENT"],
    ["市金融办", "DEPARTMENT"],
    ["市委宣传部", "DEPARTMENT"],
    ["市城发集团", "ENTERPRISE"],
    ["温州高新技术产业开发区投资建设开发有限公司", "ENTERPRISE"],
    ["温州肯恩大学", "INSTITUTION"],
    ["市慈善总会", "INSTITUTION"],
  ];
  for (const [name, kind] of cases) it(`${name} → ${kind}`, () => expect(guessUnitKind(name)).toBe(kind));
});
