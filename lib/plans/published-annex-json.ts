// The published annex in its JSON form (prisma/seed-data/*.json): one object
// per project, text exactly as published, amounts in 亿元.
import { z } from "@/lib/validation/zod";
import { parsePublishedAmount } from "@/lib/money/amount";
import { parsePeriod } from "@/lib/projects/period";
import { resolveLocation, type RegionForResolution } from "@/lib/regions/resolve-location";
import type { AnnexRecord } from "./create-plan";

export const publishedAnnexJsonSchema = z.array(
  z.object({
    seq: z.number().int().positive(),
    domain: z.string().min(1),
    name: z.string().min(1),
    type: z.string().min(1),
    period: z.string(),
    location: z.string(),
    content: z.string(),
    totalInvestment: z.string(),
    fypInvestment: z.string(),
    units: z.array(z.string()),
  }),
);

export type PublishedAnnexJsonRow = z.infer<typeof publishedAnnexJsonSchema>[number];

export type RowIssue = { seq: number; field: string; message: string };

export type ParsedAnnex = { records: AnnexRecord[]; errors: RowIssue[]; warnings: RowIssue[] };

export function parsePublishedAnnexJson(
  rows: PublishedAnnexJsonRow[],
  regions: RegionForResolution[],
  cityCode: string,
): ParsedAnnex {
  const records: AnnexRecord[] = [];
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];

  for (const row of rows) {
    const total = parsePublishedAmount(row.totalInvestment, "亿元");
    const fyp = parsePublishedAmount(row.fypInvestment, "亿元");
    const period = parsePeriod(row.period);
    if (!total.ok) errors.push({ seq: row.seq, field: "总投资", message: total.error });
    if (!fyp.ok) errors.push({ seq: row.seq, field: "“十四五”投资", message: fyp.error });
    if (!period.ok) errors.push({ seq: row.seq, field: "项目期限", message: period.error });
    else for (const message of period.warnings) warnings.push({ seq: row.seq, field: "项目期限", message });
    if (!total.ok || !fyp.ok || !period.ok) continue;

    const location = resolveLocation(row.location, regions, cityCode);
    if (location.resolution === "UNRESOLVED") {
      warnings.push({ seq: row.seq, field: "建设地点", message: `“${row.location}”${location.rule}` });
    }
    records.push({
      seq: row.seq,
      domain: row.domain.trim(),
      name: row.name.trim(),
      type: row.type.trim(),
      periodText: row.period,
      periodStart: period.start,
      periodEnd: period.end,
      locationText: row.location,
      location,
      content: row.content,
      total: total.amount,
      fyp: fyp.amount,
      unitNames: row.units.map((u) => u.trim()).filter(Boolean),
    });
  }
  return { records, errors, warnings };
}
