// The annex grid's rows against the published file itself: every field the
// grid shows, written out from the source JSON here, never through the
// application's import or formatting code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/plans/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { countyOf as county, source } from "@/tests/wenzhou-source";
import { getAnnexRow, listAnnexRows } from "./list-projects";

/** 亿元 as published ("643.0") → 万元 as the grid carries it ("6430000"); 待定 and —— have no amount. */
const amount = (text: string) => {
  const m = /^(\d+)(?:\.(\d))?$/.exec(text);
  if (m) return { state: "VALUE", wan: ((BigInt(m[1]!) * 10n + BigInt(m[2] ?? "0")) * 1000n).toString() };
  return { state: text === "待定" ? "PENDING" : "NOT_APPLICABLE", wan: null };
};
const domains = [...new Set(source.map((r) => r.domain))];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
});
afterAll(() => db.drop());

describe("the annex grid's rows", () => {
  it("are the published rows, in the published order, with every column the grid shows", async () => {
    const rows = await listAnnexRows(db.prisma, "wenzhou-2021");
    const expected = [...source].sort((a, b) => domains.indexOf(a.domain) - domains.indexOf(b.domain) || a.seq - b.seq);
    expect(rows.map((r) => r.seq)).toEqual(expected.map((r) => r.seq));
    for (const [i, r] of rows.entries()) {
      const s = expected[i]!;
      expect({
        planCode: r.planCode,
        domainName: r.domainName,
        domainPosition: r.domainPosition,
        name: r.name,
        type: r.type,
        periodText: r.periodText,
        locationText: r.locationText,
        countyLabel: r.countyLabel,
        content: r.content,
        total: r.total,
        fyp: r.fyp,
        units: r.units.map((u) => u.publishedName),
      }).toEqual({
        planCode: "wenzhou-2021",
        domainName: s.domain,
        domainPosition: domains.indexOf(s.domain) + 1,
        name: s.name,
        type: s.type,
        periodText: s.period,
        locationText: s.location,
        countyLabel: county(s.location),
        content: s.content,
        total: amount(s.totalInvestment),
        fyp: amount(s.fypInvestment),
        units: s.units,
      });
      // A region's code goes with its name: the city for 全市, none for 未定, else the county or zone shown.
      expect(r.regionName === null).toBe(r.regionCode === null);
      expect(r.regionName).toBe(r.countyLabel === "全市" ? "温州市" : r.countyLabel === "未定" ? null : r.countyLabel);
      expect(r.units.filter((u) => u.isLead).length).toBeLessThanOrEqual(1);
      expect(new Date(r.updatedAt).toISOString()).toBe(r.updatedAt);
    }
  });

  it("one project read alone is the same row as in the list", async () => {
    const rows = await listAnnexRows(db.prisma, "wenzhou-2021");
    for (const row of [rows[0]!, rows[33]!, rows[68]!]) expect(await getAnnexRow(db.prisma, row.id)).toEqual(row);
  });

  it("a filtered view holds exactly the matching rows, each whole", async () => {
    const all = await listAnnexRows(db.prisma, "wenzhou-2021");
    const cases = [
      { filter: { domain: domains[2]! }, expected: source.filter((s) => s.domain === domains[2]) },
      { filter: { county: "瑞安市" }, expected: source.filter((s) => county(s.location) === "瑞安市") },
      { filter: { unit: "市住建局" }, expected: source.filter((s) => s.units.includes("市住建局")) },
      { filter: { county: "全市", type: "新建" }, expected: source.filter((s) => s.location === "全市" && s.type === "新建") },
    ];
    for (const c of cases) {
      expect(c.expected.length).toBeGreaterThan(0);
      const rows = await listAnnexRows(db.prisma, "wenzhou-2021", c.filter);
      expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(c.expected.map((s) => s.seq).sort((a, b) => a - b));
      for (const r of rows) expect(r).toEqual(all.find((a) => a.id === r.id));
    }
    expect(await listAnnexRows(db.prisma, "wenzhou-2021", { domain: "没有这个领域" })).toEqual([]);
  });
});
