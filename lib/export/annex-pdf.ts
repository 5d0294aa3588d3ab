// The annex and its summary as a PDF (publication-pdf.ts lays it out).
import { annexAndSummary, type AnnexTable, type SummaryTable } from "./annex-table";
import { publicationPdf } from "./publication-pdf";

export function annexPdf(annex: AnnexTable | null, summary: SummaryTable | null): Promise<Uint8Array> {
  return publicationPdf(annexAndSummary(annex, summary));
}
