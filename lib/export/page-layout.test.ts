// Titles too long for one line of the 版心 break where GB/T 9704 has them break:
// at a word boundary, the longer line first. Expected lines are written out by hand.
import { describe, expect, it } from "vitest";
import { titleLines } from "@/lib/export/page-layout";

// The 版心 turned landscape: 297 mm − 37 mm − 35 mm = 225 mm ≈ 637.8 pt, 29 characters of 2号 (22 pt).
const WIDTH_PT = (225 * 72) / 25.4;

describe("titleLines", () => {
  it("leaves a title that fits on one line alone (the annex's, 28 characters)", () => {
    expect(titleLines("温州市社会发展和基本公共服务体系“十四五”规划重大项目表", 22, WIDTH_PT)).toBe("温州市社会发展和基本公共服务体系“十四五”规划重大项目表");
  });

  it("breaks the 通报's title before 重大项目, not inside 推进", () => {
    expect(titleLines("温州市社会发展和基本公共服务体系“十四五”规划重大项目推进情况通报", 22, WIDTH_PT)).toBe(
      "温州市社会发展和基本公共服务体系“十四五”规划\n重大项目推进情况通报",
    );
  });

  it("breaks the 分类汇总表's title before 重点项目, not inside 汇总", () => {
    expect(titleLines("温州市社会发展和基本公共服务体系“十四五”重点项目分类汇总表", 22, WIDTH_PT)).toBe("温州市社会发展和基本公共服务体系“十四五”\n重点项目分类汇总表");
  });

  it("otherwise after a closing quote, and at the middle when nothing else is known", () => {
    expect(titleLines("某某市某某某某某某某某某某某某某某某某“十四五”某某某某某某某某某某某某", 22, WIDTH_PT)).toBe("某某市某某某某某某某某某某某某某某某某“十四五”\n某某某某某某某某某某某某");
    expect(titleLines("甲".repeat(40), 22, WIDTH_PT)).toBe(`${"甲".repeat(20)}\n${"甲".repeat(20)}`);
  });

  it("keeps a title that already has its lines", () => {
    expect(titleLines("第一行\n第二行", 22, 10)).toBe("第一行\n第二行");
  });
});
