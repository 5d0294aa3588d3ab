import { describe, expect, it } from "vitest";
import { parseClipboardTable } from "./clipboard-table";

describe("parseClipboardTable", () => {
  it("reads a block as Excel copies it, the final line break ending the last row", () => {
    expect(parseClipboardTable("1\t2\t3\r\n4\t5\t6\r\n")).toEqual([
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
  });
  it("keeps empty cells, including trailing ones", () => {
    expect(parseClipboardTable("a\t\tc\n\t\t\n")).toEqual([
      ["a", "", "c"],
      ["", "", ""],
    ]);
  });
  it("reads quoted cells with line breaks, tabs and doubled quotes (WPS and Excel alike)", () => {
    expect(parseClipboardTable('"主体结构\n施工"\t12\n"说""明"\t"a\tb"\n')).toEqual([
      ["主体结构\n施工", "12"],
      ['说"明', "a\tb"],
    ]);
  });
  it("leaves a value that only starts with a quote as it is", () => {
    expect(parseClipboardTable('"a" b\t1')).toEqual([['"a" b', "1"]]);
  });
  it("reads a single value without a line break", () => {
    expect(parseClipboardTable("300")).toEqual([["300"]]);
  });
  it("reads nothing from an empty clipboard", () => {
    expect(parseClipboardTable("")).toEqual([]);
  });
});
