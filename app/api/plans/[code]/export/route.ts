import { NextResponse } from "next/server";
import { parseInput, withActor } from "@/lib/api/route";
import { heavyRead } from "@/lib/db/read-replica";
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
export const GET = withActor<{ code: string }>("annex.export", async (request, { params }) => {
  const query = parseInput(exportQuerySchema, { format: request.nextUrl.searchParams.get("format") ?? undefined, table: request.nextUrl.searchParams.get("table") ?? undefined });
  // The grid's filters: an export of the view on screen.
  const view = parseInput(annexViewSchema, annexViewQuery(request.nextUrl.searchParams));
  const { databaseUrl } = await heavyRead();
  const file = await exportPool().run(databaseUrl, { planCode: params.code, format: query.format, table: query.table, view });
  return new NextResponse(new Uint8Array(file.bytes.buffer as ArrayBuffer, file.bytes.byteOffset, file.bytes.byteLength), {
    headers: {
      "Content-Type": CONTENT_TYPES[query.format],
      "Content-Disposition": `attachment; filename="annex.${query.format}"; filename*=UTF-8''${encodeURIComponent(`${file.title}.${query.format}`)}`,
    },
  });
});
