import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { parseInput } from "@/lib/validation/parse-input";
import { prisma } from "@/lib/db/client";
import { heavyRead } from "@/lib/db/read-replica";
import { recordAudit } from "@/lib/audit/audit-events";
import { requestMeta } from "@/lib/api/request-origin";
import { EXPORT_FORMATS } from "@/lib/export/export-file";
import { exportPool } from "@/lib/export/export-pool";
import { annexViewQuery, annexViewSchema } from "@/lib/projects/annex-view-input";
import { z } from "@/lib/validation/zod";

const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  table: z.enum(["annex", "summary"]).default("annex"),
});

const CONTENT_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

/** The annex or its rollup by domain, laid out as published, for every role; built in an export worker, off the request loop. */
export const GET = readRoute<{ code: string }>("annex.export", async (request, { actor, params }) => {
  const query = parseInput(exportQuerySchema, { format: request.nextUrl.searchParams.get("format") ?? undefined, table: request.nextUrl.searchParams.get("table") ?? undefined });
  // The grid's filters: an export of the view on screen.
  const view = parseInput(annexViewSchema, annexViewQuery(request.nextUrl.searchParams));
  // Read from the replica when there is one (lib/db/read-replica.ts), in a worker thread (lib/export/export-pool.ts).
  const { databaseUrl } = await heavyRead();
  const file = await exportPool().run(databaseUrl, { planCode: params.code, format: query.format, table: query.table, view });
  // Who exported what: the audit trail keeps it (an export is no mutation, so not the runner's), on the primary.
  await recordAudit(prisma(), {
    at: new Date(),
    actor: { userId: actor.userId, login: actor.login },
    action: "annex.export",
    target: { type: "plan", id: params.code },
    summary: { format: query.format, table: query.table, view },
    outcome: "SUCCESS",
    request: requestMeta(request),
  });
  return new NextResponse(new Uint8Array(file.bytes.buffer as ArrayBuffer, file.bytes.byteOffset, file.bytes.byteLength), {
    headers: {
      "Content-Type": CONTENT_TYPES[query.format],
      "Content-Disposition": `attachment; filename="annex.${query.format}"; filename*=UTF-8''${encodeURIComponent(`${file.title}.${query.format}`)}`,
    },
  });
});
