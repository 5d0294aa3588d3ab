// The rules of the derived figures — 完成率, the gap to 序时进度 and the light
// — as one pure function, so that the unit's grid recomputes them as figures
// are typed. They are the rules of the SQL in progress-figures.ts (the rate
// and the gap rounded as PostgreSQL rounds them there, the light compared
// exactly, multiplied out); progress-rules.test.ts checks the two agree on the
// same inputs.
import Decimal from "decimal.js";
import { trimDecimal } from "@/lib/money/amount";
import type { TrafficLight } from "./progress-figures";

export type RulesInput = {
  /** 年度计划投资 (万元) in force for the month; null when none. */
  annualPlanWan: string | null;
  /** 1–N月累计 (万元). */
  yearToDateWan: string;
  /** N: the month the figures are as of (序时进度 = N/12). */
  month: number;
  yellowLagPoints: number;
  redLagPoints: number;
};

export type RulesOutput = {
  /** 本年累计 / 年度计划, a fraction rounded to 6 places; null without a non-zero plan. */
  annualRate: string | null;
  /** 序时进度 − 完成率 in percentage points, rounded to 4 places (positive = behind). */
  lagPoints: string | null;
  light: TrafficLight | null;
};

// PostgreSQL's round() on numeric rounds half away from zero.
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export function progressRules(input: RulesInput): RulesOutput {
  const plan = input.annualPlanWan === null ? null : new Exact(input.annualPlanWan);
  if (plan === null || !plan.greaterThan(0)) return { annualRate: null, lagPoints: null, light: null };
  const ytd = new Exact(input.yearToDateWan);
  const rate = ytd.dividedBy(plan);
  const lag = new Exact(input.month).dividedBy(12).minus(rate).times(100);
  // Behind by (month·plan − 12·ytd)·100 / (12·plan) points: compared multiplied out, so that exactly 10.0 is yellow.
  const behind = plan.times(input.month).minus(ytd.times(12)).times(100);
  const scale = plan.times(12);
  const light: TrafficLight = behind.greaterThan(scale.times(input.redLagPoints)) ? "RED" : behind.greaterThanOrEqualTo(scale.times(input.yellowLagPoints)) ? "YELLOW" : "GREEN";
  return { annualRate: rounded(rate, 6), lagPoints: rounded(lag, 4), light };
}

function rounded(value: Decimal, places: number): string {
  const r = value.toDecimalPlaces(places);
  return r.isZero() ? "0" : trimDecimal(r.toFixed(places));
}
