// Plans of several levels and region-scoped DRC accounts, tried the way an
// attacker would: a county DRC (瑞安市 330381) against its neighbour (乐清市
// 330382), over the route handlers as a signed-in person calls them, and
// through the lib functions the pages and exports read. The hierarchy
// (浙江省 330000 → 温州市 330300 → 瑞安市 / 乐清市) and its projects are built
// here; every expected figure is written out by hand.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { readScope } from "@/lib/auth/scope";
import { listPlans } from "@/lib/plans/plans";
import { createUser } from "@/lib/users/create-user";
import { listAnnexRows, getAnnexRow } from "@/lib/projects/list-projects";
import { rollup, rollupTotal } from "@/lib/rollups/rollups";
import { levelSummary, planLevels } from "@/lib/rollups/levels";
import { reconcile } from "@/lib/rollups/reconciliation";
import { exportFile } from "@/lib/export/export-file";
import { createBaseline } from "@/lib/versions/plan-versions";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { buildHierarchy } from "@/tests/levels-hierarchy";
import { decodeGridRows } from "@/lib/projects/grid-rows-compact";

// The signed-in person of each request: the test says who (the real session needs a browser's cookie).
let signedIn: number | null = null;
let db: TestDatabase;
vi.mock("@/lib/auth/session", () => ({
  currentUserId: async () => signedIn,
  currentActor: async () => (signedIn === null ? null : loadActor(signedIn, db.prisma)),
}));

const ids: Record<string, number> = {};
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  (globalThis as { annexPrisma?: unknown }).annexPrisma = db.prisma;
  await buildHierarchy(db.prisma);
  for (const p of await db.prisma.project.findMany({ include: { plan: true } })) ids[`${p.plan.code}:${p.name}`] = p.id;
  const regionId = async (code: string) => (await db.prisma.region.findUniqueOrThrow({ where: { code } })).id;
  const accounts: [string, string, string | null][] = [
    ["ra", "REVIEWER", "330381"],
    ["yq", "REVIEWER", "330382"],
    ["wz", "REVIEWER", "330300"],
    ["zj", "REVIEWER", "330000"],
    ["all", "REVIEWER", null],
    ["raview", "VIEWER", "330381"],
  ];
  for (const [login, role, region] of accounts) {
    const user = await db.prisma.$transaction((tx) => createUser(tx, { login, name: login, role: role as "REVIEWER", password: "Sturdy-Pine-77" }, { mustChangePassword: false }));
    await db.prisma.user.update({ where: { id: user.id }, data: { regionId: region ? await regionId(region) : null } });
    actors[login] = (await loadActor(user.id, db.prisma))!;
  }
});
afterAll(() => db.drop());

