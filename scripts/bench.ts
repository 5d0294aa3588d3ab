// `npm run bench [-- --seed N --runs N --keep]`: the application at a
// province's scale, measured. Builds, in a database of its own (an embedded
// PostgreSQL under .data/bench-postgres, or BENCH_DATABASE_URL), a synthetic
// data set deterministic from the seed — 20 plans, 100,000 projects, 5,000
// units, 5 years × 12 months of reports each (6 million rows), loaded with
// INSERT … SELECT over generate_series inside PostgreSQL (its bulk path) —
// then times the application's own functions with warm-up and repeated runs
// (p50, p95), each rollup beside the one hand-written SQL statement that
// computes the same answer, and writes bench/results.json.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { annexTable } from "@/lib/export/annex-table";
import { annexWorkbook } from "@/lib/export/annex-xlsx";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyAnnexImport, previewAnnexImport } from "@/lib/import/import-mutations";
import type { ImportOptions } from "@/lib/import/import-options";
import { runMutation } from "@/lib/mutations/run-mutation";
import { saveReportDraftsMutation } from "@/lib/progress/monthly-reports";
import { listAnnexRows } from "@/lib/projects/list-projects";
import { updateProjectMutation } from "@/lib/projects/update-project";
import { trimDecimal } from "@/lib/money/amount";
import { ensureRegions } from "@/lib/regions/seed-regions";
import { domainByCounty } from "@/lib/rollups/cross-table";
import { rollup, type RollupDimension, type RollupRow } from "@/lib/rollups/rollups";
import { AppError } from "@/lib/errors";
import { measureBrowser, type BrowserResult } from "./bench-browser";
import { startCluster } from "./bench-cluster";
import { createLoadAccounts, LOAD_PASSWORD, measureLoad, type LoadResult } from "./bench-load";
import { buildIfStale } from "./build-if-stale";
import { measureStartup } from "./bench-startup";
import { chosenSql, cityPlanCode, hierarchySizes, loadHierarchy, PROVINCE_PLAN, readableByHand, subtreeSql } from "./bench-hierarchy";
import { loadActor } from "@/lib/auth/actor";
import { readScope, type ReadScope } from "@/lib/auth/scope";
import type { Levels } from "@/lib/rollups/levels";

const { values: args } = parseArgs({
  options: {
    seed: { type: "string", default: "20211" },
    runs: { type: "string", default: "10" },
    // Leave the database server running afterwards (for EXPLAIN ANALYZE).
    keep: { type: "boolean", default: false },
    // Development only: measure again on the data set of the last run instead of building it anew.
    reuse: { type: "boolean", default: false },
    // small: 4 plans of 1,000 projects and a 20-second load test, to try the benchmark out quickly.
    scale: { type: "string", default: "full" },
    // Which parts to run (all by default): library,export,load,browser,startup; `hierarchy` alone is the
    // library part's province hierarchy only (on a fresh data set: the library part's imports add plans to the province).
    only: { type: "string", default: "library,export,load,browser,startup" },
  },
});
const SMALL = args.scale === "small";
if (!["full", "small"].includes(args.scale!)) throw new Error("--scale 只能是 full 或 small");
const PARTS = new Set(args.only!.split(","));
const SEED = Number(args.seed);
const RUNS = Number(args.runs);
const PLANS = SMALL ? 4 : 20;
const PER_PLAN = SMALL ? 1_000 : 5_000;
const UNITS = SMALL ? 1_000 : 5_000;
// The load test: 100 signed-in sessions at once for 60 s, two instances behind a proxy.
const LOAD = { sessions: 100, seconds: SMALL ? 20 : 60, instances: 2, basePort: Number(process.env.BENCH_APP_PORT ?? 3400) };
const N = PER_PLAN.toLocaleString("en");
const RESULTS_FILE = SMALL ? "bench/results-small.json" : "bench/results.json";
const YEARS = [2021, 2022, 2023, 2024, 2025];
const AS_OF = { year: 2025, month: 6 };
const ONE_PLAN = "bench-01";
const WRITERS = 20;

type Measurement = { name: string; p50: number; p95: number; runs: number; rawP50?: number; rawP95?: number; ratio?: number; target?: string; ok?: boolean };
const results: Measurement[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeOnce<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: round(performance.now() - start) };
}

async function time(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<{ p50: number; p95: number }> {
  const [stats] = await timeTogether([fn], runs, warmup);
  return stats!;
}

/**
 * Several functions timed in turns (a, b, a, b, …), so that a slow spell of a
 * shared machine falls on both sides of a ratio rather than on one of them.
 */
async function timeTogether(fns: (() => Promise<unknown>)[], runs: number, warmup = 2): Promise<{ p50: number; p95: number }[]> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const start = performance.now();
      await fn();
      samples[k]!.push(performance.now() - start);
    }
  }
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return { p50: round(percentile(s, 50)), p95: round(percentile(s, 95)) };
  });
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const log = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

