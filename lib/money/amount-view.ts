// Amounts as they travel to the browser (state + exact 万元 string), for the
// grid and the pages: formatting, exact sums and ordering.
import Decimal from "decimal.js";
import { amountFromDb, formatWan, formatYi, sumAmounts, type AmountSum, type DbAmount } from "./amount";

export function formatAmountViewYi(view: DbAmount, decimals = 1): string {
  return formatYi(amountFromDb(view), decimals);
}

export function formatAmountViewWan(view: DbAmount): string {
  return formatWan(amountFromDb(view));
}

export function summarizeAmountViews(views: DbAmount[]): AmountSum {
  return sumAmounts(views.map(amountFromDb));
}

/** An exact 万元 sum as the database returns it ("26690000.5"), in 亿元. */
export function formatWanTextAsYi(wan: string, decimals = 1): string {
  return formatWanAsYi(new Decimal(wan), decimals);
}

export function formatWanAsYi(wan: Decimal, decimals = 1): string {
  return formatYi({ state: "VALUE", wan }, decimals);
}

/** The text a form shows for an amount, in 亿元, exactly (no rounding). */
export function amountViewToInput(view: DbAmount): { text: string; unit: "亿元" } {
  if (view.state === "PENDING") return { text: "待定", unit: "亿元" };
  if (view.state === "NOT_APPLICABLE") return { text: "不适用", unit: "亿元" };
  return { text: new Decimal(view.wan!).dividedBy(10_000).toFixed(), unit: "亿元" };
}

/** An amount as a form or a grid cell holds it ("15.63", "待定", "不适用"), shown to `decimals` places. */
export function formatAmountText(text: string, decimals = 1): string {
  if (text === "待定") return "待定";
  if (text === "不适用" || text === "——") return "——";
  if (!/^\d+(\.\d+)?$/.test(text)) return text;
  return new Decimal(text).toFixed(decimals, Decimal.ROUND_HALF_UP);
}

/** Numbers in order, then 待定, then 不适用 — so that sorting never mixes them. */
export function compareAmountTexts(a: string, b: string): number {
  const rank = (t: string) => (/^\d/.test(t) ? 0 : t === "待定" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  return rank(a) === 0 ? new Decimal(a).comparedTo(new Decimal(b)) : 0;
}
