// Reading the audit trail: the filter of /admin/audit (one schema for the
// page's form, the list and the CSV export), the query, and the CSV.
import { stringify } from "csv-stringify/sync";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { z } from "@/lib/validation/zod";
import { zonedMidnight } from "@/lib/time/time-zone";

/** The instant a YYYY-MM-DD day begins in the application's zone (lib/time/time-zone.ts). */
const dayStart = (d: string, plusDays = 0) => {
  const [year, month, day] = d.split("-").map(Number) as [number, number, number];
  return zonedMidnight({ year, month, day: day + plusDays });
};

const blank = z.literal("").transform(() => undefined);
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期应为 YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+08:00`)), "日期无效");
const text = z.string().trim().max(100, "筛选条件过长");

export const auditFilterSchema = z.object({
  // Days in the application's zone (Beijing time by default), both included.
  from: day.optional().or(blank),
  to: day.optional().or(blank),
  actor: text.optional(),
  action: text.optional(),
  target: text.optional(),
  outcome: z.enum(["SUCCESS", "DENIED", "FAILED"]).optional().or(blank),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 100;
export const AUDIT_EXPORT_MAX = 50_000;

function where(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.from) and.push({ at: { gte: dayStart(filter.from) } });
  if (filter.to) and.push({ at: { lt: dayStart(filter.to, 1) } });
  if (filter.actor) and.push({ actorLogin: { contains: filter.actor, mode: "insensitive" } });
  if (filter.action) and.push({ action: { startsWith: filter.action } });
  if (filter.target) and.push({ OR: [{ targetId: { contains: filter.target, mode: "insensitive" } }, { targetType: filter.target }] });
  if (filter.outcome) and.push({ outcome: filter.outcome });
  return and.length ? { AND: and } : {};
}

export type AuditRow = {
  id: string;
  at: string;
  actorLogin: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  clientAddress: string | null;
  summary: unknown;
};

export async function listAuditEvents(db: PrismaClient, filter: AuditFilter, limit = AUDIT_PAGE_SIZE): Promise<{ rows: AuditRow[]; total: number }> {
  const page = filter.page ?? 1;
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({ where: where(filter), orderBy: [{ at: "desc" }, { id: "desc" }], skip: (page - 1) * limit, take: limit }),
    db.auditEvent.count({ where: where(filter) }),
  ]);
  return {
    total,
    rows: events.map((e) => ({
      id: e.id.toString(),
      at: e.at.toISOString(),
      actorLogin: e.actorLogin,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      outcome: e.outcome,
      clientAddress: e.clientAddress,
      summary: e.summary,
    })),
  };
}

/** Beijing time, as people read it: 2026-12-02 14:05:09. */
export function beijingTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

export const OUTCOME_LABELS: Record<string, string> = { SUCCESS: "成功", DENIED: "拒绝", FAILED: "失败" };

/**
 * The CSV of the filtered trail (UTF-8 with a BOM, for Excel). Every cell a
 * spreadsheet could take for a formula (= + - @, tab, CR, and their
 * full-width forms) is written with a leading apostrophe by csv-stringify's
 * escape_formulas: a login or a summary typed by an attacker stays text.
 */
export function auditCsv(rows: AuditRow[]): string {
  return stringify(
    rows.map((r) => [
      r.id,
      beijingTime(r.at),
      r.actorLogin,
      r.action,
      r.targetType ?? "",
      r.targetId ?? "",
      OUTCOME_LABELS[r.outcome] ?? r.outcome,
      r.clientAddress ?? "",
      JSON.stringify(r.summary),
    ]),
    { header: true, columns: ["编号", "时间（北京时间）", "操作人", "操作", "对象类型", "对象", "结果", "来源地址", "内容"], bom: true, escape_formulas: true },
  );
}
