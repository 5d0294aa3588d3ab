// The migration that brought versions gives every plan that existed then its
// live rows as version 1: run here (its backfill statements, as written in the
// migration) on a plan made the way plans were made before, without a version.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { listVersions } from "./plan-versions";

const MIGRATION = "prisma/migrations/20261202094504_plan_versions_and_county_shares/migration.sql";
const SHARES_MIGRATION = "prisma/migrations/20261202143255_version_county_shares/migration.sql";

/** Runs the statements of `file` between two markers, comments dropped. */
async function runSection(file: string, from: string, to: string) {
  const sql = readFileSync(file, "utf8");
  for (const statement of sql.slice(sql.indexOf(from), sql.indexOf(to)).split(/;\s*\n/).map((s) => s.replace(/^\s*--.*$/gm, "").trim()).filter(Boolean)) {
    await db.prisma.$executeRawUnsafe(statement);
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("the versions migration's backfill", () => {
  it("makes the live rows of a plan without versions its version 1, units in order, deleted projects left out", async () => {
    const city = await db.prisma.region.findUniqueOrThrow({ where: { code: "330300" } });
    const plan = await db.prisma.plan.create({ data: { code: "old", name: "迁移前的规划", issuer: "测试", startYear: 2021, endYear: 2025, regionId: city.id } });
    const domain = await db.prisma.domain.create({ data: { planId: plan.id, name: "教育", position: 1 } });
    const [a, b] = await Promise.all(["甲单位", "乙单位"].map((name) => db.prisma.unit.create({ data: { name } })));
    const base = { planId: plan.id, domainId: domain.id, type: "新建", periodText: "2021-2025", locationText: "全市", locationResolution: "WHOLE_CITY" as const, locationRule: "全市", content: "内容", totalState: "VALUE" as const, fypState: "VALUE" as const };
    const kept = await db.prisma.project.create({ data: { ...base, seq: 1, name: "留下的项目", totalWan: "100.5", fypWan: "50" } });
    await db.prisma.project.create({ data: { ...base, seq: 2, name: "已删除的项目", totalWan: "7", fypWan: "7", deletedAt: new Date("2025-01-01T00:00:00Z") } });
    await db.prisma.projectUnit.createMany({
      data: [
        { projectId: kept.id, unitId: b!.id, position: 1, publishedName: "乙" },
        { projectId: kept.id, unitId: a!.id, position: 0, isLead: true, publishedName: "甲" },
      ],
    });

    await runSection(MIGRATION, "-- Backfill:", "-- Written by hand: a version is frozen");

    const [v1, ...more] = await listVersions(db.prisma, "old");
    expect(more).toHaveLength(0);
    expect(v1).toMatchObject({ number: 1, label: "原规划（基线）", projects: 1, totalWan: "100.5", fypWan: "50", approvedAt: plan.createdAt.toISOString() });
    const row = await db.prisma.planVersionProject.findFirstOrThrow({ where: { projectId: kept.id } });
    expect(row.unitNames).toEqual(["甲", "乙"]);
    expect(row.unitIds).toEqual([a!.id, b!.id]);
  });

  it("the shares migration gives each existing version the register's split of its projects where it fits the version's amounts, and marks it", async () => {
    const city = await db.prisma.region.findUniqueOrThrow({ where: { code: "330300" } });
    const [lucheng, ouhai] = await Promise.all(["330302", "330304"].map((code) => db.prisma.region.findUniqueOrThrow({ where: { code } })));
    const plan = await db.prisma.plan.create({ data: { code: "older", name: "拆分迁移前的规划", issuer: "测试", startYear: 2021, endYear: 2025, regionId: city.id } });
    const domain = await db.prisma.domain.create({ data: { planId: plan.id, name: "教育", position: 1 } });
    const base = { planId: plan.id, domainId: domain.id, type: "新建", periodText: "2021-2025", locationText: "全市", locationResolution: "WHOLE_CITY" as const, locationRule: "全市", content: "内容", totalState: "VALUE" as const, fypState: "VALUE" as const };
    const fits = await db.prisma.project.create({ data: { ...base, seq: 1, name: "拆分在版本金额内", totalWan: "1000", fypWan: "500" } });
    const over = await db.prisma.project.create({ data: { ...base, seq: 2, name: "拆分超过版本金额", totalWan: "100", fypWan: "100" } });
    // Version 1 as the versions migration made it: the rows as they were then (over: 100/100).
    await runSection(MIGRATION, "-- Backfill:", "-- Written by hand: a version is frozen");
    // Later, live: over's total raised to 300 and split 250 to 鹿城区 (over version 1's 100); fits split 600/200 and 400/300.
    await db.prisma.project.update({ where: { id: over.id }, data: { totalWan: "300" } });
    await db.prisma.projectCountyShare.createMany({
      data: [
        { projectId: fits.id, regionId: lucheng!.id, position: 0, totalWan: "600", fypWan: "200" },
        { projectId: fits.id, regionId: ouhai!.id, position: 1, totalWan: "400", fypWan: "300" },
        { projectId: over.id, regionId: lucheng!.id, position: 0, totalWan: "250", fypWan: "50" },
      ],
    });

    await runSection(SHARES_MIGRATION, "-- Backfill:", "-- Frozen like the version's rows");

    const [v1] = await listVersions(db.prisma, "older");
    expect(v1).toMatchObject({ number: 1, splitProjects: 1, sharesBackfilled: true });
    const frozen = await db.prisma.planVersionCountyShare.findMany({ where: { projectId: { in: [fits.id, over.id] } }, orderBy: { position: "asc" } });
    expect(frozen.map((s) => [s.projectId, s.regionId, s.totalWan.toString(), s.fypWan.toString()])).toEqual([
      [fits.id, lucheng!.id, "600", "200"],
      [fits.id, ouhai!.id, "400", "300"],
    ]);
  });
});
