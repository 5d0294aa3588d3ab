import { readFileSync } from "node:fs";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { amountFromDb, amountToDb, formatWan, formatYi, parseAmountInput, parsePublishedAmount, sumAmounts, trimDecimal, type Amount } from "./amount";

const source: { totalInvestment: string; fypInvestment: string }[] = JSON.parse(
  readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"),
);

const value = (wan: string): Amount => ({ state: "VALUE", wan: new Decimal(wan) });

describe("parsePublishedAmount", () => {
  it("reads 亿元 into exact 万元", () => {
    const r = parsePublishedAmount("1000.0", "亿元");
    expect(r.ok && r.amount.state === "VALUE" && r.amount.wan.toFixed()).toBe("10000000");
    const small = parsePublishedAmount("0.3", "亿元");
    expect(small.ok && small.amount.state === "VALUE" && small.amount.wan.toFixed()).toBe("3000");
  });

  it("keeps 待定 and —— as states, not numbers", () => {
    expect(parsePublishedAmount("待定", "亿元")).toEqual({ ok: true, amount: { state: "PENDING" } });
    for (const dash of ["——", "—", "－－", "/"]) {
      expect(parsePublishedAmount(dash, "亿元")).toEqual({ ok: true, amount: { state: "NOT_APPLICABLE" } });
    }
  });

  it("refuses an empty cell and text that is not an amount, in Chinese", () => {
    expect(parsePublishedAmount("", "亿元")).toEqual({ ok: false, error: "金额为空：应填写数字、待定或——" });
    expect(parsePublishedAmount("约10亿", "亿元")).toEqual({ ok: false, error: "金额“约10亿”无法识别：应为数字、待定或——" });
  });

  it("reads every amount of the real annex, and the numeric ones sum to the published totals", () => {
    const totals = source.map((r) => parsePublishedAmount(r.totalInvestment, "亿元"));
    const fyps = source.map((r) => parsePublishedAmount(r.fypInvestment, "亿元"));
    expect(totals.every((r) => r.ok)).toBe(true);
    expect(fyps.every((r) => r.ok)).toBe(true);
    const amounts = (rs: typeof totals) => rs.flatMap((r) => (r.ok ? [r.amount] : []));
    // Independent check: integer tenths of 亿元 = 1000 万元 each.
    const tenths = (values: string[]) =>
      values.reduce((sum, v) => {
        const m = /^(\d+)(?:\.(\d))?$/.exec(v);
        return m ? sum + BigInt(m[1]!) * 10n + BigInt(m[2] ?? "0") : sum;
      }, 0n);
    const totalSum = sumAmounts(amounts(totals));
    expect(totalSum.sumWan.toFixed()).toBe((tenths(source.map((r) => r.totalInvestment)) * 1000n).toString());
    expect(totalSum.sumWan.toFixed()).toBe("23477000");
    expect(sumAmounts(amounts(fyps)).sumWan.toFixed()).toBe("18431000");
    expect(totalSum.pendingCount).toBe(source.filter((r) => r.totalInvestment === "待定").length);
    expect(totalSum.notApplicableCount).toBe(source.filter((r) => r.totalInvestment === "——").length);
  });
});

describe("parseAmountInput", () => {
  const wanOf = (text: string, unit: "亿元" | "万元") => {
    const r = parseAmountInput(text, unit);
    return r.ok && r.amount.state === "VALUE" ? r.amount.wan.toFixed() : r;
  };

  it("accepts what people type: commas, full-width digits, spaces, either unit", () => {
    expect(wanOf("1,234.5", "万元")).toBe("1234.5");
    expect(wanOf("１２.５", "亿元")).toBe("125000");
    expect(wanOf(" 3 ", "亿元")).toBe("30000");
    expect(parseAmountInput("不适用", "亿元")).toEqual({ ok: true, amount: { state: "NOT_APPLICABLE" } });
    expect(parseAmountInput("待定", "万元")).toEqual({ ok: true, amount: { state: "PENDING" } });
  });

  it("explains what it refuses", () => {
    expect(parseAmountInput("-5", "万元")).toEqual({ ok: false, error: "金额不能为负数" });
    expect(parseAmountInput("", "万元")).toEqual({ ok: false, error: "请填写金额，或选择待定、不适用" });
    expect(parseAmountInput("1.00001", "万元")).toEqual({ ok: false, error: "金额最多精确到 0.0001 万元（1 元）" });
    expect(parseAmountInput("2000000", "亿元")).toEqual({ ok: false, error: "金额 2000000 亿元 大得不合理，请检查单位" });
    expect(parseAmountInput("abc", "万元")).toEqual({ ok: false, error: "金额“abc”无法识别：应为数字、待定或——" });
  });
});

describe("exact arithmetic and display", () => {
  it("never goes through floats: 0.1 + 0.2 亿元 is 0.3 亿元", () => {
    const sum = sumAmounts([value("1000"), value("2000")]);
    expect(sum.sumWan.toFixed()).toBe("3000");
    const tiny = sumAmounts([value("0.0001"), value("0.0002")]);
    expect(tiny.sumWan.toFixed()).toBe("0.0003");
  });

  it("formats 亿元 to one decimal, half up, and 待定 / —— as published", () => {
    expect(formatYi(value("10000000"))).toBe("1000.0");
    expect(formatYi(value("1250"))).toBe("0.1");
    expect(formatYi(value("1500"))).toBe("0.2");
    expect(formatYi(value("12345"), 2)).toBe("1.23");
    expect(formatYi({ state: "PENDING" })).toBe("待定");
    expect(formatYi({ state: "NOT_APPLICABLE" })).toBe("——");
    expect(formatWan(value("1234.5"))).toBe("1234.5");
  });

  it("round-trips through the database pair", () => {
    expect(amountToDb(value("12.5"))).toEqual({ state: "VALUE", wan: "12.5" });
    expect(amountToDb({ state: "PENDING" })).toEqual({ state: "PENDING", wan: null });
    expect(formatWan(amountFromDb({ state: "VALUE", wan: "12.5000" }))).toBe("12.5");
    expect(() => amountFromDb({ state: "VALUE", wan: null })).toThrow();
  });
});

describe("trimDecimal", () => {
  const cases: [string, string][] = [
    ["10000000.0000", "10000000"],
    ["12.3400", "12.34"],
    ["0.0000", "0"],
    ["-0.5000", "-0.5"],
    ["-12.0000", "-12"],
    ["0.000001", "0.000001"],
    ["100", "100"],
    ["2300", "2300"],
  ];
  for (const [text, trimmed] of cases) it(`${text} → ${trimmed}`, () => expect(trimDecimal(text)).toBe(trimmed));
});
