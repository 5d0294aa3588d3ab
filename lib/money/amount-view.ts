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

export function formatWanAsYi(wan: Decimal, decimals = 1): string {
  return formatYi({ state: "VALUE", wan }, decimals);
}

/** Numbers in order, then 待定, then 不适用 — so that sorting never mixes them. */
export function compareAmountViews(a: DbAmount, b: DbAmount): number {
  const rank = (v: DbAmount) => (v.state === "VALUE" ? 0 : v.state === "PENDING" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.state !== "VALUE" || b.state !== "VALUE") return 0;
  return new Decimal(a.wan!).comparedTo(new Decimal(b.wan!));
}
