// Progress figures as people read them, done at the edge only (figures stay
// exact decimal strings everywhere else).
import Decimal from "decimal.js";
import type { ProjectProgress, TrafficLight } from "./progress-figures";
import { CONSTRUCTION_LABELS, type ConstructionStatus } from "./progress-input";

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

/** A project's status as of a month as the rollup by status names it (statusLabelSql in progress-figures.ts says the same in SQL). */
export function statusLabel(construction: string | null): string {
  return construction ? CONSTRUCTION_LABELS[construction as ConstructionStatus] : "未报送";
}

/** What the grid's 项目状态 filter offers: the rollup's statuses, and the projects due to have started. */
export const NOT_STARTED_LABEL = "应开工未开工";
export const STATUS_FILTER_VALUES = [...Object.values(CONSTRUCTION_LABELS), "未报送", NOT_STARTED_LABEL];

/** The grid's filters on the figures as of a month (labels, as in the URL: ?status=在建&light=红灯). */
export type ProgressViewFilter = { status?: string; light?: string };

/** Whether a project's figures pass those filters: the grid and the export of its view both ask this. */
export function progressMatches(filter: ProgressViewFilter, figures: ProjectProgress | undefined): boolean {
  if (!filter.status && !filter.light) return true;
  if (!figures) return false;
  if (filter.status === NOT_STARTED_LABEL ? !figures.notStarted : filter.status && statusLabel(figures.construction) !== filter.status) return false;
  if (filter.light && (figures.light === null || LIGHT_LABELS[figures.light] !== filter.light)) return false;
  return true;
}

/** 1–N月累计 as the grid shows it while typing: last month's cumulative plus this month. */
export function addWan(a: string, b: string): string {
  return new Decimal(a).plus(b).toFixed();
}

export function subtractWan(a: string, b: string): string {
  return new Decimal(a).minus(b).toFixed();
}
