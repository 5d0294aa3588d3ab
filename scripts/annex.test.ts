// The command line, run as a user runs it (tsx scripts/annex.ts), against a
// test database: the JSON it prints is checked against the source file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoData } from "@/lib/plans/demo-data";
import { verifyCredentials } from "@/lib/auth/credentials";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

// Each test starts the command line (tsx, migrations check) one or more times: on a
// loaded machine that alone has taken over 30 s.
vi.setConfig({ testTimeout: 180_000 });

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

// Each command boots tsx and Prisma: several seconds on a loaded 2-core machine.
describe("npm run annex", { timeout: 900_000 }, () => {
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
    const { code, stdout } = annex(["import", "prisma/seed-data/wenzhou-2021-annex.xlsx", "--plan", "cli-dry", "--name", "温州（试运行）", "--dry-run", "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect([out.counts.add, out.applied]).toEqual([69, false]);
  });
  it("export --format oc4ids writes the project package, and bulletin writes the month's 通报 in each format", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "annex-cli-"));
    const json = path.join(dir, "plan.json");
    expect(annex(["export", "--plan", "wenzhou-2021", "--format", "oc4ids", "--out", json]).code).toBe(0);
    const pkg = JSON.parse(readFileSync(json, "utf8"));
    expect(pkg.version).toBe("0.9");
    expect(pkg.projects).toHaveLength(source.length);
    // The same writers as the web page (tested on their own in lib/): here, that the command runs them.
    const out = path.join(dir, "bulletin.docx");
    const run = annex(["bulletin", "--plan", "wenzhou-2021", "--month", "2026-09", "--format", "docx", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    expect(statSync(out).size).toBeGreaterThan(1000);
    const refused = annex(["bulletin", "--plan", "wenzhou-2021", "--month", "2026-13", "--format", "docx", "--out", path.join(dir, "x.docx")]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("格式不正确");
  }, 240_000);

  it("import --column, --include-hidden, --name and --years decide what the preview asked", { timeout: 300_000 }, async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { layoutFile } = await import("@/tests/annex-layouts");
    const dir = mkdtempSync(path.join(tmpdir(), "annex-cli-"));
    const file = path.join(dir, "two.xlsx");
    const built = await layoutFile({ twoTotals: "one-row", hiddenProjectsAfter: [1], title: "附表1" });
    writeFileSync(file, built.bytes);

    const asked = annex(["import", file, "--plan", "cli-two"]);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toContain("都可作为总投资列");
    expect(asked.stdout).toContain("请用 --column 总投资=列名");
    expect(asked.stdout).toContain("无法从表格标题确定规划名称");

    const done = annex(["import", file, "--plan", "cli-two", "--column", "总投资=调整后总投资", "--name", "命令行测试规划", "--years", "2021-2025", "--json"]);
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    const out = JSON.parse(done.stdout);
    expect([out.applied, out.counts.add, out.counts.errors, out.hiddenRows.length]).toEqual([true, source.length, 0, 1]);
    const plan = await db.prisma.plan.findUniqueOrThrow({ where: { code: "cli-two" }, include: { _count: { select: { projects: true } } } });
    expect([plan.name, plan.startYear, plan.endYear, plan._count.projects]).toEqual(["命令行测试规划", 2021, 2025, source.length]);

    const hidden = annex(["import", file, "--plan", "cli-hidden", "--column", "总投资=H", "--include-hidden", "--name", "命令行隐藏行", "--dry-run", "--json"]);
    expect(JSON.parse(hidden.stdout).counts.add).toBe(source.length + 1);
    expect(annex(["import", file, "--plan", "x", "--years", "2025"]).code).toBe(2);
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

  it("export --version 1 writes the same bytes every time; --table changes needs a version after the baseline; versions --json lists v1", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "annex-cli-"));
    const [a, b] = [path.join(dir, "a.docx"), path.join(dir, "b.docx")];
    expect(annex(["export", "--plan", "wenzhou-2021", "--format", "docx", "--version", "1", "--out", a]).code).toBe(0);
    expect(annex(["export", "--plan", "wenzhou-2021", "--format", "docx", "--version", "1", "--out", b]).code).toBe(0);
    expect(Buffer.compare(readFileSync(a), readFileSync(b))).toBe(0);
    const changes = annex(["export", "--plan", "wenzhou-2021", "--format", "xlsx", "--table", "changes", "--out", path.join(dir, "c.xlsx")]);
    expect(changes.code).toBe(1);
    expect(changes.stderr + changes.stdout).toContain("第 1 版是原规划（基线）");
    expect(annex(["export", "--plan", "wenzhou-2021", "--format", "xlsx", "--version", "x", "--out", a]).code).toBe(2);
    const versions = annex(["versions", "--plan", "wenzhou-2021", "--json"]);
    expect(versions.code).toBe(0);
    const [v1] = JSON.parse(versions.stdout);
    expect(v1).toMatchObject({ number: 1, label: "原规划（基线）", projects: source.length });
  }, 240_000);

  it("rollup --version 1 reads the baseline by unit too (each project under each unit as published); not by status", () => {
    const { code, stdout } = annex(["rollup", "--plan", "wenzhou-2021", "--by", "unit", "--version", "1", "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ by: "unit", version: 1 });
    const zjj = out.rows.find((r: { key: string }) => r.key === "市住建局");
    expect(zjj.projects).toBe(source2.filter((r) => r.units.includes("市住建局")).length);
    expect(annex(["rollup", "--plan", "wenzhou-2021", "--by", "status", "--version", "1", "--json"]).code).toBe(2);
  }, 240_000);

  it("rollup --by county --shares --version 1 reads the splits version 1 froze (none), not a split made since; --month with it is refused", async () => {
    // A split made after the baseline, written straight into the register: 全市棚户区改造安置工程 100/40 亿元 to 鹿城区.
    const project = await db.prisma.project.findFirstOrThrow({ where: { name: "全市棚户区改造安置工程" } });
    const lucheng = await db.prisma.region.findUniqueOrThrow({ where: { code: "330302" } });
    await db.prisma.projectCountyShare.create({ data: { projectId: project.id, regionId: lucheng.id, position: 0, totalWan: "1000000", fypWan: "400000" } });
    type Row = { key: string; kind: string; splitProjects: number; totalWan: string };
    const sumOf = (rows: Row[]) => rows.reduce((s, r) => s + BigInt(r.totalWan.split(".")[0]!), 0n);
    const sourceTotal = source.reduce((s, r) => s + wan(r.totalInvestment), 0n);

    const v1 = annex(["rollup", "--plan", "wenzhou-2021", "--by", "county", "--shares", "--version", "1", "--json"]);
    expect(v1.code).toBe(0);
    const frozen = JSON.parse(v1.stdout) as { version: number; shares: boolean; rows: Row[] };
    expect(frozen).toMatchObject({ version: 1, shares: true });
    expect(frozen.rows.some((r) => r.kind === "unsplit" || r.splitProjects > 0)).toBe(false);
    expect(sumOf(frozen.rows)).toBe(sourceTotal);

    const live = JSON.parse(annex(["rollup", "--plan", "wenzhou-2021", "--by", "county", "--shares", "--json"]).stdout) as { rows: Row[] };
    // 643 − 100 亿元 left unsplit.
    expect(live.rows.find((r) => r.kind === "unsplit")).toMatchObject({ splitProjects: 1, totalWan: "5430000" });
    expect(annex(["rollup", "--plan", "wenzhou-2021", "--by", "county", "--shares", "--version", "1", "--month", "2026-10", "--json"]).code).toBe(2);
  }, 240_000);
});
