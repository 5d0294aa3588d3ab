import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { parseInput, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { annexDocument } from "@/lib/export/annex-docx";
import { annexTable, summaryTable } from "@/lib/export/annex-table";
import { annexWorkbook } from "@/lib/export/annex-xlsx";
import { z } from "@/lib/validation/zod";

const exportQuerySchema = z.object({
  format: z.enum(["xlsx", "docx", "pdf"]),
  table: z.enum(["annex", "summary"]).default("annex"),
});

const CONTENT_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/** The annex or its rollup by domain, laid out as published, for every role. */
export const GET = withActor<{ code: string }>("annex.export", async (request, { params }) => {
  const query = parseInput(exportQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  if (query.format === "pdf") throw new AppError("unprocessable", "PDF 导出尚未提供，请先导出 Word（docx）再另存为 PDF");
  const db = prisma();
  const annex = query.table === "annex" ? await annexTable(db, params.code) : null;
  const summary = query.table === "summary" ? await summaryTable(db, params.code) : null;
  const bytes = query.format === "xlsx" ? await annexWorkbook(annex, summary) : await annexDocument(annex, summary);
  const name = `${(annex ?? summary)!.title}.${query.format}`;
  return new NextResponse(Buffer.from(bytes), {
    headers: {
      "Content-Type": CONTENT_TYPES[query.format],
      "Content-Disposition": `attachment; filename="annex.${query.format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
});
