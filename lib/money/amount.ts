// Money is exact: decimal.js values in 万元, never a JS number in arithmetic.
// An amount is a number, 待定 (not yet decided) or 不适用 (published as ——),
// and that state is always explicit.
import Decimal from "decimal.js";

export type AmountState = "VALUE" | "PENDING" | "NOT_APPLICABLE";
export type Amount = { state: "VALUE"; wan: Decimal } | { state: "PENDING" } | { state: "NOT_APPLICABLE" };
export type MoneyUnit = "亿元" | "万元";
export type AmountParse = { ok: true; amount: Amount } | { ok: false; error: string };

export const PENDING: Amount = { state: "PENDING" };
export const NOT_APPLICABLE: Amount = { state: "NOT_APPLICABLE" };

const WAN_PER_YI = new Decimal(10_000);
/** 1,000,000 亿元: more than any plan's project could be; a typo in the unit, most likely. */
const ABSURD_WAN = new Decimal(1_000_000).times(WAN_PER_YI);
const MAX_WAN_DECIMALS = 4;

const PENDING_TEXTS = new Set(["待定"]);
const NOT_APPLICABLE_TEXTS = new Set(["——", "—", "--", "-", "－－", "－", "─", "──", "/", "不适用"]);

export function amountOfWan(wan: Decimal.Value): Amount {
  return { state: "VALUE", wan: new Decimal(wan) };
}

/** Full-width digits and punctuation as typed on Chinese keyboards, to ASCII. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

function toWan(number: Decimal, unit: MoneyUnit): Decimal {
  return unit === "亿元" ? number.times(WAN_PER_YI) : number;
}

/** A cell of a published annex: a number in `unit`, 待定, or —— (不适用). */
export function parsePublishedAmount(text: string, unit: MoneyUnit): AmountParse {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "金额为空：应填写数字、待定或——" };
  if (PENDING_TEXTS.has(trimmed)) return { ok: true, amount: PENDING };
  if (NOT_APPLICABLE_TEXTS.has(trimmed)) return { ok: true, amount: NOT_APPLICABLE };
  // Thousands separators and full-width digits, as 万元 tables are often typed.
  const cleaned = toHalfWidth(trimmed).replace(/[,，\s]/g, "");
  const parsed = parseNumber(cleaned, unit);
  return parsed.ok || cleaned === trimmed ? parsed : parseNumber(trimmed, unit);
}

/** What a person types in a form: a number (commas, full-width digits tolerated), 待定 or 不适用 / ——. */
export function parseAmountInput(text: string, unit: MoneyUnit): AmountParse {
  const cleaned = toHalfWidth(text).replace(/[,，\s]/g, "");
  if (cleaned === "") return { ok: false, error: "请填写金额，或选择待定、不适用" };
  if (PENDING_TEXTS.has(cleaned)) return { ok: true, amount: PENDING };
  if (NOT_APPLICABLE_TEXTS.has(cleaned)) return { ok: true, amount: NOT_APPLICABLE };
  return parseNumber(cleaned, unit);
}

function parseNumber(text: string, unit: MoneyUnit): AmountParse {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    return { ok: false, error: `金额“${text}”无法识别：应为数字、待定或——` };
  }
  const wan = toWan(new Decimal(text), unit);
  if (wan.isNegative()) return { ok: false, error: "金额不能为负数" };
  if (wan.decimalPlaces() > MAX_WAN_DECIMALS) return { ok: false, error: "金额最多精确到 0.0001 万元（1 元）" };
  if (wan.greaterThan(ABSURD_WAN)) return { ok: false, error: `金额 ${text} ${unit} 大得不合理，请检查单位` };
  return { ok: true, amount: { state: "VALUE", wan } };
}

/** For display in 亿元, `decimals` places rounded half-up; 待定 and —— as published. */
export function formatYi(amount: Amount, decimals = 1): string {
  if (amount.state === "PENDING") return "待定";
  if (amount.state === "NOT_APPLICABLE") return "——";
  return amount.wan.dividedBy(WAN_PER_YI).toFixed(decimals, Decimal.ROUND_HALF_UP);
}

export function formatWan(amount: Amount): string {
  if (amount.state === "PENDING") return "待定";
  if (amount.state === "NOT_APPLICABLE") return "——";
  return amount.wan.toFixed();
}

export type AmountSum = { sumWan: Decimal; valueCount: number; pendingCount: number; notApplicableCount: number };

/** Sums the numbers exactly and counts 待定 and 不适用 separately (never as zero). */
export function sumAmounts(amounts: Iterable<Amount>): AmountSum {
  let sumWan = new Decimal(0);
  let valueCount = 0;
  let pendingCount = 0;
  let notApplicableCount = 0;
  for (const a of amounts) {
    if (a.state === "VALUE") {
      sumWan = sumWan.plus(a.wan);
      valueCount++;
    } else if (a.state === "PENDING") pendingCount++;
    else notApplicableCount++;
  }
  return { sumWan, valueCount, pendingCount, notApplicableCount };
}

/** The database pair (state, wan as an exact decimal string). */
export type DbAmount = { state: AmountState; wan: string | null };

export function amountToDb(amount: Amount): DbAmount {
  return amount.state === "VALUE" ? { state: "VALUE", wan: amount.wan.toFixed() } : { state: amount.state, wan: null };
}

export function amountFromDb(db: { state: AmountState; wan: string | { toString(): string } | null }): Amount {
  if (db.state === "VALUE") {
    if (db.wan === null) throw new Error("金额状态为数值但数额为空");
    return { state: "VALUE", wan: new Decimal(db.wan.toString()) };
  }
  return db.state === "PENDING" ? PENDING : NOT_APPLICABLE;
}

/**
 * "10000000.0000" → "10000000": a numeric column's text, exact, without its trailing zeros.
 * Scans characters rather than running two regular expressions: a rollup by unit trims
 * some 35,000 figures, where the expressions cost 6 ms.
 */
export function trimDecimal(text: string): string {
  if (!text.includes(".")) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (text.charCodeAt(end - 1) === 46 /* . */) end--;
  return text.slice(0, end);
}
