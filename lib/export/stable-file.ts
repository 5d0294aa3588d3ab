// A file that is the same bytes every time it is written from the same data:
// what a frozen version's export must be (the baseline exported before and
// after an adjustment compares equal byte for byte). The writers stamp the
// time of writing in three places — the document properties (created /
// modified), each zip entry's date, and a PDF's CreationDate and file ID —
// so a stable file has all of them set to one given date instead.
import JSZip from "jszip";

/** Options every publication writer takes. */
export type WriteOptions = {
  /** The date written into the file instead of now (a version's approval), making the output reproducible. */
  date?: Date;
};

/** W3CDTF as the Office core properties write it, to the second. */
const w3cdtf = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/**
 * An Office file (xlsx, docx) rewritten with every zip entry dated `date` and
 * its core properties' created/modified set to it, entries in a fixed order.
 */
export async function stableOfficeFile(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  const names = Object.keys(source.files).filter((n) => !source.files[n]!.dir);
  for (const name of names) {
    let data: string | Uint8Array = await source.files[name]!.async("uint8array");
    if (name === "docProps/core.xml") {
      const stamp = w3cdtf(date);
      data = new TextDecoder()
        .decode(data)
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
    }
    // JSZip writes the DOS date from the UTC fields: the same entry date on a server in any time zone.
    out.file(name, data, { date, createFolders: false });
  }
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
