import { describe, expect, it } from "vitest";
import { jsonRowsResponse } from "./json-stream";

describe("jsonRowsResponse", () => {
  it("sends the same bytes as one JSON.stringify, whatever the number of rows", async () => {
    for (const n of [0, 1, 199, 200, 201, 1000, 1234]) {
      const rows = Array.from({ length: n }, (_, i) => ({ id: i, name: `项目${i}`, units: [{ name: "单位", isLead: i % 2 === 0 }], wan: i % 3 ? null : "12.5" }));
      const response = jsonRowsResponse({ plan: "p-1" }, "projects", rows);
      expect(response.headers.get("Content-Type")).toBe("application/json");
      const text = await response.text();
      expect(text).toBe(JSON.stringify({ plan: "p-1", projects: rows }));
    }
  });

  it("lets other callbacks run between slices", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i }));
    const order: string[] = [];
    const reading = jsonRowsResponse({}, "rows", rows)
      .text()
      .then(() => order.push("done"));
    setImmediate(() => order.push("other"));
    await reading;
    expect(order).toEqual(["other", "done"]);
  });
});
