// Progress figures as people read them, done at the edge only (figures stay
// exact decimal strings everywhere else).
import Decimal from "decimal.js";
import type { TrafficLight } from "./progress-figures";

/** "0.416667" → "41.7%"; null → "—". */
export function formatRate(rate: string | null, decimals = 1): string {
  return rate === null ? "—" : `${new Decimal(rate).times(100).toFixed(decimals, Decimal.ROUND_HALF_UP)}%`;
}

/** 万元 with thousands separators, exact to its decimals: "12345.5" → "12,345.5". */
export function formatWanText(wan: string | null): string {
  if (wan === null) return "—";
  const [int, frac] = new Decimal(wan).toFixed().split(".");
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? `.${frac}` : ""}`;
}

/** Percentage points behind 序时进度 (negative = ahead). */
export function formatLag(points: string | null): string {
  if (points === null) return "—";
  const d = new Decimal(points);
  return d.isNegative() ? `超前 ${d.abs().toFixed(1)}` : `落后 ${d.toFixed(1)}`;
}

export const LIGHT_LABELS: Record<TrafficLight, string> = { RED: "红灯", YELLOW: "黄灯", GREEN: "绿灯" };

/** 1–N月累计 as the grid shows it while typing: last month's cumulative plus this month. */
export function addWan(a: string, b: string): string {
  return new Decimal(a).plus(b).toFixed();
}

export function subtractWan(a: string, b: string): string {
  return new Decimal(a).minus(b).toFixed();
}
