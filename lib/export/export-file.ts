// One export as a file: the rows read from the database, then laid out by the
// writer of the format (each writer is data in → bytes out). Runs in an export
// worker thread (export-pool.ts), never on the request loop, and from the CLI.
import type { ReadScope } from "@/lib/auth/scope";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AnnexFilter } from "@/lib/projects/list-projects";
import { annexDocument } from "./annex-docx";
import { annexPdf } from "./annex-pdf";
import { annexTable, summaryTable } from "./annex-table";
import { annexViewData, annexViewPublication, viewFileName } from "./annex-view";
import { annexWorkbook } from "./annex-xlsx";
import { publicationXlsx } from "./publication-xlsx";

export const EXPORT_FORMATS = ["xlsx", "docx", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportRequest = {
  planCode: string;
  format: ExportFormat;
  table: "annex" | "summary";
  /** The 分类汇总表's figures: recomputed from the rows (default), or the published ones as published. */
  figures?: "detail" | "published";
  /** The grid's view as a workbook (its columns, its filter written above): xlsx only. */
  asView?: boolean;
  view?: AnnexFilter;
  /** The reader's scope (lib/auth/scope.ts), plain data to travel to the worker; null or absent: every project. */
  scope?: ReadScope;
};
export type ExportFile = { title: string; fileName: string; bytes: Uint8Array };

const WRITERS = { xlsx: annexWorkbook, docx: annexDocument, pdf: annexPdf };

export async function exportFile(db: PrismaClient, request: ExportRequest): Promise<ExportFile> {
  if (request.asView && request.format === "xlsx") {
    const data = await annexViewData(db, request.planCode, request.view ?? {}, request.scope ?? null);
    const publication = annexViewPublication(data);
    return { title: publication.title, fileName: viewFileName(data), bytes: await publicationXlsx(publication) };
  }
  const annex = request.table === "annex" ? await annexTable(db, request.planCode, request.view ?? {}, request.scope ?? null) : null;
  const summary = request.table === "summary" ? await summaryTable(db, request.planCode, { figures: request.figures ?? "detail", scope: request.scope ?? null }) : null;
  const bytes = await WRITERS[request.format](annex, summary);
  const title = (annex ?? summary)!.title;
  return { title, fileName: `${title}.${request.format}`, bytes };
}
