// The migration that brought versions gives every plan that existed then its
// live rows as version 1: run here (its backfill statements, as written in the
// migration) on a plan made the way plans were made before, without a version.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { listVersions } from "./plan-versions";

const MIGRATION = "prisma/migrations/20261202094504_plan_versions_and_county_shares/migration.sql";

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

    const sql = readFileSync(MIGRATION, "utf8");
    const backfill = sql.slice(sql.indexOf("-- Backfill:"), sql.indexOf("-- Written by hand: a version is frozen"));
    for (const statement of backfill.split(/;\s*\n/).map((s) => s.replace(/^\s*--.*$/gm, "").trim()).filter(Boolean)) {
      await db.prisma.$executeRawUnsafe(statement);
    }

    const [v1, ...more] = await listVersions(db.prisma, "old");
    expect(more).toHaveLength(0);
    expect(v1).toMatchObject({ number: 1, label: "原规划（基线）", projects: 1, totalWan: "100.5", fypWan: "50", approvedAt: plan.createdAt.toISOString() });
    const row = await db.prisma.planVersionProject.findFirstOrThrow({ where: { projectId: kept.id } });
    expect(row.unitNames).toEqual(["甲", "乙"]);
    expect(row.unitIds).toEqual([a!.id, b!.id]);
  });
});
