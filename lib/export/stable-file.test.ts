// A stable file: the same bytes from the same publication whenever written,
// with the given date (not the time of writing) in every place a writer puts one.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { publicationDocx } from "./publication-docx";
import { publicationPdf } from "./publication-pdf";
import type { Publication } from "./publication";
import { publicationXlsx } from "./publication-xlsx";

const publication: Publication = {
  title: "测试表",
  parts: [{ label: "附件", title: "测试表", blocks: [{ kind: "table", table: { sheetName: "表", columns: [{ header: "序号", kind: "count" }, { header: "名称", kind: "text" }], rows: [{ kind: "data", cells: ["1", "项目"] }] } }] }],
};
const DATE = new Date("2023-09-30T08:00:00Z");
const later = () => new Promise((resolve) => setTimeout(resolve, 2100));

describe("files written with a date", () => {
  it("are the same bytes two seconds apart (zip entries, core properties, PDF info), dated as given", async () => {
    for (const write of [publicationXlsx, publicationDocx, publicationPdf]) {
      const first = await write(publication, { date: DATE });
      await later();
      const second = await write(publication, { date: DATE });
      expect(Buffer.compare(Buffer.from(first), Buffer.from(second)), write.name).toBe(0);
    }
    const zip = await JSZip.loadAsync(await publicationXlsx(publication, { date: DATE }));
    const core = await zip.file("docProps/core.xml")!.async("string");
    expect(core).toContain("2023-09-30T08:00:00Z");
    for (const file of Object.values(zip.files)) expect(Math.abs(file.date.getTime() - DATE.getTime())).toBeLessThan(2000);
  }, 30_000);

  it("differ without a date, once the clock has moved (what the date is for)", async () => {
    const first = await publicationDocx(publication);
    await later();
    const second = await publicationDocx(publication);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).not.toBe(0);
  }, 30_000);
});
