import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/credentials";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData, WENZHOU_PLAN } from "./demo-data";

type SourceRow = { seq: number; domain: string; name: string; location: string; totalInvestment: string; fypInvestment: string; units: string[] };
const source: SourceRow[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));

/** 万元 from the published 亿元 text, by string arithmetic (independent of lib/money). */
function wanOf(text: string): bigint | null {
  const m = /^(\d+)(?:\.(\d))?$/.exec(text);
  return m ? (BigInt(m[1]!) * 10n + BigInt(m[2] ?? "0")) * 1000n : null;
}
const sumWan = (texts: string[]) => texts.reduce((s, t) => s + (wanOf(t) ?? 0n), 0n).toString();

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  const result = await seedDemoData(db.prisma);
  expect(result.created).toBe(true);
});
afterAll(() => db.drop());

describe("the seeded Wenzhou annex matches the published file", () => {
  it("has the 69 projects in published order, with their 序号", async () => {
    const projects = await db.prisma.project.findMany({ orderBy: { seq: "asc" }, select: { seq: true, name: true } });
    expect(projects.map((p) => [p.seq, p.name])).toEqual(source.map((r) => [r.seq, r.name]));
  });

  it("has the domains in annex order with their project counts and sums (computed by PostgreSQL)", async () => {
    const rows = await db.prisma.$queryRaw<{ name: string; position: number; n: bigint; total: string; fyp: string }[]>`
      SELECT d.name, d.position, count(*) AS n,
             coalesce(sum(p."totalWan"), 0)::text AS total, coalesce(sum(p."fypWan"), 0)::text AS fyp
        FROM "Project" p JOIN "Domain" d ON d.id = p."domainId"
       GROUP BY d.name, d.position ORDER BY d.position`;
    const domains = [...new Set(source.map((r) => r.domain))];
    expect(rows.map((r) => r.name)).toEqual(domains);
    for (const row of rows) {
      const inDomain = source.filter((r) => r.domain === row.name);
      expect(Number(row.n)).toBe(inDomain.length);
      expect(BigInt(row.total.split(".")[0]!).toString()).toBe(sumWan(inDomain.map((r) => r.totalInvestment)));
      expect(BigInt(row.fyp.split(".")[0]!).toString()).toBe(sumWan(inDomain.map((r) => r.fypInvestment)));
    }
  });

  it("keeps 待定 and —— as explicit states, never as zero", async () => {
    const counts = await db.prisma.project.groupBy({ by: ["totalState"], _count: true });
    const byState = Object.fromEntries(counts.map((c) => [c.totalState, c._count]));
    expect(byState.PENDING).toBe(source.filter((r) => r.totalInvestment === "待定").length);
    expect(byState.NOT_APPLICABLE).toBe(source.filter((r) => r.totalInvestment === "——").length);
    expect(await db.prisma.project.count({ where: { totalState: "VALUE", totalWan: 0 } })).toBe(0);
  });

  it("keeps both 温州龙舟运动基地 rows, under their two domains", async () => {
    const rows = await db.prisma.project.findMany({ where: { name: "温州龙舟运动基地" }, include: { domain: true }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.domain.name)).toEqual(source.filter((r) => r.name === "温州龙舟运动基地").map((r) => r.domain));
  });

  it("resolves locations and keeps the text as published", async () => {
    const p = await db.prisma.project.findMany({ include: { region: true }, orderBy: { seq: "asc" } });
    expect(p.map((x) => x.locationText)).toEqual(source.map((r) => r.location));
    expect(p.filter((x) => x.locationResolution === "WHOLE_CITY")).toHaveLength(source.filter((r) => r.location === "全市").length);
    expect(p.filter((x) => x.locationResolution === "UNDECIDED").map((x) => x.locationText).sort()).toEqual(["未定", "—"].sort());
    expect(p.find((x) => x.locationText === "瑞安")?.region?.name).toBe("瑞安市");
    expect(p.find((x) => x.locationText === "经开区")?.locationResolution).toBe("FUNCTIONAL_ZONE");
  });

  it("keeps each distinct published unit name, with the first unit of a project as its lead", async () => {
    const names = new Set(source.flatMap((r) => r.units));
    expect(await db.prisma.unit.count()).toBe(names.size);
    // Aliases are not merged silently: 市卫健委 and 市卫生健康委 are two names until the DRC merges them.
    expect(await db.prisma.unit.count({ where: { name: { in: ["市卫健委", "市卫生健康委"] } } })).toBe(2);
    const links = await db.prisma.projectUnit.findMany({ include: { project: true }, orderBy: [{ projectId: "asc" }, { position: "asc" }] });
    for (const row of source) {
      const mine = links.filter((l) => l.project.seq === row.seq);
      expect(mine.map((l) => l.publishedName)).toEqual(row.units);
      expect(mine.map((l) => l.isLead)).toEqual(row.units.map((_, i) => i === 0));
    }
  });

  it("does nothing the second time", async () => {
    expect((await seedDemoData(db.prisma)).created).toBe(false);
    expect(await db.prisma.project.count()).toBe(69);
    expect(await db.prisma.plan.count({ where: { code: WENZHOU_PLAN.code } })).toBe(1);
  });
});

describe("demo accounts", () => {
  it("exist for every role, with hashed passwords and editors tied to their unit", async () => {
    const users = await db.prisma.user.findMany({ include: { unit: true } });
    expect(users.map((u) => u.role).sort()).toEqual(DEMO_USERS.map((u) => u.role).sort());
    for (const user of users) {
      expect(user.passwordHash).not.toContain(DEMO_PASSWORD);
      expect(user.passwordHash).toMatch(/^\$2[aby]\$/);
    }
    expect(users.find((u) => u.login === "zjj")?.unit?.name).toBe("市住建局");
  });

  it("log in with the right password only, and say nothing about which part was wrong", async () => {
    expect(await verifyCredentials(db.prisma, "drc", DEMO_PASSWORD)).toMatchObject({ login: "drc" });
    expect(await verifyCredentials(db.prisma, "drc", "wrong")).toBeNull();
    expect(await verifyCredentials(db.prisma, "nobody", DEMO_PASSWORD)).toBeNull();
    await db.prisma.user.update({ where: { login: "viewer" }, data: { active: false } });
    expect(await verifyCredentials(db.prisma, "viewer", DEMO_PASSWORD)).toBeNull();
  });
});
