// The grid's compact rows as PostgreSQL writes them, against the same rows
// built in JavaScript (listAnnexRows → encodeGridRow) and, for the amounts,
// against figures written here: every filter of the grid, a regional account's
// scope, amounts with a scale to trim, a project without units.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/plans/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { countyOf, source } from "@/tests/wenzhou-source";
import { encodeGridRow } from "./grid-rows-compact";
import { compactGridRowsJson } from "./grid-rows-sql";
import { listAnnexRows, type AnnexFilter } from "./list-projects";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
});
afterAll(() => db.drop());

const PLAN = "wenzhou-2021";
const both = async (filter: AnnexFilter, scope: Parameters<typeof listAnnexRows>[3] = null) => ({
  sql: JSON.parse(await compactGridRowsJson(db.prisma, PLAN, filter, scope)) as unknown[][],
  js: JSON.parse(JSON.stringify((await listAnnexRows(db.prisma, PLAN, filter, scope)).map(encodeGridRow))) as unknown[][],
});

describe("the grid's compact rows written by the database", () => {
  it("are the plan's 69 published rows, as the rows built in JavaScript", async () => {
    const { sql, js } = await both({});
    expect(sql).toHaveLength(source.length);
    expect(sql).toEqual(js);
    // Read off the source file, not the code: 序号 in annex order per domain, and the 待定 amounts as states.
    const pending = source.filter((r) => r.totalInvestment === "待定").length;
    expect(pending).toBeGreaterThan(0);
    expect(sql.filter((r) => r[13] === "PENDING" && r[14] === null)).toHaveLength(pending);
  });

  it("follow every filter of the grid", async () => {
    const counties = [...new Set(source.map((r) => countyOf(r.location)))];
    const filters: AnnexFilter[] = [
      { domain: source[0]!.domain },
      { type: "新建" },
      { county: counties[0] },
      { county: "全市" },
      { county: "未定" },
      { q: "温州" },
      { q: "大学" },
      { q: "不存在的项目名称" },
      { unit: "市住建局" },
      { domain: source[0]!.domain, q: "温州" },
    ];
    let nonEmpty = 0;
    for (const filter of filters) {
      const { sql, js } = await both(filter);
      expect(sql, JSON.stringify(filter)).toEqual(js);
      if (sql.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(7);
    expect((await both({ q: "不存在的项目名称" })).sql).toEqual([]);
  });

  // The demo plan has no reports: these filters show no rows here, and the condition is the one
  // listAnnexRows uses (annexViewWhere) — what is checked is that the month's filter goes through.
  it("follow a status or light filter as of a month", async () => {
    for (const month of [{ year: 2022, month: 6 }, { year: 2023, month: 12 }]) {
      for (const filter of [{ status: "在建" }, { status: "未开工" }, { light: "红灯" }, { light: "绿灯" }] as AnnexFilter[]) {
        const { sql, js } = await both({ ...filter, progress: month });
        expect(sql).toEqual(js);
      }
    }
  });

  it("keep to a regional account's scope", async () => {
    const region = await db.prisma.region.findFirstOrThrow({ where: { name: "瓯海区" } });
    // As readScope makes it for a county account: its subtree, and the plans of the city above it too.
    const scope = { regionIds: [region.id], planRegionIds: [region.id, region.parentId!] };
    const { sql, js } = await both({}, scope);
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.every((r) => r[11] === "瓯海区")).toBe(true);
    expect(sql).toEqual(js);
  });

  it("write amounts exactly, without trailing zeros, and a project without units as []", async () => {
    const [first] = await listAnnexRows(db.prisma, PLAN);
    await db.prisma.project.update({ where: { id: first!.id }, data: { totalState: "VALUE", totalWan: "123.4500", fypState: "VALUE", fypWan: "0.0000" } });
    await db.prisma.projectUnit.deleteMany({ where: { projectId: first!.id } });
    const { sql, js } = await both({});
    expect(sql).toEqual(js);
    const row = sql.find((r) => r[0] === first!.id)!;
    expect(row.slice(13, 17)).toEqual(["VALUE", "123.45", "VALUE", "0"]);
    expect(row[18]).toEqual([]);
  });
});
