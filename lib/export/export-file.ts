// One export as a file: the rows read from the database, then laid out by the
// writer of the format (each writer is data in → bytes out). Runs in an export
// worker thread (export-pool.ts), never on the request loop, and from the CLI.
import { readsWholePlan, type ReadScope } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { AnnexFilter } from "@/lib/projects/list-projects";
import { annexDocument } from "./annex-docx";
import { annexPdf } from "./annex-pdf";
import { annexTable, summaryTable } from "./annex-table";
import { annexViewData, annexViewPublication, viewFileName } from "./annex-view";
import { annexWorkbook } from "./annex-xlsx";
import { publicationDocx } from "./publication-docx";
import { publicationPdf } from "./publication-pdf";
import { publicationXlsx } from "./publication-xlsx";
import { changesTable } from "@/lib/versions/changes";
import { changesPublication, versionAnnexTable, versionSummaryTable } from "./version-tables";

import type { ExportFormat } from "./export-formats";
export { EXPORT_FORMATS, type ExportFormat } from "./export-formats";

export type ExportRequest = {
  planCode: string;
  format: ExportFormat;
  /** changes: the 调整前后对照表 of `version` (default: the latest) against the version before it. */
  table: "annex" | "summary" | "changes";
  /** As of this version of the plan (its frozen rows, its approval date in the file): the same bytes whenever exported. */
  version?: number;
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
const PUBLICATION_WRITERS = { xlsx: publicationXlsx, docx: publicationDocx, pdf: publicationPdf };

export async function exportFile(db: PrismaClient, request: ExportRequest): Promise<ExportFile> {
  const filtered = request.asView || Object.values(request.view ?? {}).some((v) => v !== undefined && v !== "");
  if ((request.version !== undefined || request.table === "changes") && filtered) {
    throw new AppError("invalid_input", "按版本导出的是该版本的完整项目表，不能同时按视图筛选；请去掉筛选条件");
  }
  if (request.asView && request.format === "xlsx") {
    const data = await annexViewData(db, request.planCode, request.view ?? {}, request.scope ?? null);
    const publication = annexViewPublication(data);
    return { title: publication.title, fileName: viewFileName(data), bytes: await publicationXlsx(publication) };
  }
  if ((request.table === "changes" || request.version !== undefined) && request.scope) {
    // A version is the whole plan as published: a regional account reads it only where it reads the whole plan.
    const plan = await findReadablePlan(db, request.planCode, request.scope);
    if (!readsWholePlan(request.scope, plan.regionId)) throw new AppError("forbidden", "规划的版本和调整前后对照表只能由可查看整个规划的账号导出");
  }
  if (request.table === "changes") {
    const table = await changesTable(db, request.planCode, request.version);
    const publication = changesPublication(table);
    const bytes = await PUBLICATION_WRITERS[request.format](publication, { date: table.to.approvedAt });
    return { title: publication.title, fileName: `${publication.title}.${request.format}`, bytes };
  }
  if (request.version !== undefined) {
    const { table: annex, version } = request.table === "annex" ? await versionAnnexTable(db, request.planCode, request.version) : { table: null, version: null };
    const { table: summary, version: v } = request.table === "summary" ? await versionSummaryTable(db, request.planCode, request.version) : { table: null, version: version };
    const bytes = await WRITERS[request.format](annex, summary, { date: (v ?? version)!.approvedAt });
    const title = (annex ?? summary)!.title;
    return { title, fileName: `${title}.${request.format}`, bytes };
  }
  const annex = request.table === "annex" ? await annexTable(db, request.planCode, request.view ?? {}, request.scope ?? null) : null;
  const summary = request.table === "summary" ? await summaryTable(db, request.planCode, { figures: request.figures ?? "detail", scope: request.scope ?? null }) : null;
  const bytes = await WRITERS[request.format](annex, summary);
  const title = (annex ?? summary)!.title;
  return { title, fileName: `${title}.${request.format}`, bytes };
}
