// The record of the event loop's longest stalls: the threshold, the bound on
// what is kept, the count and sum of all, and what was in flight by kind.
import { describe, expect, it } from "vitest";
import { LongBlocks, summarisePaths } from "./long-blocks";

describe("LongBlocks", () => {
  it("keeps the longest few, counts and sums every block over the threshold, ignores the rest", () => {
    const blocks = new LongBlocks(50, 2);
    for (const ms of [60, 49, 300, 120, 80]) blocks.add({ at: `t${ms}`, ms, inFlight: [] });
    const summary = blocks.summary();
    expect(summary.count).toBe(4);
    expect(summary.totalMs).toBe(60 + 300 + 120 + 80);
    expect(summary.longest.map((b) => b.ms)).toEqual([300, 120]);
    blocks.reset();
    expect(blocks.summary()).toEqual({ count: 0, totalMs: 0, longest: [] });
  });

  it("names what was in flight by kind of request", () => {
    const blocks = new LongBlocks(50, 5);
    blocks.add({ at: "t", ms: 100, inFlight: ["/projects/17", "/plans/bench-01/rollups?month=2026-05", "/projects/9", "/api/projects?plan=bench-01"] });
    expect(blocks.summary().longest[0]!.inFlight).toEqual(["/projects/:id ×2", "/api/projects", "/plans/:id/rollups"]);
  });
});

describe("summarisePaths", () => {
  it("drops the query and the segments with numbers, most frequent first", () => {
    expect(summarisePaths(["/api/plans/bench-02/progress?month=2026-06&mine=1", "/api/plans/bench-01/progress", "/overview"])).toEqual(["/api/plans/:id/progress ×2", "/overview"]);
  });
});
