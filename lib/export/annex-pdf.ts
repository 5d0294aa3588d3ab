// The annex and its summary as a PDF (publication-pdf.ts lays it out).
import type { WriteOptions } from "./stable-file";
import { annexAndSummary, type AnnexTable, type SummaryTable } from "./annex-table";
import { publicationPdf } from "./publication-pdf";

export function annexPdf(annex: AnnexTable | null, summary: SummaryTable | null, options: WriteOptions = {}): Promise<Uint8Array> {
  return publicationPdf(annexAndSummary(annex, summary), options);
}
