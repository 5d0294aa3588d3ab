import { describe, expect, it } from "vitest";
import { collapsedRows, COLLAPSED_ROWS, openedTables, openTableHref } from "./long-tables";

const rows = (n: number) => Array.from({ length: n }, (_, i) => `r${i}`);

describe("long tables collapsed to their first rows", () => {
  it("shows a short table whole, and a long one whole once opened", () => {
    expect(collapsedRows(rows(COLLAPSED_ROWS), false)).toEqual({ shown: rows(COLLAPSED_ROWS).map((row, index) => ({ row, index })), hidden: 0, gapAfter: null });
    expect(collapsedRows(rows(1200), true).shown).toHaveLength(1200);
  });

  it("shows the first 50 of 1,200 rows and says 1,150 are left out", () => {
    const c = collapsedRows(rows(1200), false);
    expect(c.shown.map((s) => s.row)).toEqual(rows(50));
    expect(c.hidden).toBe(1150);
  });

  it("a ranking: its first 25 and last 25 rows, each with its place in the whole list", () => {
    const c = collapsedRows(rows(1200), false, true);
    expect(c.shown.map((s) => s.index)).toEqual([...Array.from({ length: 25 }, (_, i) => i), ...Array.from({ length: 25 }, (_, i) => 1175 + i)]);
    expect(c.shown[25]!.row).toBe("r1175");
    expect(c.gapAfter).toBe(24);
    expect(c.hidden).toBe(1150);
  });

  it("opens one more table, keeping the page's query and the tables already open", () => {
    expect(openTableHref("/plans/p/rollups", { month: "2025-06", basis: undefined, all: undefined }, "rollup-unit")).toBe("/plans/p/rollups?month=2025-06&all=rollup-unit#rollup-unit");
    expect(openTableHref("/plans/p/rollups", { month: "2025-06", all: "rollup-unit" }, "ranking-unit")).toBe("/plans/p/rollups?month=2025-06&all=rollup-unit%2Cranking-unit#ranking-unit");
    expect([...openedTables("rollup-unit,ranking-unit")]).toEqual(["rollup-unit", "ranking-unit"]);
    expect(openedTables(undefined).size).toBe(0);
  });
});
