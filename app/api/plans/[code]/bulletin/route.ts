import { readRoute } from "@/lib/api/routes";
import { bulletinData } from "@/lib/bulletin/bulletin-data";
import { bulletinPublication } from "@/lib/bulletin/bulletin-document";
import { bulletinQuerySchema } from "@/lib/bulletin/bulletin-input";
import { prisma } from "@/lib/db/client";
import { appNow } from "@/lib/time/clock";
import { attachment } from "@/lib/export/download";
import { publicationDocx } from "@/lib/export/publication-docx";
import { publicationPdf } from "@/lib/export/publication-pdf";
import { publicationXlsx } from "@/lib/export/publication-xlsx";
import { monthKey } from "@/lib/progress/reporting-calendar";
import { parseInput } from "@/lib/validation/parse-input";

const WRITERS = { docx: publicationDocx, pdf: publicationPdf, xlsx: publicationXlsx };

/** The month's 重大项目推进情况通报 as docx, PDF or xlsx (?month=2026-10&format=docx&basis=reviewed). */
export const GET = readRoute<{ code: string }>("progress.read", async (request, { actor, params }) => {
  const search = request.nextUrl.searchParams;
  const query = parseInput(bulletinQuerySchema, { month: search.get("month"), format: search.get("format") ?? "docx", basis: search.get("basis") ?? undefined });
  const format = query.format ?? "docx";
  const data = await bulletinData(prisma(), actor, params.code, query.month, query.basis, appNow());
  const publication = bulletinPublication(data);
  return attachment(await WRITERS[format](publication), `${publication.title}（${monthKey(query.month)}）.${format}`, format);
});
