// The audit trail's one writer. Mutations record their event through the
// runner, inside their own transaction; other events (logins, logouts,
// exports) call recordAudit directly. Rows are only ever inserted.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { AuditOutcome } from "@/lib/generated/prisma/enums";

type Writer = Prisma.TransactionClient | PrismaClient;

/** Where a request came from, as the edge saw it. */
export type RequestMeta = { clientAddress?: string | null; userAgent?: string | null };

export type AuditEventInput = {
  at: Date;
  actor: { userId: number | null; login: string };
  action: string;
  target?: { type: string; id: string | number | null } | null;
  summary?: unknown;
  outcome: AuditOutcome;
  request?: RequestMeta;
};

const SECRET_KEY = /password|passwd|secret|token|hash/i;
const MAX_TEXT = 2000;
const MAX_ITEMS = 200;

/**
 * What of an input goes into the trail: secrets are replaced by a mark, file
 * contents by their size, long texts and lists cut short, so that a summary
 * says what was done without becoming a copy of the data or a leak.
 */
export function auditSummary(value: unknown, depth = 0): Prisma.InputJsonValue | null {
  if (value === null || value === undefined) return null;
  if (depth > 6) return "…";
  if (typeof value === "string") return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…（共 ${value.length} 字）` : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return { bytes: value.byteLength };
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => auditSummary(v, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `…（共 ${value.length} 项）`] : items;
  }
  if (typeof value === "object") {
    const out: Record<string, Prisma.InputJsonValue | null> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[key] = SECRET_KEY.test(key) ? "（已隐去）" : auditSummary(v, depth + 1);
    }
    return out;
  }
  return String(value);
}

export async function recordAudit(db: Writer, event: AuditEventInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      at: event.at,
      actorUserId: event.actor.userId,
      actorLogin: event.actor.login,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id === null || event.target?.id === undefined ? null : String(event.target.id),
      summary: auditSummary(event.summary ?? {}) ?? {},
      outcome: event.outcome,
      clientAddress: event.request?.clientAddress?.slice(0, 200) ?? null,
      userAgent: event.request?.userAgent?.slice(0, 500) ?? null,
    },
  });
}
