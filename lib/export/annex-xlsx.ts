// The annex and its summary as an Excel workbook (publication-xlsx.ts lays it out):
// a sheet 重大项目表 and a sheet 分类汇总.
import type { WriteOptions } from "./stable-file";
import { annexAndSummary, type AnnexTable, type SummaryTable } from "./annex-table";
import { publicationXlsx } from "./publication-xlsx";

export function annexWorkbook(annex: AnnexTable | null, summary: SummaryTable | null, options: WriteOptions = {}): Promise<Uint8Array> {
  return publicationXlsx(annexAndSummary(annex, summary), options);
}
