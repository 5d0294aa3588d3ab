import { readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/audit-events";
import { requestMeta } from "@/lib/api/request-origin";
import { annexDocument } from "@/lib/export/annex-docx";
import { annexPdf } from "@/lib/export/annex-pdf";
import { annexTable, summaryTable } from "@/lib/export/annex-table";
import { annexViewData, annexViewPublication, viewFileName } from "@/lib/export/annex-view";
import { annexWorkbook } from "@/lib/export/annex-xlsx";
import { attachment } from "@/lib/export/download";
import { publicationXlsx } from "@/lib/export/publication-xlsx";
import { annexViewQuery, annexViewSchema } from "@/lib/projects/annex-view-input";
import { parseInput } from "@/lib/validation/parse-input";
import { z } from "@/lib/validation/zod";

const exportQuerySchema = z.object({
  format: z.enum(["xlsx", "docx", "pdf"]),
  table: z.enum(["annex", "summary"]).default("annex"),
  /** The 分类汇总表's figures: recomputed from the rows (default), or the plan's published ones as published. */
  figures: z.enum(["detail", "published"]).default("detail"),
  /** "1": the grid's view as a workbook (its columns, its filter written above). */
  view: z.enum(["1"]).optional(),
});

const WRITERS = { xlsx: annexWorkbook, docx: annexDocument, pdf: annexPdf };

/** The annex or its rollup by domain, laid out as published, or a view of the grid; for every role. */
export const GET = readRoute<{ code: string }>("annex.export", async (request, { actor, params }) => {
  const search = request.nextUrl.searchParams;
  const query = parseInput(exportQuerySchema, Object.fromEntries(["format", "table", "figures", "view"].map((k) => [k, search.get(k) ?? undefined])));
  // The grid's filters: an export of the view on screen.
  const view = parseInput(annexViewSchema, annexViewQuery(search));
  const db = prisma();
  if (query.view && query.format === "xlsx") {
    const data = await annexViewData(db, params.code, view);
    return attachment(await publicationXlsx(annexViewPublication(data)), viewFileName(data), "xlsx");
  }
  const annex = query.table === "annex" ? await annexTable(db, params.code, view) : null;
  const summary = query.table === "summary" ? await summaryTable(db, params.code, { figures: query.figures }) : null;
  const bytes = await WRITERS[query.format](annex, summary);
  // Who exported what: the audit trail keeps it (an export is no mutation, so not the runner's).
  await recordAudit(db, {
    at: new Date(),
    actor: { userId: actor.userId, login: actor.login },
    action: "annex.export",
    target: { type: "plan", id: params.code },
    summary: { format: query.format, table: query.table, view },
    outcome: "SUCCESS",
    request: requestMeta(request),
  });
  return attachment(bytes, `${(annex ?? summary)!.title}.${query.format}`, query.format);
});
