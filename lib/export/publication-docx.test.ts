// The docx writer writes a table's rows from one template row per kind: every
// row must come out in order, with its own text, escaped, one paragraph per
// line, in the right table. Read back from the document's XML (no LibreOffice).
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { Publication, PublicationTable } from "./publication";
import { publicationDocx } from "./publication-docx";

const columns: PublicationTable["columns"] = [
  { header: "序号", kind: "count" },
  { header: "项目名称", kind: "name" },
  { header: "总投资\n（亿元）", kind: "amount" },
  { header: "组织实施单位", kind: "name" },
];

async function documentXml(publication: Publication): Promise<string> {
  return (await JSZip.loadAsync(await publicationDocx(publication))).file("word/document.xml")!.async("string");
}

/** The text of each table row, cells joined by |, lines by /. */
function rowTexts(xml: string): string[][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((table) =>
    [...table[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
        .map((c) => [...c[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("/"))
        .join("|"),
    ),
  );
}

describe("publicationDocx rows", () => {
  it("writes 1,200 rows of three kinds in order, escaped, a paragraph per line", async () => {
    const rows: PublicationTable["rows"] = [];
    for (let i = 1; i <= 1_200; i++) {
      if (i % 400 === 1) rows.push({ kind: "group", cells: [`${i}、领域 & <组>`] });
      rows.push({ kind: "data", cells: [String(i), `项目${i} "A&B"`, i % 7 ? `${i}.5` : "待定", `单位${i}\n单位${i + 1}`] });
    }
    rows.push({ kind: "total", cells: ["合计", "", "999.9", ""] });
    const xml = await documentXml({ title: "t", parts: [{ label: "附件", title: "表", blocks: [{ kind: "table", table: { columns, rows, sheetName: "s" } }] }] });
    const [table] = rowTexts(xml);
    expect(table![0]).toBe("序号|项目名称|总投资/（亿元）|组织实施单位");
    const expected = rows.map((r) =>
      r.cells.map((c) => c.split("\n").join("/").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")).join("|"),
    );
    expect(table!.slice(1)).toEqual(expected);
    expect(xml).not.toContain("QQT");
  });

  it("keeps several tables apart, and a table without rows has its header only", async () => {
    const one = { kind: "data" as const, cells: ["1", "甲", "1.0", "单位甲"] };
    const two = { kind: "data" as const, cells: ["2", "乙", "2.0", "单位乙"] };
    const xml = await documentXml({
      title: "t",
      parts: [
        { label: null, title: "一", blocks: [{ kind: "table", table: { columns, rows: [one], sheetName: "a" } }, { kind: "table", table: { columns, rows: [], sheetName: "b" } }] },
        { label: null, title: "二", blocks: [{ kind: "table", table: { columns, rows: [two, { kind: "total", cells: ["合计", "", "2.0", ""] }], sheetName: "c" } }] },
      ],
    });
    expect(rowTexts(xml).map((t) => t.slice(1))).toEqual([["1|甲|1.0|单位甲"], [], ["2|乙|2.0|单位乙", "合计||2.0|"]]);
  });
});
