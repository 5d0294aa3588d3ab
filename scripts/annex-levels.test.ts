// The command line of levels and regional accounts, run as a user runs it
// (tsx scripts/annex.ts), on the province → city → county hierarchy of
// tests/levels-hierarchy.ts; the figures are worked out by hand there.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { readScope } from "@/lib/auth/scope";
import { listPlans } from "@/lib/plans/plans";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { buildHierarchy } from "@/tests/levels-hierarchy";

vi.setConfig({ testTimeout: 180_000 });

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await buildHierarchy(db.prisma);
});
afterAll(() => db.drop());

function annex(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/annex.ts", ...args], { env: { ...process.env, DATABASE_URL: db.url }, input, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run annex: levels and regional accounts", { timeout: 900_000 }, () => {
  it("rollup --levels all counts the counties' projects once by their code and says how many it merged", () => {
    const own = annex(["rollup", "--plan", "wz", "--by", "county", "--json"]);
    expect(own.code, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout)).toMatchObject({ levels: "own", rows: [{ key: "瑞安市", projects: 2, totalWan: "1200" }, { key: "乐清市", projects: 1, totalWan: "300" }, { key: "全市", projects: 1, totalWan: "50" }] });
    const all = annex(["rollup", "--plan", "wz", "--by", "county", "--levels", "all", "--json"]);
    expect(all.code, all.stderr).toBe(0);
    const out = JSON.parse(all.stdout);
    expect(out).toMatchObject({ levels: "all", rowsRead: 8, projects: 6, merged: 2 });
    expect(out.plans.map((p: { code: string }) => p.code)).toEqual(["wz", "ra", "yq"]);
    expect(out.rows.map((r: { key: string; projects: number; totalWan: string }) => [r.key, r.projects, r.totalWan])).toEqual([
      ["瑞安市", 3, "1270"],
      ["乐清市", 2, "1200"],
      ["全市", 1, "50"],
    ]);
    expect(annex(["rollup", "--plan", "wz", "--by", "county", "--levels", "some"]).code).toBe(2);
  });

  it("user add --region makes a county DRC account that reads its county only; a region for an editor, or an unknown one, is refused", async () => {
    const add = annex(["user", "add", "--login", "ra-drc", "--role", "reviewer", "--region", "330381", "--password-stdin"], "Sturdy-Pine-77\n");
    expect(add.code, add.stderr).toBe(0);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { login: "ra-drc" }, include: { region: true } });
    expect(user.region?.name).toBe("瑞安市");
    const actor = (await loadActor(user.id, db.prisma))!;
    expect((await listPlans(db.prisma, readScope(actor))).map((p) => p.code).sort()).toEqual(["ra", "wz", "zj"]);
    const list = JSON.parse(annex(["user", "list", "--json"]).stdout);
    expect(list.find((u: { login: string }) => u.login === "ra-drc")).toMatchObject({ regionCode: "330381", regionName: "瑞安市" });

    const editor = annex(["user", "add", "--login", "ra-unit", "--role", "editor", "--unit", "测试单位", "--region", "330381", "--password-stdin"], "Sturdy-Pine-77\n");
    expect(editor.code).toBe(1);
    expect(editor.stderr).toContain("只有发改委（审核）和只读账号可以属于某个地区");
    const unknown = annex(["user", "add", "--login", "nowhere", "--role", "viewer", "--region", "339999", "--password-stdin"], "Sturdy-Pine-77\n");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("行政区划代码“339999”不存在");
    const malformed = annex(["user", "add", "--login", "bad", "--role", "viewer", "--region", "3303", "--password-stdin"], "Sturdy-Pine-77\n");
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("6 位行政区划代码");

    // The city's DRC, moved to the city's level by set-role.
    expect(annex(["user", "set-role", "--login", "ra-drc", "--role", "reviewer", "--region", "330300"]).code).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { login: "ra-drc" }, include: { region: true } })).region?.code).toBe("330300");
  });

  it("import --region: the plan's region is inferred from the title, shown in the preview, and can be given", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "levels-"));
    const file = path.join(dir, "ra.xlsx");
    expect(annex(["export", "--plan", "ra", "--format", "xlsx", "--out", file]).code).toBe(0);
    // The export's title is “瑞安市测试规划重大项目表”: 瑞安市, 330381.
    const inferred = annex(["import", file, "--plan", "ra-copy", "--name", "瑞安市测试规划（副本）", "--dry-run", "--json"]);
    expect(inferred.code, inferred.stderr).toBe(0);
    expect(JSON.parse(inferred.stdout).newPlan).toMatchObject({ regionCode: "330381", regionName: "瑞安市", regionFrom: "title", issuer: "瑞安市人民政府" });
    const given = annex(["import", file, "--plan", "ra-copy", "--name", "瑞安市测试规划（副本）", "--region", "330382", "--dry-run"]);
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toContain("所属地区：乐清市（330382）");
  });
});