/** A GET or another request to a route handler, as `login` (same-origin, JSON). */
async function call(login: string, handler: (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>, url: string, params: Record<string, string> = {}, init: { method?: string; body?: unknown } = {}) {
  signedIn = actors[login]!.userId;
  const request = new NextRequest(new URL(url, "http://localhost"), {
    method: init.method ?? "GET",
    headers: { origin: "http://localhost", ...(init.body ? { "content-type": "application/json" } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const response = await handler(request, { params: Promise.resolve(params) as Promise<never> });
  return { status: response.status, body: response.headers.get("content-type")?.includes("json") ? await response.json() : null };
}

const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();

describe("region-scoped DRC accounts, attacker and victim between two counties", () => {
  it("each county's reviewer sees its own plan, the plans above it, and not its neighbour's", async () => {
    expect((await listPlans(db.prisma, readScope(actors.ra!))).map((p) => p.code).sort()).toEqual(["ra", "wz", "zj"]);
    expect((await listPlans(db.prisma, readScope(actors.yq!))).map((p) => p.code).sort()).toEqual(["wz", "yq", "zj"]);
    expect((await listPlans(db.prisma, readScope(actors.wz!))).map((p) => p.code).sort()).toEqual(["ra", "wz", "yq", "zj"]);
    expect((await listPlans(db.prisma, readScope(actors.zj!))).map((p) => p.code).sort()).toEqual(["ra", "wz", "yq", "zj"]);
    expect((await listPlans(db.prisma, readScope(actors.all!))).map((p) => p.code).sort()).toEqual(["ra", "wz", "yq", "zj"]);
    // The city's plan counts, for a county, only its own projects.
    expect((await listPlans(db.prisma, readScope(actors.ra!))).find((p) => p.code === "wz")!.projectCount).toBe(2);
  });

  it("over HTTP: the grid's data of the city's plan holds only the county's projects; the neighbour's plan and projects are 404", async () => {
    const projects = await import("@/app/api/projects/route");
    const project = await import("@/app/api/projects/[id]/route");
    const history = await import("@/app/api/projects/[id]/history/route");
    const oc4ids = await import("@/app/api/plans/[code]/oc4ids/route");
    const deleted = await import("@/app/api/plans/[code]/deleted/route");

    const ra = await call("ra", projects.GET, "/api/projects?plan=wz");
    expect(ra.status).toBe(200);
    expect(names(ra.body.projects)).toEqual(["瑞安医院", "瑞安学校"]);
    const yq = await call("yq", projects.GET, "/api/projects?plan=wz");
    expect(names(yq.body.projects)).toEqual(["乐清医院"]);
    // The city sees its whole plan, 全市 included.
    expect(names((await call("wz", projects.GET, "/api/projects?plan=wz")).body.projects)).toEqual(["乐清医院", "全市工程", "瑞安医院", "瑞安学校"]);
    // The grid page's rows (?fields=grid): the same projects for the same reader, without what the grid does not read.
    const grid = await call("ra", projects.GET, "/api/projects?plan=wz&fields=grid");
    expect(names(grid.body.projects)).toEqual(["瑞安医院", "瑞安学校"]);
    expect(Object.keys(grid.body.projects[0]).sort()).toEqual(
      ["content", "countyLabel", "domainName", "domainPosition", "fyp", "id", "locationResolution", "locationRule", "locationText", "name", "periodText", "regionCode", "seq", "total", "type", "units", "version"].sort(),
    );
    expect(grid.body.projects[0].units.every((u: object) => Object.keys(u).sort().join() === "name,publishedName,unitId")).toBe(true);
    // The page's compact form (?format=compact): the same rows, decoded.
    const compact = await call("ra", projects.GET, "/api/projects?plan=wz&fields=grid&format=compact");
    expect(compact.body.projects[0]).toBeInstanceOf(Array);
    expect(decodeGridRows(compact.body.fields, compact.body.projects)).toEqual(grid.body.projects);

    const victim = ids["yq:乐清码头"]!;
    const victimInCity = ids["wz:乐清医院"]!;
    expect((await call("ra", projects.GET, "/api/projects?plan=yq")).status).toBe(404);
    expect((await call("raview", projects.GET, "/api/projects?plan=yq")).status).toBe(404);
    for (const id of [victim, victimInCity]) {
      expect((await call("ra", project.GET, `/api/projects/${id}`, { id: String(id) })).status).toBe(404);
      expect((await call("ra", history.GET, `/api/projects/${id}/history`, { id: String(id) })).status).toBe(404);
      // A write on it: 404 too, and nothing changed.
      const patch = await call("ra", project.PATCH, `/api/projects/${id}`, { id: String(id) }, { method: "PATCH", body: { version: 1, name: "被改了" } });
      expect(patch.status).toBe(404);
    }
    expect((await db.prisma.project.findUniqueOrThrow({ where: { id: victim } })).name).toBe("乐清码头");
    expect((await call("ra", oc4ids.GET, "/api/plans/yq/oc4ids", { code: "yq" })).status).toBe(404);
    expect((await call("ra", deleted.GET, "/api/plans/yq/deleted", { code: "yq" })).status).toBe(404);
    // The victim itself reads them.
    expect((await call("yq", project.GET, `/api/projects/${victim}`, { id: String(victim) })).status).toBe(200);
    const own = await call("ra", project.GET, `/api/projects/${ids["wz:瑞安医院"]}`, { id: String(ids["wz:瑞安医院"]) });
    expect(own.status).toBe(200);
    expect(own.body.project.name).toBe("瑞安医院");
    // OC4IDS of the city's plan: the county's projects only.
    const pkg = (await call("ra", oc4ids.GET, "/api/plans/wz/oc4ids", { code: "wz" })).body;
    expect(pkg.projects.map((p: { title: string }) => p.title).sort()).toEqual(["瑞安医院", "瑞安学校"]);
  });

  it("over HTTP: the progress sheet, reporting status, annual plans, issues, change requests and project progress of the neighbour are 404, of the city's plan only its own", async () => {
    const sheet = await import("@/app/api/plans/[code]/progress/route");
    const status = await import("@/app/api/plans/[code]/progress/status/route");
    const annual = await import("@/app/api/plans/[code]/annual-plans/route");
    const issues = await import("@/app/api/plans/[code]/issues/route");
    const projectIssues = await import("@/app/api/projects/[id]/issues/route");
    const requests = await import("@/app/api/projects/[id]/change-requests/route");
    const progress = await import("@/app/api/projects/[id]/progress/route");
    const bulletin = await import("@/app/api/plans/[code]/bulletin/route");

    const own = await call("ra", sheet.GET, "/api/plans/wz/progress?month=2025-10", { code: "wz" });
    expect(own.status).toBe(200);
    expect(names(own.body.rows)).toEqual(["瑞安医院", "瑞安学校"]);
    const st = await call("ra", status.GET, "/api/plans/wz/progress/status?month=2025-10", { code: "wz" });
    expect(names(st.body.projects)).toEqual(["瑞安医院", "瑞安学校"]);
    const plans = await call("ra", annual.GET, "/api/plans/wz/annual-plans?year=2025", { code: "wz" });
    expect(plans.body.rows.map((r: { projectId: number }) => r.projectId).sort()).toEqual([ids["wz:瑞安医院"], ids["wz:瑞安学校"]].sort());

    for (const [handler, url] of [
      [sheet.GET, "/api/plans/yq/progress?month=2025-10"],
      [status.GET, "/api/plans/yq/progress/status?month=2025-10"],
      [annual.GET, "/api/plans/yq/annual-plans?year=2025"],
      [issues.GET, "/api/plans/yq/issues"],
      [bulletin.GET, "/api/plans/yq/bulletin?month=2025-10&format=xlsx"],
    ] as const) {
      expect((await call("ra", handler, url, { code: "yq" })).status, url).toBe(404);
    }
    const victim = ids["wz:乐清医院"]!;
    for (const handler of [projectIssues.GET, requests.GET, progress.GET]) {
      expect((await call("ra", handler, `/api/projects/${victim}/…`, { id: String(victim) })).status).toBe(404);
    }
    // Raising an issue on the neighbour's project: 404, and nothing raised.
    const raise = await call("ra", projectIssues.POST, `/api/projects/${victim}/issues`, { id: String(victim) }, { method: "POST", body: { description: "越权", responsible: "某人" } });
    expect(raise.status).toBe(404);
    expect(await db.prisma.coordinationIssue.count({ where: { projectId: victim } })).toBe(0);
  });

  it("rollups and exports of the city's plan hold only the county's projects", async () => {
    const byCounty = await rollup(db.prisma, "wz", "county", { scope: readScope(actors.ra!) });
    expect(byCounty.map((r) => [r.key, r.projects, r.totalWan])).toEqual([["瑞安市", 2, "1200"]]);
    const byCountyYq = await rollup(db.prisma, "wz", "county", { scope: readScope(actors.yq!) });
    expect(byCountyYq.map((r) => [r.key, r.projects, r.totalWan])).toEqual([["乐清市", 1, "300"]]);
    await expect(rollup(db.prisma, "yq", "county", { scope: readScope(actors.ra!) })).rejects.toMatchObject({ code: "not_found" });
    // An export read as 瑞安's reviewer: the workbook names its projects and not the neighbour's.
    const file = await exportFile(db.prisma, { planCode: "wz", format: "xlsx", table: "annex", scope: readScope(actors.ra!) });
    const text = await xlsxText(file.bytes);
    expect(text).toContain("瑞安医院");
    expect(text).not.toContain("乐清医院");
    expect(text).not.toContain("全市工程");
    await expect(exportFile(db.prisma, { planCode: "yq", format: "xlsx", table: "annex", scope: readScope(actors.ra!) })).rejects.toMatchObject({ code: "not_found" });
  });

  it("the published rollup of the city's plan is held against the whole plan only: not against a county's share of it", async () => {
    const wz = await db.prisma.plan.findUniqueOrThrow({ where: { code: "wz" } });
    await db.prisma.publishedRollupRow.create({ data: { planId: wz.id, position: 1, label: "汇总数", projectCount: 4, totalState: "VALUE", totalWan: "1550", fypState: "VALUE", fypWan: "1550" } });
    const whole = await reconcile(db.prisma, "wz", readScope(actors.wz!));
    expect(whole!.map((l) => [l.label, l.detail.projects, l.differences])).toEqual([["汇总数", 4, []]]);
    expect(await reconcile(db.prisma, "wz", readScope(actors.ra!))).toBeNull();
    await db.prisma.publishedRollupRow.deleteMany({ where: { planId: wz.id } });
  });

  it("the city plan's versions are the whole plan: 404 to a county's reviewer, its 中期调整 403, its version exports refused; the city reads them", async () => {
    const versions = await import("@/app/api/plans/[code]/versions/route");
    const adjustments = await import("@/app/api/plans/[code]/adjustments/route");
    const wz = await db.prisma.plan.findUniqueOrThrow({ where: { code: "wz" } });
    if (!(await db.prisma.planVersion.count({ where: { planId: wz.id } }))) {
      await db.prisma.$transaction((tx) => createBaseline(tx, wz.id, new Date("2025-01-01T00:00:00Z"), "测试"));
    }
    const city = await call("wz", versions.GET, "/api/plans/wz/versions", { code: "wz" });
    expect(city.status).toBe(200);
    expect(city.body.versions.map((v: { number: number; projects: number }) => [v.number, v.projects])).toEqual([[1, 4]]);
    expect((await call("ra", versions.GET, "/api/plans/wz/versions", { code: "wz" })).status).toBe(404);
    expect((await call("ra", versions.GET, "/api/plans/wz/versions?version=1&by=county", { code: "wz" })).status).toBe(404);
    const prepare = await call("ra", adjustments.POST, "/api/plans/wz/adjustments", { code: "wz" }, { method: "POST", body: { title: "越权调整" } });
    expect(prepare.status).toBe(403);
    expect(await db.prisma.planAdjustment.count({ where: { planId: wz.id } })).toBe(0);
    await expect(exportFile(db.prisma, { planCode: "wz", format: "xlsx", table: "annex", version: 1, scope: readScope(actors.ra!) })).rejects.toMatchObject({ code: "forbidden" });
    expect((await exportFile(db.prisma, { planCode: "wz", format: "xlsx", table: "annex", version: 1, scope: readScope(actors.wz!) })).bytes.length).toBeGreaterThan(0);
  });

  it("a county reviewer may not act on the whole of the city's plan (its settings), and reads no other county's project directly", async () => {
    const settings = await import("@/app/api/plans/[code]/progress/settings/route");
    const res = await call("ra", settings.PUT, "/api/plans/wz/progress/settings", { code: "wz" }, { method: "PUT", body: { reportDeadlineDay: 9, yellowLagPoints: 10, redLagPoints: 30 } });
    expect(res.status).toBe(403);
    await expect(getAnnexRow(db.prisma, ids["wz:乐清医院"]!, readScope(actors.ra!))).rejects.toMatchObject({ code: "not_found" });
    expect(names(await listAnnexRows(db.prisma, "zj", {}, readScope(actors.yq!)))).toEqual([]);
    expect(names(await listAnnexRows(db.prisma, "zj", {}, readScope(actors.ra!)))).toEqual(["省瑞安医院"]);
  });
});

describe("the installation's registers", () => {
  it("a county reviewer may not rename a unit that also implements another county's projects; the city's reviewer may", async () => {
    const units = await import("@/app/api/units/[id]/route");
    const unit = await db.prisma.unit.findUniqueOrThrow({ where: { name: "测试单位" } });
    const rename = (login: string, name: string) => call(login, units.PATCH, `/api/units/${unit.id}`, { id: String(unit.id) }, { method: "PATCH", body: { name } });
    const refused = await rename("ra", "瑞安改的名");
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("瑞安市以外的项目");
    expect((await db.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe("测试单位");
    expect((await rename("zj", "测试单位（省改）")).status).toBe(200);
    expect((await rename("all", "测试单位")).status).toBe(200);
  });
});

describe("several plans, one project: rollups “本级” and “含下级”, each project once by its code", () => {
  const rows = (r: { key: string; projects: number; totalWan: string }[]) => r.map((x) => [x.key, x.projects, x.totalWan]);

  it("the city's own plan by county (本级): its four rows", async () => {
    expect(rows(await rollup(db.prisma, "wz", "county"))).toEqual([
      ["瑞安市", 2, "1200"],
      ["乐清市", 1, "300"],
      ["全市", 1, "50"],
    ]);
    expect(rows(await rollup(db.prisma, "wz", "county", { levels: "own" }))).toEqual(rows(await rollup(db.prisma, "wz", "county")));
  });

  it("the city with its counties (含下级): the counties' projects not in the city's list are added, the shared ones counted once", async () => {
    // 瑞安: 瑞安医院 1000 (also the county's, merged) + 瑞安学校 200 + 瑞安公园 70 (the county's only);
    // 乐清: 乐清医院 300 (also the county's, merged) + 乐清码头 900 (the county's only); 全市: 50.
    expect(rows(await rollup(db.prisma, "wz", "county", { levels: "all" }))).toEqual([
      ["瑞安市", 3, "1270"],
      ["乐清市", 2, "1200"],
      ["全市", 1, "50"],
    ]);
    expect(rows([await rollupTotal(db.prisma, "wz", { levels: "all" })])).toEqual([["合计", 6, "2520"]]);
    const summary = await levelSummary(db.prisma, await planLevels(db.prisma, await db.prisma.plan.findUniqueOrThrow({ where: { code: "wz" } })));
    expect(summary).toMatchObject({ rows: 8, projects: 6, merged: 2 });
    expect(summary.plans.map((p) => [p.code, p.projects])).toEqual([["wz", 4], ["ra", 2], ["yq", 2]]);
  });

  it("the whole province (含下级): the province's row of a shared code counts, a city's 全市 counts under the city", async () => {
    expect(rows(await rollup(db.prisma, "zj", "county", { levels: "all" }))).toEqual([
      ["温州市", 1, "50"],
      ["瑞安市", 3, "1270"],
      ["乐清市", 2, "1200"],
    ]);
    expect(rows([await rollupTotal(db.prisma, "zj", { levels: "all" })])).toEqual([["合计", 6, "2520"]]);
    const zj = await db.prisma.plan.findUniqueOrThrow({ where: { code: "zj" } });
    expect(await levelSummary(db.prisma, await planLevels(db.prisma, zj))).toMatchObject({ rows: 9, projects: 6, merged: 3 });
    // Its own plan alone: the one row.
    expect(rows([await rollupTotal(db.prisma, "zj")])).toEqual([["合计", 1, "1000"]]);
    // By domain the same six projects.
    expect(rows(await rollup(db.prisma, "zj", "domain", { levels: "all" }))).toEqual([["一、社会事业", 6, "2520"]]);
  });

  it("a county's reviewer, on the city's plan with its counties: its own county's projects once, nothing of its neighbour's", async () => {
    const scope = readScope(actors.ra!);
    expect(rows(await rollup(db.prisma, "wz", "county", { levels: "all", scope }))).toEqual([["瑞安市", 3, "1270"]]);
    const wz = await db.prisma.plan.findUniqueOrThrow({ where: { code: "wz" } });
    const summary = await levelSummary(db.prisma, await planLevels(db.prisma, wz), scope);
    expect(summary).toMatchObject({ rows: 4, projects: 3, merged: 1 });
    expect(summary.plans.map((p) => p.code)).toEqual(["wz", "ra"]);
    // A code the city lists as 全市 (a row the county does not read) and the county lists as its own: the county's row counts for it.
    await db.prisma.project.updateMany({ where: { plan: { code: "wz" }, name: "全市工程" }, data: { code: "2021-330381-78-01-000004" } });
    try {
      expect(rows(await rollup(db.prisma, "wz", "county", { levels: "all", scope }))).toEqual([["瑞安市", 3, "1270"]]);
      // For the city the city's 全市 row counts, and the county's 瑞安公园 is merged into it.
      expect(rows(await rollup(db.prisma, "wz", "county", { levels: "all" }))).toEqual([
        ["瑞安市", 2, "1200"],
        ["乐清市", 2, "1200"],
        ["全市", 1, "50"],
      ]);
    } finally {
      await db.prisma.project.updateMany({ where: { plan: { code: "wz" }, name: "全市工程" }, data: { code: null } });
    }
    // The city's reviewer: the whole of it.
    expect(rows(await rollup(db.prisma, "wz", "county", { levels: "all", scope: readScope(actors.wz!) }))).toEqual([
      ["瑞安市", 3, "1270"],
      ["乐清市", 2, "1200"],
      ["全市", 1, "50"],
    ]);
  });
});

/** The shared strings of a workbook (where the cells' text is), read with the project's own xlsx reader dependency. */
async function xlsxText(bytes: Uint8Array): Promise<string> {
  const ExcelJS = (await import("exceljs")).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text)))));
  return out.join("\n");
}