async function main() {
  const started = Date.now();
  let url = process.env.BENCH_DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(process.cwd(), ".data/bench-postgres"),
      port: Number(process.env.BENCH_PG_PORT ?? 54359),
      user: "annex",
      password: "annex",
      database: "postgres",
    });
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    if (!args.reuse) {
      await admin.query("DROP DATABASE IF EXISTS annex_bench WITH (FORCE)");
      await admin.query("CREATE DATABASE annex_bench");
      // Sorting and hashing 300,000 project × unit rows in memory, not in temp files:
      // what an installation of this size sets (the default is 4 MB).
      await admin.query("ALTER DATABASE annex_bench SET work_mem = '64MB'");
    }
    await admin.end();
    url = server.adminUrl.replace(/\/postgres$/, "/annex_bench");
    stop = server.stop;
  }
  log(`数据库 ${url.replace(/:[^:@/]+@/, ":***@")}`);
  await applyMigrations(url);
  const db = createPrismaClient(url);
  const raw = new pg.Pool({ connectionString: url, max: 4 });
  try {
    await ensureRegions(db);
    const loadSeconds = args.reuse ? 0 : await load(raw);
    if (args.reuse) await removeEarlierImports(raw);
    const counts = (await raw.query(`SELECT (SELECT count(*) FROM "Plan") AS plans, (SELECT count(*) FROM "Project") AS projects, (SELECT count(*) FROM "Unit") AS units, (SELECT count(*) FROM "ProgressReport") AS reports`)).rows[0];
    log(`数据：${counts.plans} 个规划，${counts.projects} 个项目，${counts.units} 个单位，${counts.reports} 条月报（载入 ${loadSeconds} 秒）`);

    let concurrency: Awaited<ReturnType<typeof measureWriters>> | null = null;
    let hierarchy: Awaited<ReturnType<typeof measureHierarchy>> | null = null;
    if (PARTS.has("hierarchy") && !PARTS.has("library")) hierarchy = await measureHierarchy(db, raw);
    if (PARTS.has("library")) {
      // The rollup by unit reads a summary (lib/rollups/unit-month-figures.ts), computed for a plan's month
      // when first asked for: those first computations, timed on their own.
      for (const [name, code] of [["一个规划", ONE_PLAN], ["全部规划", null]] as const) {
        const first = await timeOnce(() => rollup(db, code, "unit", { asOf: AS_OF }));
        results.push({ name: `按单位汇总（${name}）：该月首次计算`, p50: first.ms, p95: first.ms, runs: 1 });
        log(`按单位汇总（${name}）：该月首次计算 ${first.ms} ms`);
      }

      await measureRollups(db, raw);
      hierarchy = await measureHierarchy(db, raw);
      await measureGrid(db);
      await measureExportImport(db);
      concurrency = await measureWriters(db, raw);

      // After the writes above (imported plans, 200 saved reports and projects): a rollup by unit
      // first recomputes the units they made stale, in the months already computed.
      const stale = Number((await raw.query(`SELECT count(DISTINCT ("planId", "unitId")) AS n FROM "UnitMonthFiguresStale"`)).rows[0].n);
      const after = await timeOnce(() => rollup(db, ONE_PLAN, "unit", { asOf: AS_OF }));
      results.push({ name: `按单位汇总（一个规划），写入之后首次：先刷新 ${stale} 组`, p50: after.ms, p95: after.ms, runs: 1 });
      log(`写入之后首次按单位汇总：刷新 ${stale} 组，${after.ms} ms`);
    }
    const bigExport = PARTS.has("export") ? await measureBigExport(raw, url) : null;
    let loadTest: LoadResult | null = null;
    let browser: BrowserResult | null = null;
    if (PARTS.has("load") || PARTS.has("browser")) {
      // The production build, as `npm start` serves it.
      buildIfStale({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
      const cluster = await startCluster({ databaseUrl: url, basePort: LOAD.basePort, instances: LOAD.instances, log });
      try {
        const codes = Array.from({ length: PLANS }, (_, i) => `bench-${String(i + 1).padStart(2, "0")}`);
        if (PARTS.has("load")) loadTest = await measureLoad(raw, { cluster, planCode: ONE_PLAN, planCodes: codes, sessions: LOAD.sessions, durationS: LOAD.seconds, asOf: AS_OF, log });
        else await createLoadAccounts(raw, ONE_PLAN, 1);
        if (loadTest) recordLoad(loadTest);
        if (PARTS.has("browser")) {
          try {
            browser = await measureBrowser({ url: cluster.url, login: "load-drc-0", password: LOAD_PASSWORD, planCode: ONE_PLAN, rows: PER_PLAN, month: `${AS_OF.year}-${String(AS_OF.month).padStart(2, "0")}`, runs: SMALL ? 5 : RUNS, log });
            results.push(...browser.timings);
          } catch (error) {
            // A failed part is a missed target in the table, not the loss of every other figure.
            results.push({ name: `浏览器：失败（${error instanceof Error ? error.message.split("\n")[0] : String(error)}）`, p50: 0, p95: 0, runs: 0, ok: false });
            log(`浏览器测量失败：${error instanceof Error ? error.message : String(error)}`);
          }
        }
      } finally {
        await cluster.stop();
      }
    }

    // Last, with the database of the benchmark stopped or not: a fresh clone's npm install && npm start.
    const startup = PARTS.has("startup") ? await measureStartup(log) : null;

    const output = {
      seed: SEED,
      runs: RUNS,
      asOf: AS_OF,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "", memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      data: { plans: Number(counts.plans), projects: Number(counts.projects), units: Number(counts.units), reports: Number(counts.reports), loadSeconds },
      measurements: results,
      concurrency,
      hierarchy,
      bigExport,
      load: loadTest,
      startup,
      browser: browser && { scroll: browser.scroll },
      scale: SMALL ? "small" : "full",
      loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    mkdirSync("bench", { recursive: true });
    // A small-scale run does not replace the province-scale figures the README's table quotes.
    writeFileSync(RESULTS_FILE, JSON.stringify(output, null, 2) + "\n");
    printTable(output.totalSeconds);
    const missed = results.filter((r) => r.ok === false);
    if (missed.length || (concurrency && !concurrency.ok) || (loadTest && loadTest.errors > 0) || (browser && browser.scroll.blankFrames > 0)) process.exitCode = 1;
  } finally {
    await raw.end();
    await db.$disconnect();
    if (!args.keep) await stop();
  }
}

/** The synthetic data set, generated inside PostgreSQL from the seed (hashint8extended is deterministic). */
async function load(raw: pg.Pool): Promise<number> {
  const start = Date.now();
  const c = await raw.connect();
  try {
    await c.query("SET synchronous_commit = off");
    const h = (expr: string) => `abs(hashint8extended((${expr})::bigint, ${SEED}))`;
    const cities = (await c.query(`SELECT code, id FROM "Region" WHERE code IN ('330300', '331000') ORDER BY code`)).rows as { code: string; id: number }[];
    const children = await Promise.all(
      cities.map(async (city) => (await c.query(`SELECT id FROM "Region" WHERE "parentId" = $1 ORDER BY code`, [city.id])).rows.map((r) => r.id as number)),
    );
    const regionPick = (i: string, planNo: string) =>
      `CASE WHEN ${planNo} % 2 = 1 THEN (ARRAY[${children[0]!.join(",")}])[1 + ${h(`${i} * 11`)} % ${children[0]!.length}] ELSE (ARRAY[${children[1]!.join(",")}])[1 + ${h(`${i} * 11`)} % ${children[1]!.length}] END`;

    log("载入：用户、单位、规划、领域");
    await c.query(`INSERT INTO "User" (login, name, "passwordHash", role) VALUES ('bench', '基准测试', 'x', 'REVIEWER')`);
    await c.query(`INSERT INTO "Unit" (name, aliases, kind) SELECT '基准单位' || lpad(u::text, 4, '0'), '{}', 'DEPARTMENT' FROM generate_series(1, ${UNITS}) u`);
    await c.query(`INSERT INTO "Plan" (code, name, issuer, "startYear", "endYear", "regionId")
      SELECT 'bench-' || lpad(n::text, 2, '0'), '基准测试规划' || n, '基准测试', 2021, 2025, CASE WHEN n % 2 = 1 THEN ${cities[0]!.id} ELSE ${cities[1]!.id} END
        FROM generate_series(1, ${PLANS}) n`);
    await c.query(`INSERT INTO "Domain" ("planId", name, position) SELECT pl.id, '领域' || lpad(k::text, 2, '0'), k FROM "Plan" pl CROSS JOIN generate_series(1, 10) k`);

    log(`载入：${PLANS * PER_PLAN} 个项目`);
    await c.query(`
      INSERT INTO "Project" ("planId", "domainId", seq, name, type, "periodText", "periodStart", "periodEnd", "locationText", "regionId",
                             "locationResolution", "locationRule", content, "totalState", "totalWan", "fypState", "fypWan", "updatedAt")
      SELECT pl.id, d.id, s.seq, '基准项目' || s.i, (ARRAY['新建','续建','续建、新建','改建','扩建','改扩建','承接','迭代'])[1 + ${h("s.i * 13")} % 8],
             '2021-2025', 2021, 2025, r.name, r.id, 'COUNTY', '基准测试', '基准测试项目的建设内容' || s.i,
             CASE WHEN s.pending THEN 'PENDING' ELSE 'VALUE' END::"AmountState", CASE WHEN s.pending THEN NULL ELSE s.total END,
             CASE WHEN s.pending THEN 'PENDING' ELSE 'VALUE' END::"AmountState", CASE WHEN s.pending THEN NULL ELSE round(s.total * (50 + ${h("s.i * 23")} % 51) / 100, 1) END,
             now()
        FROM (SELECT i, (i - 1) / ${PER_PLAN} + 1 AS plan_no, (i - 1) % ${PER_PLAN} + 1 AS seq,
                     ${h("i * 17")} % 100 < 3 AS pending, round(100 + (${h("i * 19")} % 5000000) / 10.0, 1) AS total
                FROM generate_series(1, ${PLANS * PER_PLAN}) i) s
        JOIN "Plan" pl ON pl.code = 'bench-' || lpad(s.plan_no::text, 2, '0')
        JOIN "Domain" d ON d."planId" = pl.id AND d.position = 1 + ${h("s.i * 7")} % 10
        JOIN "Region" r ON r.id = ${regionPick("s.i", "s.plan_no")}`);

    // The province's hierarchy beside the 20 plans (scripts/bench-hierarchy.ts): its units, annual
    // plans and reports come from the statements below, which cover every project.
    await loadHierarchy(c, h, hierarchySizes(SMALL), log);

    log("载入：项目的实施单位（每个项目 1–3 个）");
    await c.query(`
      INSERT INTO "ProjectUnit" ("projectId", "unitId", position, "isLead", "publishedName")
      SELECT p.id, u.id, k + 1, k = 0, u.name
        FROM "Project" p
        CROSS JOIN generate_series(0, 2) k
        JOIN "Unit" u ON u.name = '基准单位' || lpad((1 + (${h("p.id * 29")} + k * 1237) % ${UNITS})::text, 4, '0')
       WHERE k < 1 + ${h("p.id * 31")} % 3`);

    log("载入：年度计划（5 年）");
    await c.query(`
      INSERT INTO "AnnualInvestmentPlan" ("projectId", year, "plannedWan")
      SELECT p.id, y, round(p."fypWan" / 5 * (80 + ${h("p.id * 37 + y")} % 41) / 100, 1)
        FROM "Project" p CROSS JOIN generate_series(${YEARS[0]}, ${YEARS[YEARS.length - 1]}) y
       WHERE p."fypState" = 'VALUE'`);

    // Each project completes its annual plan at its own pace (0.4–1.3 of it) in equal months;
    // a twentieth have not started (0 every month). Cumulative figures in closed form.
    const userId = (await c.query(`SELECT id FROM "User" WHERE login = 'bench'`)).rows[0].id as number;
    const plans = (await c.query(`SELECT id FROM "Plan" ORDER BY id`)).rows as { id: number }[];
    for (const [n, plan] of plans.entries()) {
      await c.query(`
        INSERT INTO "ProgressReport" ("projectId", year, month, revision, status, effective, "monthWan", "yearToDateWan", "planToDateWan",
                                      "approvedEffective", "approvedYearToDateWan", "approvedPlanToDateWan",
                                      "physicalProgress", construction, "savedById", "savedAt", "submittedById", "submittedAt")
        SELECT m.pid, m.year, mo, 1, 'APPROVED', TRUE, m.c, m.c * mo, m.before + m.c * mo, TRUE, m.c * mo, m.before + m.c * mo, '按计划推进',
               CASE WHEN m.started THEN 'UNDER_CONSTRUCTION' ELSE 'PREPARATION' END::"ConstructionStatus", ${userId}, now(), ${userId}, now()
          FROM (
            SELECT y.pid, y.year, y.c, y.started,
                   coalesce(sum(y.c * 12) OVER (PARTITION BY y.pid ORDER BY y.year ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
              FROM (
                SELECT p.id AS pid, yr AS year, ${h("p.id * 43")} % 20 <> 0 AS started,
                       CASE WHEN ${h("p.id * 43")} % 20 = 0 THEN 0
                            ELSE round(coalesce(ap."plannedWan", 0) * (40 + ${h("p.id * 41")} % 91) / 100 / 12, 1) END AS c
                  FROM "Project" p
                  CROSS JOIN generate_series(${YEARS[0]}, ${YEARS[YEARS.length - 1]}) yr
                  LEFT JOIN "AnnualInvestmentPlan" ap ON ap."projectId" = p.id AND ap.year = yr
                 WHERE p."planId" = ${plan.id}
              ) y
          ) m
          CROSS JOIN generate_series(1, 12) mo`);
      if ((n + 1) % 20 === 0 || n + 1 === plans.length) log(`载入：月报（${n + 1} / ${plans.length} 个规划）`);
    }
    log("VACUUM ANALYZE");
    await c.query("VACUUM ANALYZE");
  } finally {
    c.release();
  }
  return Math.round((Date.now() - start) / 100) / 10;
}

/** A rollup “含下级” by hand: the plan, its region, and what the reader reads (SQL over a project and its plan's aliases). */
type HandLevels = { planId: number; topRegionId: number; readable: (p: string, pl: string) => string };

/**
 * The hand-written statement for each rollup: the same answer — every column the
 * application returns, in its order — written directly against the tables, the
 * lights in lightSql's own form ((month·plan − 12·ytd)·100 against points·12·plan).
 */
function rawRollupSql(by: RollupDimension | "cross", planId: number | null, levels?: HandLevels): string {
  const { year, month } = AS_OF;
  const plainCounty = `CASE p."locationResolution" WHEN 'WHOLE_CITY' THEN '全市' WHEN 'UNDECIDED' THEN '未定' WHEN 'UNRESOLVED' THEN '无法识别' ELSE r.name END`;
  // 含下级: a lower plan's row that its location does not put in a county or zone counts in that plan's region.
  const lower = `(pl."regionId" <> ${levels?.topRegionId} AND p."locationResolution" NOT IN ('COUNTY', 'FUNCTIONAL_ZONE'))`;
  const county = levels ? `CASE WHEN ${lower} THEN plr.name ELSE ${plainCounty} END` : plainCounty;
  const key = {
    domain: `d.name`,
    county,
    type: `p.type`,
    unit: `u.name`,
    status: `CASE l.construction WHEN 'PREPARATION' THEN '前期' WHEN 'UNDER_CONSTRUCTION' THEN '在建' WHEN 'COMPLETED' THEN '竣工' WHEN 'SUSPENDED' THEN '停缓建' ELSE '未报送' END`,
    cross: `d.name, ${county}`,
  }[by];
  const order = {
    domain: `min(pl.id::bigint * 1000000 + d.position), 1`,
    county: `min(CASE ${levels ? `WHEN ${lower} THEN '0' || plr.code` : ""} WHEN p."locationResolution" = 'COUNTY' THEN '0' || r.code WHEN p."locationResolution" = 'FUNCTIONAL_ZONE' THEN '1' || r.code
                      WHEN p."locationResolution" = 'WHOLE_CITY' THEN '2' WHEN p."locationResolution" = 'UNDECIDED' THEN '3' ELSE '4' END), 1`,
    type: `2 DESC, 1`,
    unit: `2 DESC, 1`,
    status: `min(CASE l.construction WHEN 'PREPARATION' THEN 1 WHEN 'UNDER_CONSTRUCTION' THEN 2 WHEN 'COMPLETED' THEN 3 WHEN 'SUSPENDED' THEN 4 ELSE 5 END), 1`,
    cross: `min(d.position), 2`,
  }[by];
  const ytd = `CASE WHEN l.year = ${year} THEN l."yearToDateWan" ELSE 0 END`;
  const behind = `(${month} * ap."plannedWan" - 12 * ${ytd}) * 100`;
  const rate = `sum(${ytd}) FILTER (WHERE ap."plannedWan" > 0) / nullif(sum(ap."plannedWan") FILTER (WHERE ap."plannedWan" > 0), 0)`;
  const columns =
    by === "cross"
      ? `count(*), coalesce(sum(p."totalWan"), 0), coalesce(sum(${ytd}), 0)`
      : `count(*), coalesce(sum(p."totalWan"), 0), coalesce(sum(p."fypWan"), 0),
         count(*) FILTER (WHERE p."totalState" = 'PENDING'), count(*) FILTER (WHERE p."totalState" = 'NOT_APPLICABLE'),
         count(*) FILTER (WHERE p."fypState" = 'PENDING'), count(*) FILTER (WHERE p."fypState" = 'NOT_APPLICABLE'),
         coalesce(sum(ap."plannedWan"), 0), count(*) FILTER (WHERE ap."plannedWan" > 0),
         coalesce(sum(${ytd}), 0), coalesce(sum(l."planToDateWan"), 0),
         round(${rate}, 6), round((${month}::numeric / 12 - ${rate}) * 100, 4),
         count(*) FILTER (WHERE ap."plannedWan" > 0 AND ${behind} > pl."redLagPoints" * 12 * ap."plannedWan"),
         count(*) FILTER (WHERE ap."plannedWan" > 0 AND ${behind} <= pl."redLagPoints" * 12 * ap."plannedWan" AND ${behind} >= pl."yellowLagPoints" * 12 * ap."plannedWan"),
         count(*) FILTER (WHERE ap."plannedWan" > 0 AND ${behind} < pl."yellowLagPoints" * 12 * ap."plannedWan"),
         count(*) FILTER (WHERE p."periodStart" <= ${year} AND coalesce(l.construction::text, 'PREPARATION') = 'PREPARATION')`;
  return `
    ${levels ? `${subtreeSql(levels.topRegionId)}, ${chosenSql(levels.planId, levels.readable("cp", "cpl"))}` : ""}
    SELECT ${key}, ${columns}
      FROM "Project" p
      JOIN "Plan" pl ON pl.id = p."planId"
      ${by === "domain" || by === "cross" ? `JOIN "Domain" d ON d.id = p."domainId"` : ""}
      ${by === "county" || by === "cross" ? `LEFT JOIN "Region" r ON r.id = p."regionId"` : ""}
      ${levels && by === "county" ? `LEFT JOIN "Region" plr ON plr.id = pl."regionId"` : ""}
      ${by === "unit" ? `JOIN "ProjectUnit" pu ON pu."projectId" = p.id JOIN "Unit" u ON u.id = pu."unitId"` : ""}
      -- A row listed in a lower plan too reads the reports and the annual plan of the row that reports (the lowest plan's).
      LEFT JOIN "AnnualInvestmentPlan" ap ON ap."projectId" = coalesce(p."reportingProjectId", p.id) AND ap.year = ${year}
      LEFT JOIN "ProgressReport" e ON e."projectId" = coalesce(p."reportingProjectId", p.id) AND e.effective AND e.year = ${year} AND e.month = ${month}
      LEFT JOIN LATERAL (SELECT r2.year, r2."yearToDateWan", r2."planToDateWan", r2.construction FROM "ProgressReport" r2
                          WHERE e.id IS NULL AND r2."projectId" = coalesce(p."reportingProjectId", p.id) AND r2.effective AND (r2.year, r2.month) < (${year}, ${month})
                          ORDER BY r2.year DESC, r2.month DESC LIMIT 1) e2 ON TRUE
      CROSS JOIN LATERAL (SELECT coalesce(e.year, e2.year) AS year, coalesce(e."yearToDateWan", e2."yearToDateWan") AS "yearToDateWan",
                                 coalesce(e."planToDateWan", e2."planToDateWan") AS "planToDateWan", coalesce(e.construction, e2.construction) AS construction) l
     WHERE ${levels ? `p.id IN (SELECT id FROM chosen) AND ${levels.readable("p", "pl")}` : planId === null ? "TRUE" : `p."planId" = ${planId}`} AND p."deletedAt" IS NULL
     GROUP BY ${by === "cross" ? "1, 2" : "1"}
     ORDER BY ${order}`;
}

/** A row of either side as plain values: counts as numbers, decimals without trailing zeros. */
function normalized(row: unknown[]): (string | number | null)[] {
  return row.map((v) => {
    if (v === null || typeof v === "number") return v as number | null;
    const text = trimDecimal(String(v));
    return /^-?\d+$/.test(text) ? Number(text) : text;
  });
}

async function measureRollups(db: PrismaClient, raw: pg.Pool) {
  const planId = (await db.plan.findUniqueOrThrow({ where: { code: ONE_PLAN } })).id;
  const dims: (RollupDimension | "cross")[] = ["domain", "county", "type", "unit", "status", "cross"];
  for (const scope of ["one", "all"] as const) {
    for (const by of dims) {
      const code = scope === "one" ? ONE_PLAN : null;
      const app = () => (by === "cross" ? domainByCounty(db, code, AS_OF) : rollup(db, code, by, { asOf: AS_OF }));
      const sql = rawRollupSql(by, scope === "one" ? planId : null);
      await assertSameAnswer(`${by}/${scope}`, app, raw, sql);
      // One plan's rollups take tens of milliseconds: twice the runs, so that p95 is not simply the slowest of ten.
      const runs = scope === "one" ? 2 * RUNS : Math.max(3, Math.ceil(RUNS / 2));
      const [a, r] = (await timeTogether([app, () => raw.query(sql)], runs)) as [{ p50: number; p95: number }, { p50: number; p95: number }];
      const ratio = Math.round((a.p50 / r.p50) * 100) / 100;
      const limit = scope === "one" ? 150 : 1000;
      const name = `汇总 ${by === "cross" ? "领域×区县" : by}（${scope === "one" ? "一个规划" : "全部规划"}，截至 ${AS_OF.year}-${AS_OF.month}）`;
      results.push({ name, ...a, runs, rawP50: r.p50, rawP95: r.p95, ratio, target: `≤1.5× SQL，p95 < ${limit} ms`, ok: ratio <= 1.5 && a.p95 < limit });
      log(`${name}: p50 ${a.p50} ms, p95 ${a.p95} ms; SQL p50 ${r.p50} ms; 比值 ${ratio}`);
    }
  }
}

/** The same answer, row by row and column by column, from the application and from the hand-written statement. */
async function assertSameAnswer(label: string, app: () => Promise<RollupRow[] | Awaited<ReturnType<typeof domainByCounty>>>, raw: pg.Pool, sql: string): Promise<number> {
  const appRows = (await app()).map((r) =>
    "domain" in r
      ? normalized([r.domain, r.county, r.projects, r.totalWan, r.yearToDateWan ?? null])
      : normalized([
          r.key, r.projects, r.totalWan, r.fypWan, r.totalPending, r.totalNotApplicable, r.fypPending, r.fypNotApplicable,
          r.progress!.annualPlanWan, r.progress!.plannedProjects, r.progress!.yearToDateWan, r.progress!.planToDateWan,
          r.progress!.annualRate, r.progress!.lagPoints, r.progress!.red, r.progress!.yellow, r.progress!.green, r.progress!.notStarted,
        ]),
  );
  const rawRows = (await raw.query({ text: sql, rowMode: "array" })).rows.map(normalized);
  const differs = appRows.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(rawRows[i]));
  if (appRows.length !== rawRows.length || differs >= 0) {
    throw new Error(`${label}: 应用与 SQL 的结果不同（${appRows.length} / ${rawRows.length} 行；第 ${differs + 1} 行：${JSON.stringify(appRows[differs])} ≠ ${JSON.stringify(rawRows[differs])}）`);
  }
  return appRows.length;
}

/**
 * The province's hierarchy (issue 19, scripts/bench-hierarchy.ts): rollups “含下级” through the
 * application's own functions — rollup() with levels (lib/rollups/levels.ts) and the reader's scope
 * (lib/auth/scope.ts, from reviewers of a county, a city and the province loaded as the application
 * loads them) — each beside the hand-written statement that gives the same answer, timed in turns.
 */
async function measureHierarchy(db: PrismaClient, raw: pg.Pool) {
  const CITY = "330300";
  const COUNTY = "330381";
  const regionId = async (code: string) => Number((await raw.query(`SELECT id FROM "Region" WHERE code = $1`, [code])).rows[0].id);
  const planId = async (code: string) => (await db.plan.findUniqueOrThrow({ where: { code } })).id;
  const [province, city, county] = [await regionId("330000"), await regionId(CITY), await regionId(COUNTY)];
  const reviewer = async (login: string, region: number): Promise<ReadScope> => {
    const { rows } = await raw.query(
      `INSERT INTO "User" (login, name, "passwordHash", role, "regionId") VALUES ($1, $1, 'x', 'REVIEWER', $2)
       ON CONFLICT (login) DO UPDATE SET "regionId" = $2, active = true RETURNING id`,
      [login, region],
    );
    return readScope((await loadActor(Number(rows[0].id), db))!);
  };
  const scopes = { province: await reviewer("bench-reviewer-province", province), city: await reviewer("bench-reviewer-city", city), county: await reviewer("bench-reviewer-county", county) };
  // Each reviewer's subtree, by hand.
  const subtree = async (id: number) => (await raw.query(`${subtreeSql(id)} SELECT id FROM below`)).rows.map((r) => Number(r.id));
  const everything = () => "TRUE";
  const within = (ids: number[]) => (p: string, pl: string) => readableByHand(ids, p, pl);
  const [provincePlan, cityPlan] = [await planId(PROVINCE_PLAN), await planId(cityPlanCode(CITY))];
  const cityName = (await raw.query(`SELECT name FROM "Region" WHERE id = $1`, [city])).rows[0].name as string;
  const countyName = (await raw.query(`SELECT name FROM "Region" WHERE id = $1`, [county])).rows[0].name as string;
  type Case = { name: string; plan: string; id: number; top: number; by: RollupDimension; levels: Levels; scope: ReadScope; readable: (p: string, pl: string) => string; limit: number };
  const cases: Case[] = [
    { name: "全省 含下级 按区县", plan: PROVINCE_PLAN, id: provincePlan, top: province, by: "county", levels: "all", scope: null, readable: everything, limit: 1000 },
    { name: "全省 含下级 按领域", plan: PROVINCE_PLAN, id: provincePlan, top: province, by: "domain", levels: "all", scope: null, readable: everything, limit: 1000 },
    { name: "省级审核员：全省 含下级 按区县", plan: PROVINCE_PLAN, id: provincePlan, top: province, by: "county", levels: "all", scope: scopes.province, readable: within(await subtree(province)), limit: 1000 },
    { name: `${cityName} 本级 按区县`, plan: cityPlanCode(CITY), id: cityPlan, top: city, by: "county", levels: "own", scope: null, readable: everything, limit: 150 },
    { name: `${cityName} 含下级 按区县`, plan: cityPlanCode(CITY), id: cityPlan, top: city, by: "county", levels: "all", scope: null, readable: everything, limit: 150 },
    { name: `市级审核员（${cityName}）：本市 含下级 按领域`, plan: cityPlanCode(CITY), id: cityPlan, top: city, by: "domain", levels: "all", scope: scopes.city, readable: within(await subtree(city)), limit: 150 },
    { name: `县级审核员（${countyName}）：全省 含下级 按领域`, plan: PROVINCE_PLAN, id: provincePlan, top: province, by: "domain", levels: "all", scope: scopes.county, readable: within(await subtree(county)), limit: 150 },
  ];
  const rows: Record<string, number> = {};
  for (const c of cases) {
    const app = () => rollup(db, c.plan, c.by, { asOf: AS_OF, levels: c.levels, scope: c.scope });
    const sql = c.levels === "all" ? rawRollupSql(c.by, c.id, { planId: c.id, topRegionId: c.top, readable: c.readable }) : rawRollupSql(c.by, c.id);
    rows[c.name] = await assertSameAnswer(c.name, app, raw, sql);
    const runs = c.limit > 150 ? Math.max(3, Math.ceil(RUNS / 2)) : 2 * RUNS;
    const [a, r] = (await timeTogether([app, () => raw.query(sql)], runs)) as [{ p50: number; p95: number }, { p50: number; p95: number }];
    const ratio = Math.round((a.p50 / r.p50) * 100) / 100;
    const name = `层级：${c.name}（截至 ${AS_OF.year}-${AS_OF.month}）`;
    results.push({ name, ...a, runs, rawP50: r.p50, rawP95: r.p95, ratio, target: `≤1.5× SQL，p95 < ${c.limit} ms`, ok: ratio <= 1.5 && a.p95 < c.limit });
    log(`${name}: p50 ${a.p50} ms, p95 ${a.p95} ms; SQL p50 ${r.p50} ms; 比值 ${ratio}；${rows[c.name]} 组`);
  }
  // What the province's 含下级 reads, counted by hand: rows of every plan of the province, and distinct projects (codes).
  const counted = (
    await raw.query(`${subtreeSql(province)}
      SELECT count(*)::int AS rows, count(DISTINCT coalesce(p.code, '#' || p.id))::int AS projects,
             count(DISTINCT pl.id)::int AS plans, count(*) FILTER (WHERE p.code IS NOT NULL)::int AS coded
        FROM "Project" p JOIN "Plan" pl ON pl.id = p."planId" JOIN below b ON b.id = pl."regionId"
       WHERE p."deletedAt" IS NULL AND (pl.id = ${provincePlan} OR b.depth > 0)`)
  ).rows[0];
  const regions = (await raw.query(`${subtreeSql(province)} SELECT count(*) FILTER (WHERE depth = 1)::int AS cities, count(*) FILTER (WHERE depth = 2 AND r.kind <> 'FUNCTIONAL_ZONE')::int AS counties FROM below b JOIN "Region" r ON r.id = b.id`)).rows[0];
  const hierarchy = { regions, province: { ...counted, merged: counted.rows - counted.projects }, groups: rows };
  log(`层级：${regions.cities} 个市、${regions.counties} 个县；全省含下级 ${counted.plans} 个规划、${counted.rows} 行，按项目代码合并 ${counted.rows - counted.projects} 行后 ${counted.projects} 个项目`);
  return hierarchy;
}

async function measureGrid(db: PrismaClient) {
  const cases: [string, Parameters<typeof listAnnexRows>[2]][] = [
    [`表格数据（${N} 个项目，不筛选）`, {}],
    ["表格数据（按领域筛选）", { domain: "领域03" }],
    ["表格数据（全文搜索）", { q: "基准项目12" }],
  ];
  for (const [name, filter] of cases) {
    // What the route serves: the rows as JSON.
    const t = await time(async () => JSON.stringify(await listAnnexRows(db, ONE_PLAN, filter)), 2 * RUNS);
    results.push({ name, ...t, runs: 2 * RUNS, target: "p95 < 300 ms", ok: t.p95 < 300 });
    log(`${name}: p50 ${t.p50} ms, p95 ${t.p95} ms`);
  }
}

async function measureExportImport(db: PrismaClient) {
  let bytes: Uint8Array = new Uint8Array();
  const runs = 3;
  const exp = await time(async () => {
    bytes = await annexWorkbook(await annexTable(db, ONE_PLAN), null);
  }, runs, 1);
  results.push({ name: `导出 xlsx（${N} 个项目）`, ...exp, runs, target: "p95 < 5000 ms", ok: exp.p95 < 5000 });
  log(`导出：p50 ${exp.p50} ms（${bytes.length} 字节）`);
  let n = 0;
  const prefix = `bench-import-${Date.now().toString(36)}`;
  const imp = await time(async () => {
    const code = `${prefix}-${++n}`;
    const preview = await importFile(db, code, "bench.xlsx", bytes, { plan: { name: `基准导入 ${code}` } });
    if (preview.counts.add !== PER_PLAN) throw new Error(`导入预览应新增 ${PER_PLAN} 个项目，实为 ${preview.counts.add}`);
  }, runs, 0);
  const imported = await db.project.count({ where: { plan: { code: `${prefix}-1` } } });
  if (imported !== PER_PLAN) throw new Error(`导入后应有 ${PER_PLAN} 个项目，实为 ${imported}`);
  results.push({ name: `导入 xlsx（${N} 个项目，预览校验并写入）`, ...imp, runs, target: "p95 < 10000 ms", ok: imp.p95 < 10000 });
  log(`导入：p50 ${imp.p50} ms`);

  // Re-import into the plan just imported: the export with 1,000 totals changed (200 at the small
  // scale), through the same bulk path. Rows whose total is 待定 or —— are left as they are.
  const toChange = SMALL ? 200 : 1_000;
  let round = 0;
  const reimport = await time(async () => {
    round++;
    const table = await annexTable(db, `${prefix}-1`);
    let changed = 0;
    for (const group of table.groups) {
      for (const row of group.rows) {
        if (changed < toChange && Number(row[0]) % 4 === 0 && /^\d/.test(row[6] ?? "")) {
          row[6] = (Number(row[6]) + round).toFixed(1);
          changed++;
        }
      }
    }
    const preview = await importFile(db, `${prefix}-1`, "changed.xlsx", await annexWorkbook(table, null));
    if (changed !== toChange || preview.counts.change !== toChange || preview.counts.add + preview.counts.remove !== 0) {
      throw new Error(`再次导入应修改 ${toChange.toLocaleString("en")} 个项目，实为 ${JSON.stringify(preview.counts)}（改动 ${changed} 行）`);
    }
  }, runs, 0);
  results.push({ name: `再次导入 xlsx（${N} 个项目，其中 ${toChange.toLocaleString("en")} 个有变化，预览校验并写入）`, ...reimport, runs, target: "p95 < 10000 ms", ok: reimport.p95 < 10000 });
  log(`再次导入：p50 ${reimport.p50} ms`);

  // One plan of 100,000 projects: imported (CSV), then re-imported with 10,000 changes; without error is the target.
  const big = `${prefix}-100k`;
  const csv = (bump: number) =>
    new TextEncoder().encode(
      ["十万项目测试规划重大项目表", "序号,领域,项目名称,项目类型,项目期限,建设地点,总投资（万元）,“十四五”投资（万元）,组织实施单位"]
        .concat(Array.from({ length: 100_000 }, (_, i) => `${i + 1},领域${String(i % 12).padStart(2, "0")},十万项目${i + 1},新建,2021-2025,鹿城区,${1000 + (i % 10 === 0 ? bump : 0)},800,单位${i % 500}`))
        .join("\n"),
    );
  const first = await timeOnce(() => importFile(db, big, "100k.csv", csv(0), { plan: { name: `基准十万项目 ${big}` } }));
  if (first.value.counts.add !== 100_000) throw new Error(`十万项目导入应新增 100,000 个项目，实为 ${first.value.counts.add}`);
  results.push({ name: "导入 CSV（100,000 个项目的规划，预览校验并写入）", p50: first.ms, p95: first.ms, runs: 1, target: "无错误", ok: true });
  log(`十万项目导入：${first.ms} ms`);
  const again = await timeOnce(() => importFile(db, big, "100k-changed.csv", csv(1)));
  if (again.value.counts.change !== 10_000) throw new Error(`十万项目再次导入应修改 10,000 个项目，实为 ${again.value.counts.change}`);
  results.push({ name: "再次导入 CSV（100,000 个项目，其中 10,000 个有变化）", p50: again.ms, p95: again.ms, runs: 1, target: "无错误", ok: true });
  log(`十万项目再次导入：${again.ms} ms`);
}

/**
 * A run on the data set of an earlier one (--reuse) takes away that run's imported plans (115,000
 * projects a run): kept, they would pile up, and the pages that read every plan would be measured
 * on a larger data set each time. The bench's own database only: the history of their projects is
 * append-only for the application and their baseline versions frozen, so those triggers are off
 * for this one transaction.
 */
const FROZEN_TABLES = ["ProjectChange", "PlanVersion", "PlanVersionProject", "PlanVersionCountyShare"];

async function removeEarlierImports(raw: pg.Pool) {
  const client = await raw.connect();
  try {
    await client.query("BEGIN");
    const plans = (await client.query(`SELECT id FROM "Plan" WHERE code LIKE 'bench-import-%'`)).rows.map((r) => r.id as number);
    if (plans.length > 0) {
      const projects = `SELECT id FROM "Project" WHERE "planId" = ANY($1::int[])`;
      for (const table of FROZEN_TABLES) await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
      for (const table of ["ProgressReport", "CoordinationIssue", "AnnualInvestmentPlan", "ChangeRequest", "ProjectChange"]) {
        await client.query(`DELETE FROM "${table}" WHERE "projectId" IN (${projects})`, [plans]);
      }
      await client.query(`DELETE FROM "PlanVersion" WHERE "planId" = ANY($1::int[])`, [plans]);
      for (const table of FROZEN_TABLES) await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
      const removed = await client.query(`DELETE FROM "Project" WHERE "planId" = ANY($1::int[])`, [plans]);
      await client.query(`DELETE FROM "Plan" WHERE id = ANY($1::int[])`, [plans]);
      log(`去掉之前运行导入的 ${plans.length} 个规划（${removed.rowCount} 个项目）`);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

const BENCH_OPERATOR = { kind: "operator", name: "基准测试", login: "基准测试" } as const;

/** Preview and apply, through the runner, as the command line does. */
async function importFile(db: PrismaClient, planCode: string, fileName: string, bytes: Uint8Array, options: ImportOptions = {}) {
  const now = new Date();
  const preview = await runMutation(db, previewAnnexImport, BENCH_OPERATOR, { planCode, fileName, bytes, options }, { now });
  if (preview.counts.errors) throw new Error(`导入预览有 ${preview.counts.errors} 处错误：${preview.issues.find((i) => i.severity === "error")?.message}`);
  await runMutation(db, applyAnnexImport, BENCH_OPERATOR, { importId: preview.importId, options }, { now });
  return preview;
}

/** 20 writers at once: saving projects and monthly reports; then the same project raced, nothing lost or doubled. */
async function measureWriters(db: PrismaClient, raw: pg.Pool) {
  const caller = { userId: (await db.user.findUniqueOrThrow({ where: { login: "bench" } })).id };
  const plan = await db.plan.findUniqueOrThrow({ where: { code: ONE_PLAN } });
  const projects = await db.project.findMany({ where: { planId: plan.id }, orderBy: { seq: "asc" }, take: WRITERS * RUNS, select: { id: true, version: true } });
  // A run on the data set of an earlier one (--reuse) finds that run's reports of these months: they are
  // this part's own writes, taken away so that each save is again a first report; the projects' versions
  // are counted from where they stand, and the text saved is this run's own (the same text again
  // changes nothing, and an unchanged project keeps its version).
  const stamp = Date.now().toString(36);
  await raw.query(`DELETE FROM "ProgressReport" WHERE year = 2026 AND month IN (1, 2) AND "projectId" = ANY($1::int[])`, [projects.map((p) => p.id)]);
  const latencies = { project: [] as number[], report: [] as number[] };
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let k = 0; k < RUNS; k++) {
        const id = projects[w * RUNS + k]!.id;
        let start = performance.now();
        try {
          const { version } = await db.project.findUniqueOrThrow({ where: { id }, select: { version: true } });
          await runMutation(db, updateProjectMutation, caller, { projectId: id, patch: { version, content: `并发写入 ${w}-${k} ${stamp}` } }, { now: new Date() });
          latencies.project.push(performance.now() - start);
          start = performance.now();
          await runMutation(
            db,
            saveReportDraftsMutation,
            caller,
            {
              planCode: ONE_PLAN,
              year: 2026,
              month: 1,
              rows: [{ projectId: id, baseReportId: null, baseVersion: null, monthWan: "12.5", physicalProgress: "并发", construction: "UNDER_CONSTRUCTION", actualStart: null, actualCompletion: null }],
            },
            { now: new Date("2026-02-03T10:00:00+08:00") },
          );
          latencies.report.push(performance.now() - start);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  const ops = WRITERS * RUNS;
  const stored = Number((await raw.query(`SELECT count(*) FROM "ProgressReport" WHERE year = 2026 AND month = 1`)).rows[0].count);
  const after = new Map((await raw.query(`SELECT id, version FROM "Project" WHERE id = ANY($1::int[]) AND content LIKE '并发写入 %'`, [projects.map((p) => p.id)])).rows.map((r) => [r.id as number, r.version as number]));
  const bumped = projects.filter((p) => after.get(p.id) === p.version + 1).length;

  // The same project and month, 20 writers from the same starting point: exactly one wins, the others are told.
  const target = projects[0]!.id;
  const { version } = await db.project.findUniqueOrThrow({ where: { id: target }, select: { version: true } });
  const raced = await Promise.all(
    Array.from({ length: WRITERS }, (_, w) =>
      Promise.all([
        runMutation(db, updateProjectMutation, caller, { projectId: target, patch: { version, content: `争用 ${w}` } }, { now: new Date() }).then(
          () => "ok",
          (e) => (e instanceof AppError ? e.code : "error"),
        ),
        runMutation(
          db,
          saveReportDraftsMutation,
          caller,
          {
            planCode: ONE_PLAN,
            year: 2026,
            month: 2,
            rows: [{ projectId: target, baseReportId: null, baseVersion: null, monthWan: String(w + 1), physicalProgress: "", construction: "UNDER_CONSTRUCTION", actualStart: null, actualCompletion: null }],
          },
          { now: new Date("2026-03-03T10:00:00+08:00") },
        ).then(
          () => "ok",
          (e) => (e instanceof AppError ? e.code : "error"),
        ),
      ]),
    ),
  );
  const racedReports = Number((await raw.query(`SELECT count(*) FROM "ProgressReport" WHERE "projectId" = $1 AND year = 2026 AND month = 2`, [target])).rows[0].count);
  const outcome = (i: 0 | 1) => ({ ok: raced.filter((r) => r[i] === "ok").length, conflict: raced.filter((r) => r[i] === "conflict").length });
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const stat = (xs: number[]) => ({ p50: round(percentile(sorted(xs), 50)), p95: round(percentile(sorted(xs), 95)) });
  const p = stat(latencies.project);
  const r = stat(latencies.report);
  results.push({ name: `保存项目（${WRITERS} 个并发写入者）`, ...p, runs: latencies.project.length });
  results.push({ name: `保存月报（${WRITERS} 个并发写入者）`, ...r, runs: latencies.report.length });
  const concurrency = {
    writers: WRITERS,
    operations: ops,
    failures,
    reportsStored: stored,
    projectsSavedOnce: bumped,
    sameProject: { projectSave: outcome(0), reportSave: outcome(1), reportRows: racedReports },
    ok: failures.length === 0 && stored === ops && bumped === ops && outcome(0).ok === 1 && outcome(1).ok === 1 && racedReports === 1,
  };
  log(`并发：${ops} 次保存，月报 ${stored} 条、项目 ${bumped} 个恰好保存一次；同一项目争用：项目 ${JSON.stringify(outcome(0))}，月报 ${JSON.stringify(outcome(1))}，月报行 ${racedReports}`);
  return concurrency;
}

/**
 * A docx (and xlsx, pdf) of a plan twice the size of the others (10,000 projects at full scale: two
 * plans' projects copied into one), each in a process of its own: its time and peak memory.
 */
async function measureBigExport(raw: pg.Pool, url: string) {
  const code = "bench-big";
  await dropPlan(raw, code);
  await raw.query(`INSERT INTO "Plan" (code, name, issuer, "startYear", "endYear", "regionId")
                   SELECT $1, '基准测试大规划', issuer, "startYear", "endYear", "regionId" FROM "Plan" WHERE code = 'bench-01'`, [code]);
  await raw.query(`INSERT INTO "Domain" ("planId", name, position) SELECT (SELECT id FROM "Plan" WHERE code = $1), d.name, d.position FROM "Domain" d JOIN "Plan" pl ON pl.id = d."planId" WHERE pl.code = 'bench-01'`, [code]);
  await raw.query(`
    INSERT INTO "Project" ("planId", "domainId", seq, name, type, "periodText", "periodStart", "periodEnd", "locationText", "regionId",
                           "locationResolution", "locationRule", content, "totalState", "totalWan", "fypState", "fypWan", "updatedAt")
    SELECT big.id, bd.id, row_number() OVER (ORDER BY p.id), p.name, p.type, p."periodText", p."periodStart", p."periodEnd", p."locationText", p."regionId",
           p."locationResolution", p."locationRule", p.content, p."totalState", p."totalWan", p."fypState", p."fypWan", now()
      FROM "Project" p JOIN "Plan" pl ON pl.id = p."planId" JOIN "Domain" d ON d.id = p."domainId"
      JOIN "Plan" big ON big.code = $1 JOIN "Domain" bd ON bd."planId" = big.id AND bd.position = d.position
     WHERE pl.code IN ('bench-01', 'bench-02')`, [code]);
  await raw.query(`
    INSERT INTO "ProjectUnit" ("projectId", "unitId", position, "isLead", "publishedName")
    SELECT p.id, u.id, 1, TRUE, u.name FROM "Project" p JOIN "Plan" pl ON pl.id = p."planId"
      JOIN "Unit" u ON u.id = 1 + (p.id % ${UNITS}) WHERE pl.code = $1`, [code]);
  const projects = Number((await raw.query(`SELECT count(*) FROM "Project" p JOIN "Plan" pl ON pl.id = p."planId" WHERE pl.code = $1`, [code])).rows[0].count);
  const out: Record<string, { ms: number; cpuMs: number; bytes: number; maxRssMb: number }> = {};
  for (const format of ["docx", "xlsx", "pdf"] as const) {
    const child = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-export-once.ts", url, code, format], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`导出 ${format} 失败：${child.stderr}`);
    out[format] = JSON.parse(child.stdout.trim().split("\n").pop()!);
    const r = out[format]!;
    const name = `导出 ${format}（${projects.toLocaleString("en")} 个项目，单独进程）`;
    const target = format === "docx" ? "< 10000 ms，< 500 MB" : undefined;
    results.push({ name, p50: r.ms, p95: r.ms, runs: 1, target, ok: format === "docx" ? r.ms < 10_000 && r.maxRssMb < 500 : undefined });
    log(`${name}：${r.ms} ms（CPU ${r.cpuMs} ms），${r.bytes} 字节，进程内存峰值 ${r.maxRssMb} MB`);
  }
  await dropPlan(raw, code);
  return { projects, ...out };
}

async function dropPlan(raw: pg.Pool, code: string) {
  const plan = `(SELECT id FROM "Plan" WHERE code = $1)`;
  await raw.query(`DELETE FROM "ProjectUnit" WHERE "projectId" IN (SELECT id FROM "Project" WHERE "planId" = ${plan})`, [code]);
  await raw.query(`DELETE FROM "Project" WHERE "planId" = ${plan}`, [code]);
  await raw.query(`DELETE FROM "Domain" WHERE "planId" = ${plan}`, [code]);
  await raw.query(`DELETE FROM "Plan" WHERE code = $1`, [code]);
}

/** The load test's figures as rows of the table: p95 per kind, and the servers' memory and event-loop delay. */
function recordLoad(load: LoadResult) {
  const where = `${load.instances} 个实例${load.proxy ? `，${load.proxy} 轮询` : ""}${load.pgbouncer ? "，PgBouncer" : ""}`;
  for (const k of load.kinds) {
    results.push({ name: `负载：${k.kind}（${k.connections} 个会话，${k.requests} 次，${k.rps}/s；${where}）`, p50: k.p50, p95: k.p95, runs: k.requests, target: "0 错误", ok: k.errors + k.non2xx + k.timeouts === 0 });
  }
  for (const s of load.servers) {
    const p99 = s.eventLoopDelayP99Ms ?? 0;
    results.push({ name: `负载：服务器 ${s.url} 事件循环延迟 p99（ms）/ 内存峰值 ${s.peakRssMb} MB`, p50: p99, p95: p99, runs: 1, target: "p99 < 100 ms，内存 < 1024 MB", ok: p99 < 100 && s.peakRssMb < 1024 });
  }
  log(`负载：共 ${load.totalRequests} 次请求，${load.throughputRps}/s，错误 ${load.errors}${load.failures.length ? `（${load.failures.slice(0, 5).join("；")}）` : ""}`);
}

function printTable(totalSeconds: number) {
  console.log("\n| 测量 | p50 (ms) | p95 (ms) | SQL p50 (ms) | 应用/SQL | 目标 | 达标 |");
  console.log("|---|---:|---:|---:|---:|---|---|");
  for (const r of results) {
    console.log(`| ${r.name} | ${r.p50} | ${r.p95} | ${r.rawP50 ?? ""} | ${r.ratio ?? ""} | ${r.target ?? ""} | ${r.ok === undefined ? "" : r.ok ? "是" : "否"} |`);
  }
  console.log(`\n共用时 ${totalSeconds} 秒；结果已写入 ${RESULTS_FILE}`);
}

await main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
process.exit(process.exitCode ?? 0);
