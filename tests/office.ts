// Independent readers of the exported documents, for the tests: LibreOffice
// (headless) renders a docx or xlsx to PDF, poppler reads a PDF's pages, size
// and text lines. None of them shares code with the application's writers.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `${prefix}-`));
}

/** Converts a document to PDF with LibreOffice, in a profile of its own (several may run at once). */
export function officeToPdf(bytes: Uint8Array, name: string): string {
  const dir = tempDir("office");
  const input = path.join(dir, name);
  writeFileSync(input, bytes);
  execFileSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, input], { stdio: "pipe", timeout: 180_000 });
  return path.join(dir, name.replace(/\.[^.]+$/, ".pdf"));
}

export function writeTemp(bytes: Uint8Array, name: string): string {
  const file = path.join(tempDir("export"), name);
  writeFileSync(file, bytes);
  return file;
}

export type PdfInfo = { pages: number; widthPt: number; heightPt: number };

export function pdfInfo(file: string): PdfInfo {
  const out = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), widthPt: Number(size[1]), heightPt: Number(size[2]) };
}

/** The text lines of each page as poppler finds them (its words joined; CJK words carry no spaces). */
export function pdfLines(file: string): string[][] {
  const xml = execFileSync("pdftotext", ["-bbox-layout", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return xml.split(/<page /).slice(1).map((page) =>
    [...page.matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)].map((m) => [...m[1]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => unescape(w[1]!)).join("")),
  );
}

/** The page as poppler's plain text, whitespace removed (for "is this text on the page"). */
export function pdfPageText(file: string, page: number): string {
  return execFileSync("pdftotext", ["-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
}

export function pdfBytes(file: string): Buffer {
  return readFileSync(file);
}
