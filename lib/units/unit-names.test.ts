import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { guessUnitKind, looksLikeAliases, splitUnitNames } from "./unit-names";

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

describe("looksLikeAliases on every pair of unit names in the real annex", () => {
  it("finds the known aliases and the city-prefix and bracket variants, and nothing else", () => {
    const names = [...new Set((JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8")) as { units: string[] }[]).flatMap((r) => r.units))].sort();
    const pairs: string[] = [];
    for (const [i, a] of names.entries()) for (const b of names.slice(i + 1)) if (looksLikeAliases(a, b)) pairs.push([a, b].sort().join(" / "));
    expect(pairs.sort()).toEqual(
      [
        "市卫健委 / 市卫生健康委",
        "市大数据发展管理局 / 市大数据管理局",
        "龙港市人民政府 / 龙港市政府",
        "市现代集团 / 现代集团",
        "市民政局 / 温州市民政局",
        "市城发集团 / 市城发集团（体投集团）",
      ].map((p) => p.split(" / ").sort().join(" / ")).sort(),
    );
  });
});
