// A generated document as a download, its name in UTF-8 (RFC 6266) with an ASCII fallback.
import { NextResponse } from "next/server";

export const CONTENT_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  json: "application/json; charset=utf-8",
} as const;

export function attachment(bytes: Uint8Array, fileName: string, format: keyof typeof CONTENT_TYPES): NextResponse {
  return new NextResponse(Buffer.from(bytes), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    },
  });
}
