import { describe, expect, it } from "vitest";
import type { GridRow } from "./annex-row";
import { COMPACT_GRID_FIELDS, decodeGridRows, encodeGridRow } from "./grid-rows-compact";

// Two rows written out by hand: Chinese text with quotes, commas and line breaks,
// nulls, amounts with many digits, a row without units and one with two.
const rows: GridRow[] = [
  {
    id: 7,
    seq: 12,
    domainPosition: 3,
    domainName: "交通",
    name: "瑞安港区“东山”作业区, 二期\n（含引堤）",
    type: "新建",
    periodText: "2021—2025",
    locationText: "瑞安市、平阳县",
    locationResolution: "WHOLE_CITY",
    locationRule: "跨区县：全市",
    regionCode: null,
    countyLabel: "全市",
    content: '码头 4 个泊位，"5 万吨级"；\t引堤 1.2 公里',
    total: { state: "VALUE", wan: "123456789012.123456" },
    fyp: { state: "PENDING", wan: null },
    version: 4,
    units: [
      { unitId: 5, name: "瑞安市交通运输局", publishedName: "瑞安市交通局" },
      { unitId: 9, name: "温州港集团", publishedName: "温州港集团有限公司" },
    ],
  },
  {
    id: 8,
    seq: 1,
    domainPosition: 1,
    domainName: "产业",
    name: "",
    type: "续建",
    periodText: "",
    locationText: "鹿城区",
    locationResolution: "COUNTY",
    locationRule: "地名：鹿城区",
    regionCode: "330302",
    countyLabel: "鹿城区",
    content: "",
    total: { state: "NOT_APPLICABLE", wan: null },
    fyp: { state: "VALUE", wan: "0.000001" },
    version: 1,
    units: [],
  },
];

describe("compact grid rows", () => {
  it("decode(encode(rows)) is the rows, through JSON", () => {
    const wire = JSON.parse(JSON.stringify({ fields: COMPACT_GRID_FIELDS, projects: rows.map(encodeGridRow) }));
    expect(decodeGridRows(wire.fields, wire.projects)).toEqual(rows);
  });

  it("writes each field once, not once a row", () => {
    const text = JSON.stringify(rows.map(encodeGridRow));
    expect(text).not.toContain("domainName");
    expect(text).not.toContain("publishedName");
    // The second row as it travels, written by hand.
    expect(JSON.stringify(encodeGridRow(rows[1]!))).toBe(
      '[8,1,1,"产业","","续建","","鹿城区","COUNTY","地名：鹿城区","330302","鹿城区","","NOT_APPLICABLE",null,"VALUE","0.000001",1,[]]',
    );
    expect(encodeGridRow(rows[0]!)[18]).toEqual([5, "瑞安市交通运输局", "瑞安市交通局", 9, "温州港集团", "温州港集团有限公司"]);
  });

  it("refuses an answer whose fields are not the page's", () => {
    const swapped = [...COMPACT_GRID_FIELDS];
    [swapped[4], swapped[5]] = [swapped[5]!, swapped[4]!];
    expect(() => decodeGridRows(swapped, rows.map(encodeGridRow))).toThrow("格式");
    expect(() => decodeGridRows(COMPACT_GRID_FIELDS.slice(0, -1), [])).toThrow("格式");
    expect(decodeGridRows(COMPACT_GRID_FIELDS, [])).toEqual([]);
  });
});
