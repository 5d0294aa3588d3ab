// The command line, run as a user runs it (tsx scripts/annex.ts), against a
// test database: the JSON it prints is checked against the source file.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/plans/demo-data";
import { verifyCredentials } from "@/lib/auth/credentials";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
});
afterAll(() => db.drop());

function annex(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/annex.ts", ...args], {
    env: { ...process.env, DATABASE_URL: db.url },
    input,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

type SourceRow = { domain: string; totalInvestment: string; fypInvestment: string };
const source: SourceRow[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
const wan = (text: string) => {
  const m = /^(\d+)(?:\.(\d))?$/.exec(text);
  return m ? (BigInt(m[1]!) * 10n + BigInt(m[2] ?? "0")) * 1000n : 0n;
};

// Each command boots tsx and Prisma: several seconds on a loaded 2-core machine.
describe("npm run annex", { timeout: 300_000 }, () => {
  it("rollup --by domain --json prints exact 万元 sums that match the source file", () => {
    const { code, stdout } = annex(["rollup", "--plan", "wenzhou-2021", "--by", "domain", "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.by).toBe("domain");
    const domains = [...new Set(source.map((r) => r.domain))];
    expect(out.rows.map((r: { key: string }) => r.key)).toEqual(domains);
    for (const row of out.rows) {
      const mine = source.filter((r) => r.domain === row.key);
      expect(row.projects).toBe(mine.length);
      expect(row.totalWan).toBe(mine.reduce((s, r) => s + wan(r.totalInvestment), 0n).toString());
      expect(row.fypWan).toBe(mine.reduce((s, r) => s + wan(r.fypInvestment), 0n).toString());
    }
  });

  it("rollup --by status --month counts every project under its reported status", () => {
    // No report in this database yet: every live project is 未报送 as of any month.
    const { code, stdout } = annex(["rollup", "--plan", "wenzhou-2021", "--by", "status", "--month", "2026-10", "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.month).toBe("2026-10");
    expect(out.rows.map((r: { key: string; projects: number }) => [r.key, r.projects])).toEqual([["未报送", source.length]]);
    expect(out.rows[0].totalWan).toBe(source.reduce((s, r) => s + wan(r.totalInvestment), 0n).toString());
    expect(out.rows[0].progress).toMatchObject({ annualPlanWan: "0", yearToDateWan: "0", annualRate: null });
    expect(annex(["rollup", "--plan", "wenzhou-2021", "--by", "status", "--month", "2026-13"]).code).toBe(2);
  });

  it("user add reads the password from standard input and creates a working account, to be changed at first login", async () => {
    const { code, stdout } = annex(["user", "add", "--login", "ops", "--role", "admin", "--password-stdin"], "A-long-secret7\n");
    expect(code).toBe(0);
    expect(stdout).toContain("已创建用户 ops");
    expect(await verifyCredentials(db.prisma, "ops", "A-long-secret7")).toMatchObject({ login: "ops" });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { login: "ops" } })).mustChangePassword).toBe(true);
  });

  it("user list, disable, enable, reset and set-role change the account and are audited as the operator", async () => {
    const list = annex(["user", "list", "--json"]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).map((u: { login: string }) => u.login)).toEqual(expect.arrayContaining(["admin", "drc", "zjj", "viewer"]));
    expect(list.stdout).not.toContain("passwordHash");

    expect(annex(["user", "disable", "--login", "viewer"]).code).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { login: "viewer" } })).active).toBe(false);
    expect(annex(["user", "enable", "--login", "viewer"]).code).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { login: "viewer" } })).active).toBe(true);

    expect(annex(["user", "reset", "--login", "viewer", "--password-stdin"], "Fresh-Start-2026\n").code).toBe(0);
    expect(await verifyCredentials(db.prisma, "viewer", "Fresh-Start-2026")).toMatchObject({ login: "viewer" });

    const role = annex(["user", "set-role", "--login", "viewer", "--role", "editor", "--unit", "市教育局"]);
    expect(role.code, role.stderr).toBe(0);
    const viewer = await db.prisma.user.findUniqueOrThrow({ where: { login: "viewer" }, include: { unit: true } });
    expect([viewer.role, viewer.unit?.name]).toEqual(["EDITOR", "市教育局"]);

    const events = await db.prisma.auditEvent.findMany({ where: { targetId: "viewer" }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["user.set-active", "user.set-active", "user.reset-password", "user.set-role"]);
    expect(events.every((e) => e.actorLogin.startsWith("命令行（") && e.outcome === "SUCCESS")).toBe(true);

    expect(annex(["user", "disable", "--login", "nobody"]).code).toBe(1);
    expect(annex(["user", "frobnicate"]).code).toBe(2);
  });

  it("explains bad usage with exit code 2, and refusals with 1, in Chinese", () => {
    expect(annex(["rollup", "--plan", "wenzhou-2021"]).code).toBe(2);
    const weak = annex(["user", "add", "--login", "x1", "--role", "viewer", "--password-stdin"], "short\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("密码至少 10 个字符");
    const missing = annex(["import", "/nonexistent.xlsx", "--plan", "x"]);
    expect(missing.code).toBe(1);
  });

  it("import --dry-run --json previews without writing", () => {
    const { code, stdout } = annex(["import", "prisma/seed-data/wenzhou-2021-annex.xlsx", "--plan", "cli-dry", "--dry-run", "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect([out.counts.add, out.applied]).toEqual([69, false]);
  });
});
