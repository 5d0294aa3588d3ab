// What a file may ask of the server before it is refused. Every figure here is
// checked before the cells are walked (the zip's directory and the sheet XML
// are scanned first), so a small file that declares a huge sheet, or a zip
// that inflates to gigabytes, costs milliseconds, not the service.
// Plain constants: the proxy imports this file too.

const MB = 1024 * 1024;

/** The one size limit of an uploaded file, for the web and the command line alike. */
export const MAX_FILE_BYTES = 20 * MB;
export const FILE_TOO_LARGE_MESSAGE = "文件超过 20 MB，无法导入：请删去无关的工作表和图片，或另存为 CSV 后再导入";
/** A multipart body carries the file plus a few hundred bytes of envelope. */
export const MAX_UPLOAD_BODY_BYTES = MAX_FILE_BYTES + 64 * 1024;

export const WORKBOOK_LIMITS = {
  /** Rows × columns of a sheet's used range: a 100,000-project annex of 12 columns fits. */
  maxRows: 150_000,
  maxColumns: 200,
  maxCells: 2_500_000,
  /** All entries of the zip, as inflated. */
  maxUnzippedBytes: 200 * MB,
  maxZipEntries: 2_000,
  maxSharedStrings: 2_500_000,
  maxSheets: 50,
} as const;

/** The reader runs in a worker thread with this heap ceiling and this much time. */
export const READER_MEMORY_MB = 2_048;
export const READER_TIME_LIMIT_MS = 180_000;
/** Files read at the same time; the others wait their turn. */
export const READER_CONCURRENCY = 2;
