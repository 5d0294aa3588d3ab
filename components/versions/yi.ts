// 万元 (exact decimal text) as the pages show it: 亿元 with two decimals.
import Decimal from "decimal.js";

export const yi = (wan: string) => new Decimal(wan).dividedBy(10_000).toFixed(2, Decimal.ROUND_HALF_UP);
