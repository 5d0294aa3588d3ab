import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { parseInput } from "@/lib/validation/parse-input";
import { prisma } from "@/lib/db/client";
import { annexDocument } from "@/lib/export/annex-docx";
import { annexPdf } from "@/lib/export/annex-pdf";
import { annexTable, summaryTable } from "@/lib/export/annex-table";
import { annexWorkbook } from "@/lib/export/annex-xlsx";
import { annexViewQuery, annexViewSchema } from "@/lib/projects/annex-view-input";
import { z } from "@/lib/validation/zod";

const exportQuerySchema = z.object({
  format: z.enum(["xlsx", "docx", "pdf"]),
  table: z.enum(["annex", "summary"]).default("annex"),
});

const WRITERS = { xlsx: annexWorkbook, docx: annexDocument, pdf: annexPdf };

const CONTENT_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

/** The annex or its rollup by domain, laid out as published, for every role. */
export const GET = readRoute<{ code: string }>("annex.export", async (request, { params }) => {
  const query = parseInput(exportQuerySchema, { format: request.nextUrl.searchParams.get("format") ?? undefined, table: request.nextUrl.searchParams.get("table") ?? undefined });
  // The grid's filters: an export of the view on screen.
  const view = parseInput(annexViewSchema, annexViewQuery(request.nextUrl.searchParams));
  const db = prisma();
  const annex = query.table === "annex" ? await annexTable(db, params.code, view) : null;
  const summary = query.table === "summary" ? await summaryTable(db, params.code) : null;
  const bytes = await WRITERS[query.format](annex, summary);
  const name = `${(annex ?? summary)!.title}.${query.format}`;
  return new NextResponse(Buffer.from(bytes), {
    headers: {
      "Content-Type": CONTENT_TYPES[query.format],
      "Content-Disposition": `attachment; filename="annex.${query.format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
});
