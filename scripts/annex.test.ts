// The command line, run as a user runs it (tsx scripts/annex.ts), against a
// test database: the JSON it prints is checked against the source file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
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

const source2: { seq: number; units: string[] }[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
type SourceRow = { domain: string; totalInvestment: string; fypInvestment: string };
const source: SourceRow[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
const wan = (text: string) => {
  const m = /^(\d+)(?:\.(\d))?$/.exec(text);
  return m ? (BigInt(m[1]!) * 10n + BigInt(m[2] ?? "0")) * 1000n : 0n;
};

describe("npm run annex", () => {
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

  it("user add reads the password from standard input and creates a working account", async () => {
    const { code, stdout } = annex(["user", "add", "--login", "ops", "--role", "admin", "--password-stdin"], "a-long-secret\n");
    expect(code).toBe(0);
    expect(stdout).toContain("已创建用户 ops");
    expect(await verifyCredentials(db.prisma, "ops", "a-long-secret")).toMatchObject({ login: "ops" });
  });

  it("explains bad usage with exit code 2, and refusals with 1, in Chinese", () => {
    expect(annex(["rollup", "--plan", "wenzhou-2021"]).code).toBe(2);
    const weak = annex(["user", "add", "--login", "x1", "--role", "viewer", "--password-stdin"], "short\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("密码至少 8 个字符");
    const missing = annex(["import", "/nonexistent.xlsx", "--plan", "x"]);
    expect(missing.code).toBe(1);
  });

  it("import --dry-run --json previews without writing", () => {
    const { code, stdout } = annex(["import", "prisma/seed-data/wenzhou-2021-annex.xlsx", "--plan", "cli-dry", "--dry-run", "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect([out.counts.add, out.applied]).toEqual([69, false]);
  });

  it("report-template writes a unit's 填报模板; report-import reads it back, refuses errors with 1 and saves drafts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "annex-cli-"));
    const file = path.join(dir, "template.xlsx");
    const made = annex(["report-template", "--plan", "wenzhou-2021", "--month", "2026-10", "--as", "zjj", "--out", file]);
    expect(made.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("填报")!;
    const headers = (ws.getRow(3).values as unknown[]).map(String);
    const monthCol = headers.indexOf("当月完成（万元）");
    const seq = source2.filter((r) => r.units.includes("市住建局"))[0]!.seq;
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === seq)!;
    row.getCell(monthCol).value = "abc";
    await wb.xlsx.writeFile(file);
    const bad = annex(["report-import", file, "--plan", "wenzhou-2021", "--month", "2026-10", "--as", "zjj"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("当月完成（万元）");
    row.getCell(monthCol).value = 88;
    await wb.xlsx.writeFile(file);
    const good = annex(["report-import", file, "--plan", "wenzhou-2021", "--month", "2026-10", "--as", "zjj", "--json"]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).saved).toBe(1);
    const stored = await db.prisma.progressReport.findFirstOrThrow({ where: { year: 2026, month: 10, project: { seq, plan: { code: "wenzhou-2021" } } } });
    expect([stored.status, stored.monthWan.toFixed()]).toEqual(["DRAFT", "88"]);
    expect(annex(["report-import", file, "--plan", "wenzhou-2021", "--month", "2026-10", "--as", "jyj"]).code).toBe(1);
  }, 240_000);
});
