// Whose figures a reading counts (口径): 已审核 — the DRC's official figures,
// only reports it has approved (the default everywhere figures are read) —
// or 含已提交未审核, submitted reports not yet reviewed counted too. The
// unit's own monthly grid is input, not figures, and shows its own reports.
import { z } from "@/lib/validation/zod";

export const REPORT_BASES = ["approved", "submitted"] as const;
export type ReportBasis = (typeof REPORT_BASES)[number];
export const DEFAULT_BASIS: ReportBasis = "approved";

export const BASIS_LABELS: Record<ReportBasis, string> = { approved: "已审核", submitted: "含已提交未审核" };

/** What the basis means, for the line under a page's title. */
export const BASIS_NOTES: Record<ReportBasis, string> = { approved: "（只计发改委已审核的月报）", submitted: "（已提交、尚未审核的月报也计入）" };

/** The line every page and document showing figures carries: “口径：已审核”. */
export function basisLine(basis: ReportBasis): string {
  return `口径：${BASIS_LABELS[basis]}`;
}

/** ?basis=approved|submitted (absent: approved; "reviewed", the 通报's earlier name, is approved). */
export const basisParamSchema = z.preprocess(
  (v) => (v === null || v === "" ? undefined : v === "reviewed" ? "approved" : v),
  z.enum(REPORT_BASES, { error: "数据口径只能是 approved（已审核）或 submitted（含已提交未审核）" }).default(DEFAULT_BASIS),
);

/** The basis of a URL parameter, the default when absent or not one of the two (pages never fail on it). */
export function basisOf(param: string | null | undefined): ReportBasis {
  const parsed = basisParamSchema.safeParse(param ?? undefined);
  return parsed.success ? parsed.data : DEFAULT_BASIS;
}

/** The basis as a link carries it on: nothing for the default, “&basis=submitted” otherwise. */
export function basisQuery(basis: ReportBasis): string {
  return basis === DEFAULT_BASIS ? "" : `&basis=${basis}`;
}
