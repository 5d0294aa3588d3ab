// One export as a file: the rows read from the database, then laid out by the
// writer of the format (each writer is data in → bytes out). Runs in an export
// worker thread (export-pool.ts), never on the request loop, and from the CLI.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AnnexFilter } from "@/lib/projects/list-projects";
import { annexDocument } from "./annex-docx";
import { annexPdf } from "./annex-pdf";
import { annexTable, summaryTable } from "./annex-table";
import { annexWorkbook } from "./annex-xlsx";

export const EXPORT_FORMATS = ["xlsx", "docx", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportRequest = { planCode: string; format: ExportFormat; table: "annex" | "summary"; view?: AnnexFilter };
export type ExportFile = { title: string; bytes: Uint8Array };

const WRITERS = { xlsx: annexWorkbook, docx: annexDocument, pdf: annexPdf };

export async function exportFile(db: PrismaClient, request: ExportRequest): Promise<ExportFile> {
  const annex = request.table === "annex" ? await annexTable(db, request.planCode, request.view ?? {}) : null;
  const summary = request.table === "summary" ? await summaryTable(db, request.planCode) : null;
  const bytes = await WRITERS[request.format](annex, summary);
  return { title: (annex ?? summary)!.title, bytes };
}
