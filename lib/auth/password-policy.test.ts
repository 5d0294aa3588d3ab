import { describe, expect, it } from "vitest";
import { passwordProblems } from "./password-policy";

describe("passwordProblems", () => {
  it("accepts a long password of three classes that is neither common nor the login", () => {
    expect(passwordProblems("Hb7-river-lamp", "zjj")).toEqual([]);
    expect(passwordProblems("correct7Horse", "drc")).toEqual([]);
  });

  it("refuses what the old rule let through (8 characters, digits only)", () => {
    expect(passwordProblems("12345678", "admin")).toEqual(
      expect.arrayContaining(["密码至少 10 个字符", "密码须包含小写字母、大写字母、数字、符号中的至少三类", "密码过于常见，请换一个"]),
    );
    expect(passwordProblems("annex2021", "admin").length).toBeGreaterThan(0);
  });

  it("needs three of the four classes", () => {
    expect(passwordProblems("abcdefghijk", "x")).toContain("密码须包含小写字母、大写字母、数字、符号中的至少三类");
    expect(passwordProblems("abcdefgh12", "x")).toContain("密码须包含小写字母、大写字母、数字、符号中的至少三类");
    expect(passwordProblems("abcdefgH12", "x")).toEqual([]);
    expect(passwordProblems("abcdefgh1!", "x")).toEqual([]);
  });

  it("refuses a password containing the login, in any case", () => {
    expect(passwordProblems("Xadmin-2026!", "admin")).toContain("密码不能包含登录名");
    expect(passwordProblems("my-ZJJ-pass1", "zjj")).toContain("密码不能包含登录名");
  });

  it("refuses common passwords dressed up with capitals, digits and punctuation", () => {
    for (const p of ["Password123!", "P@ssw0rd2026", "Qwerty12345!", "Admin@123456", "Woaini1314!!", "Letmein2026!"]) {
      expect(passwordProblems(p, "someone"), p).toContain("密码过于常见，请换一个");
    }
  });
});
