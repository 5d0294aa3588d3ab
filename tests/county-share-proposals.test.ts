// A unit proposes its project's split by county and the DRC decides, on a real
// PostgreSQL seeded with the Wenzhou annex, over the route handlers as a
// signed-in person calls them: 市住建局 proposes 全市棚户区改造安置工程's split;
// 市教育局 (unit B) cannot propose for it; a split over the project is refused;
// a county reviewer (瑞安市) can neither approve it nor split a project of its
// county; the DRC returns one proposal and accepts another, which becomes the
// project's split and the rollup by county's. Expected figures are computed
// here from the source file and the proposed rows.
import Decimal from "decimal.js";
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { listChangeRequests } from "@/lib/change-requests/change-requests";
import { seedDemoData } from "@/lib/plans/demo-data";
import { getCountySplit, rollupByCountyWithShares } from "@/lib/projects/county-shares";
import { reviewerTodo } from "@/lib/progress/todo";
import { createUser } from "@/lib/users/create-user";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { TEST_NOW } from "@/tests/run-as";

let signedIn: number | null = null;
let db: TestDatabase;
vi.mock("@/lib/auth/session", () => ({
  currentUserId: async () => signedIn,
  currentActor: async () => (signedIn === null ? null : loadActor(signedIn, db.prisma)),
}));

const PLAN = "wenzhou-2021";
type SourceRow = { name: string; location: string; totalInvestment: string; fypInvestment: string };
const source: SourceRow[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
const wanOf = (yi: string) => (/^\d+(\.\d+)?$/.test(yi) ? new Decimal(yi).times(10_000) : new Decimal(0));
const shantytown = source.find((r) => r.name === "全市棚户区改造安置工程")!;
const actors: Record<string, Actor> = {};
let projectId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  (globalThis as { annexPrisma?: unknown }).annexPrisma = db.prisma;
  await seedDemoData(db.prisma);
  for (const login of ["drc", "zjj", "jyj"]) actors[login] = (await loadActor((await db.prisma.user.findUniqueOrThrow({ where: { login } })).id, db.prisma))!;
  // A county's DRC (瑞安市): it reads the city's plan, its own county's projects only.
  const ra = await db.prisma.$transaction((tx) => createUser(tx, { login: "ra", name: "瑞安发改", role: "REVIEWER", password: "Sturdy-Pine-77" }, { mustChangePassword: false }));
  await db.prisma.user.update({ where: { id: ra.id }, data: { regionId: (await db.prisma.region.findUniqueOrThrow({ where: { code: "330381" } })).id } });
  actors.ra = (await loadActor(ra.id, db.prisma))!;
  projectId = (await db.prisma.project.findFirstOrThrow({ where: { name: shantytown.name } })).id;
}, 120_000);
afterAll(() => db.drop());

