// The demo's progress tells the truth as of the demo date: inside the plan's
// years, statuses following each project's 建设期限, the reporting round in
// progress left to the demo units. Expected facts come from the source file.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { seedDemoData, WENZHOU_PLAN } from "@/lib/plans/demo-data";
import { seedDemoProgress } from "./demo-progress";

const source: { seq: number; period: string; units: string[] }[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
const lastYearOf = (period: string) => Number(/(\d{4})\D*$/.exec(period)![1]);
const firstYearOf = (period: string) => Number(/^(\d{4})/.exec(period)![1]);

// 2025-11-20 in Beijing: units report on October 2025.
const NOW = new Date("2025-11-20T03:00:00Z");

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  expect((await seedDemoProgress(db.prisma, WENZHOU_PLAN.code, NOW)).created).toBe(true);
}, 120_000);
afterAll(() => db.drop());

type Row = { seq: number; year: number; month: number; status: string; construction: string; monthWan: string };
async function reports(): Promise<Row[]> {
  return db.prisma.$queryRaw<Row[]>`
    SELECT p.seq, r.year, r.month, r.status::text AS status, r.construction::text AS construction, r."monthWan"::text AS "monthWan"
      FROM "ProgressReport" r JOIN "Project" p ON p.id = r."projectId" ORDER BY p.seq, r.year, r.month`;
}

describe("demo progress as of 2025-11-20", () => {
  it("lies inside the plan's years, up to October 2025", async () => {
    const rows = await reports();
    expect(rows.length).toBeGreaterThan(1000);
    for (const r of rows) {
      expect(r.year).toBeGreaterThanOrEqual(2021);
      expect(r.year * 12 + r.month).toBeLessThanOrEqual(2025 * 12 + 10);
    }
  });

  it("approves every month before October; October is submitted by some units and left to 市住建局 and 市教育局", async () => {
    const rows = await reports();
    expect(rows.filter((r) => !(r.year === 2025 && r.month === 10)).every((r) => r.status === "APPROVED")).toBe(true);
    const october = rows.filter((r) => r.year === 2025 && r.month === 10);
    expect(october.length).toBeGreaterThan(0);
    expect(october.every((r) => r.status === "SUBMITTED")).toBe(true);
    const demoUnits = new Set(source.filter((s) => s.units.some((u) => u === "市住建局" || u === "市教育局")).map((s) => s.seq));
    expect(october.filter((r) => demoUnits.has(r.seq))).toEqual([]);
  });

  it("follows each project's period: 竣工 in the December of its last year and nothing after, 前期 with nothing invested before its first", async () => {
    const rows = await reports();
    for (const s of source) {
      const own = rows.filter((r) => r.seq === s.seq);
      const end = lastYearOf(s.period);
      const start = firstYearOf(s.period);
      expect(own.every((r) => r.year <= end)).toBe(true);
      if (end < 2025) {
        const last = own[own.length - 1]!;
        expect([last.year, last.month, last.construction]).toEqual([end, 12, "COMPLETED"]);
        expect(own.filter((r) => r.construction === "COMPLETED")).toHaveLength(1);
      } else {
        expect(own.some((r) => r.construction === "COMPLETED")).toBe(false);
      }
      for (const r of own.filter((r) => r.year < start)) {
        expect(r.construction).toBe("PREPARATION");
        expect(Number(r.monthWan)).toBe(0);
      }
      for (const r of own.filter((r) => r.year >= start && !(r.year === end && r.month === 12))) expect(r.construction).toBe("UNDER_CONSTRUCTION");
    }
  });

  it("gives 十四五累计 a non-zero total", async () => {
    const [row] = await db.prisma.$queryRaw<{ total: string }[]>`SELECT coalesce(sum("monthWan"), 0)::text AS total FROM "ProgressReport" WHERE effective AND year BETWEEN 2021 AND 2025`;
    expect(Number(row!.total)).toBeGreaterThan(0);
  });
});
