// The annex and its summary as a Word document (publication-docx.ts lays it out).
import type { WriteOptions } from "./stable-file";
import { annexAndSummary, type AnnexTable, type SummaryTable } from "./annex-table";
import { publicationDocx } from "./publication-docx";

export function annexDocument(annex: AnnexTable | null, summary: SummaryTable | null, options: WriteOptions = {}): Promise<Uint8Array> {
  return publicationDocx(annexAndSummary(annex, summary), options);
}
