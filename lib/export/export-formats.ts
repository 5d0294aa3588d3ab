// The export formats, alone in a module without imports: the export route
// names them in its schema, and importing them from export-file.ts pulled
// every writer (pdfkit and its fonts, exceljs, docx) into the server's request
// loop, where no file is ever built (export-pool.ts) — about a second of CPU
// and the writers' memory on the first export of each process.
export const EXPORT_FORMATS = ["xlsx", "docx", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