/** A request to a route handler as `login` (same-origin, JSON). */
async function call(login: string, handler: (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>, url: string, params: Record<string, string>, init: { method: string; body?: unknown }) {
  signedIn = actors[login]!.userId;
  const request = new NextRequest(new URL(url, "http://localhost"), {
    method: init.method,
    headers: { origin: "http://localhost", "content-type": "application/json" },
    body: JSON.stringify(init.body ?? {}),
  });
  const response = await handler(request, { params: Promise.resolve(params) as Promise<never> });
  return { status: response.status, body: (await response.json()) as { id?: number; error?: { message: string } } };
}

const rows = (shares: [string, string, string][]) => shares.map(([regionCode, total, fyp]) => ({ regionCode, total: { text: total, unit: "万元" }, fyp: { text: fyp, unit: "万元" } }));
const propose = async (login: string, id: number, shares: [string, string, string][], reason = "按各区县安置套数拆分") => {
  const route = await import("@/app/api/projects/[id]/county-shares/route");
  return call(login, route.POST, `/api/projects/${id}/county-shares`, { id: String(id) }, { method: "POST", body: { shares: rows(shares), reason } });
};
const decide = async (login: string, requestId: number, body: { decision: "accept" | "reject"; comment?: string; version?: number }) => {
  const route = await import("@/app/api/change-requests/[id]/decision/route");
  return call(login, route.POST, `/api/change-requests/${requestId}/decision`, { id: String(requestId) }, { method: "POST", body });
};
const openRequests = () => db.prisma.changeRequest.count({ where: { projectId, status: "OPEN" } });

describe("a unit proposes its project's split by county, the DRC decides", () => {
  let returned: number;
  const accepted: [string, string, string][] = [
    ["330302", "358027.1179", "142537.8538"], // 鹿城区
    ["330304", "2725436.9", "1085100"], // 瓯海区
    ["330381", "73553.5", "29283"], // 瑞安市
  ];

  it("refuses unit B's proposal for unit A's project (403), and a split over the project (400), creating nothing", async () => {
    const attacker = await propose("jyj", projectId, [["330302", "1", "1"]]);
    expect(attacker.status).toBe(403);
    const over = await propose("zjj", projectId, [
      ["330302", "4000000", "1000000"],
      ["330303", "2430000.0001", "1000000"],
    ]);
    expect(over.status).toBe(400);
    // 6430000 万元 is the project's total (643.0 亿元 in the source).
    expect(wanOf(shantytown.totalInvestment).toFixed()).toBe("6430000");
    expect(over.body.error!.message).toContain("超过项目总投资");
    const elsewhere = await propose("zjj", projectId, [["330102", "1", "1"]]);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error!.message).toContain("不是温州市的区县或功能区");
    expect(await openRequests()).toBe(0);
  });

  it("stores the unit's proposal as a change request on the DRC's to-do, which the DRC returns with a comment", async () => {
    const made = await propose("zjj", projectId, [["330302", "1000", "500"]]);
    expect(made.status).toBe(201);
    returned = made.body.id!;
    const todo = await reviewerTodo(db.prisma, actors.drc!, PLAN, TEST_NOW);
    expect(todo.countySplitProposals).toBe(1);
    expect(todo.changeRequests).toBe(1);
    const [view] = await listChangeRequests(db.prisma, actors.drc!, { projectId });
    expect(view).toMatchObject({ id: returned, kind: "county-shares", status: "OPEN" });
    expect(view!.items.find((i) => i.field === "share:330302")).toMatchObject({ current: "—", proposed: "1000 / 500" });
    // What the split would leave: the project's amounts minus the proposed row.
    expect(view!.items.find((i) => i.field === "share:unsplit")!.proposed).toBe("6429000 / 2559500");

    expect((await decide("drc", returned, { decision: "reject" })).status).toBe(400);
    expect((await decide("drc", returned, { decision: "reject", comment: "请按安置套数拆分全部区县" })).status).toBe(200);
    expect((await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: returned } })).status).toBe("REJECTED");
    expect((await getCountySplit(db.prisma, projectId)).shares).toEqual([]);
  });

  it("a county reviewer can approve neither a proposal on a project outside its county (404) nor split a project of its own county (403)", async () => {
    const made = await propose("zjj", projectId, accepted);
    expect(made.status).toBe(201);
    const request = await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: made.body.id! } });
    const attempt = await decide("ra", request.id, { decision: "accept", version: request.version });
    expect(attempt.status).toBe(404);
    expect((await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("OPEN");
    expect((await getCountySplit(db.prisma, projectId)).shares).toEqual([]);

    // A project located in 瑞安市, which the county reviewer reads: its split moves money between the city's counties.
    const ruian = await db.prisma.project.findFirstOrThrow({ where: { region: { code: "330381" }, deletedAt: null } });
    const route = await import("@/app/api/projects/[id]/county-shares/route");
    const split = await call("ra", route.PUT, `/api/projects/${ruian.id}/county-shares`, { id: String(ruian.id) }, { method: "PUT", body: { version: ruian.version, shares: rows([["330381", "1", "0"]]) } });
    expect(split.status).toBe(403);
  });

  it("accepted by the DRC, becomes the project's split, in its history and the rollup by county, the rest unsplit", async () => {
    const request = await db.prisma.changeRequest.findFirstOrThrow({ where: { projectId, status: "OPEN" } });
    expect((await decide("drc", request.id, { decision: "accept", version: request.version })).status).toBe(200);
    expect((await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("ACCEPTED");

    const split = await getCountySplit(db.prisma, projectId);
    expect(split.shares.map((s) => [s.regionCode, s.totalWan, s.fypWan])).toEqual(accepted);
    const sharedTotal = accepted.reduce((s, [, t]) => s.plus(t), new Decimal(0));
    const sharedFyp = accepted.reduce((s, [, , f]) => s.plus(f), new Decimal(0));
    expect(split.unsplitTotalWan).toBe(wanOf(shantytown.totalInvestment).minus(sharedTotal).toFixed());
    expect(split.unsplitFypWan).toBe(wanOf(shantytown.fypInvestment).minus(sharedFyp).toFixed());
    const history = await db.prisma.projectChange.findFirstOrThrow({ where: { projectId, changeRequestId: request.id } });
    expect(history.via).toBe(`变更申请 #${request.id}（区县拆分）`);
    expect(history.newValue).toContain("鹿城区 358027.1179/142537.8538");

    const byCounty = await rollupByCountyWithShares(db.prisma, PLAN);
    const planTotal = source.reduce((s, r) => s.plus(wanOf(r.totalInvestment)), new Decimal(0));
    expect(byCounty.reduce((s, r) => s.plus(r.totalWan), new Decimal(0)).equals(planTotal)).toBe(true);
    expect(byCounty.find((r) => r.kind === "unsplit")!.totalWan).toBe(split.unsplitTotalWan);
    // 鹿城区: its located projects (from the source) plus the share.
    const lucheng = source.filter((r) => /鹿城/.test(r.location));
    const row = byCounty.find((r) => r.key === "鹿城区")!;
    expect(row.splitProjects).toBe(1);
    expect(new Decimal(row.totalWan).equals(lucheng.reduce((s, r) => s.plus(wanOf(r.totalInvestment)), new Decimal("358027.1179")))).toBe(true);
    // Decided: off the to-do.
    expect((await reviewerTodo(db.prisma, actors.drc!, PLAN, TEST_NOW)).countySplitProposals).toBe(0);
  });
});
