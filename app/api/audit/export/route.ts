import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { requestMeta } from "@/lib/api/request-origin";
import { AUDIT_EXPORT_MAX, auditCsv, auditFilterSchema, listAuditEvents } from "@/lib/audit/audit-log";
import { recordAudit } from "@/lib/audit/audit-events";
import { prisma } from "@/lib/db/client";
import { parseInput } from "@/lib/validation/parse-input";

/** The filtered audit trail as CSV (formula-like cells neutralised); the export is itself audited. */
export const GET = readRoute("audit.read", async (request, { actor }) => {
  const filter = parseInput(auditFilterSchema, Object.fromEntries(request.nextUrl.searchParams));
  const db = prisma();
  const { rows, total } = await listAuditEvents(db, { ...filter, page: 1 }, AUDIT_EXPORT_MAX);
  await recordAudit(db, {
    at: new Date(),
    actor: { userId: actor.userId, login: actor.login },
    action: "audit.export",
    summary: { filter, rows: rows.length, total },
    outcome: "SUCCESS",
    request: requestMeta(request),
  });
  return new NextResponse(auditCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit.csv"; filename*=UTF-8''${encodeURIComponent("审计日志.csv")}`,
      "Cache-Control": "no-store",
    },
  });
});
