// Every rollup against a computation of its own from the source file (string
// arithmetic in integer 万元), never through the application's code.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/plans/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { countyOf } from "@/tests/wenzhou-source";
import { domainByCounty } from "./cross-table";
import { dataQuality } from "./data-quality";
import { reconcile } from "./reconciliation";
import { rollup, rollupByPlan, rollupsTogether, rollupTotal } from "./rollups";
import { refreshCumulative } from "@/lib/progress/cumulative";

type Row = { seq: number; domain: string; name: string; type: string; location: string; totalInvestment: string; fypInvestment: string; units: string[] };
const source: Row[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
const wan = (t: string) => {
  const m = /^(\d+)(?:\.(\d))?$/.exec(t);
  return m ? (BigInt(m[1]!) * 10n + BigInt(m[2] ?? "0")) * 1000n : 0n;
};
const sums = (rows: Row[]) => ({
  projects: rows.length,
  totalWan: rows.reduce((s, r) => s + wan(r.totalInvestment), 0n).toString(),
  fypWan: rows.reduce((s, r) => s + wan(r.fypInvestment), 0n).toString(),
});
function groupBy(keyOf: (r: Row) => string[]) {
  const groups = new Map<string, Row[]>();
  for (const r of source) for (const k of keyOf(r)) groups.set(k, [...(groups.get(k) ?? []), r]);
  return groups;
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
});
afterAll(() => db.drop());

describe("rollups equal the source file's own sums", () => {
  const cases: { by: "domain" | "type" | "unit"; keyOf: (r: Row) => string[] }[] = [
    { by: "domain", keyOf: (r) => [r.domain] },
    { by: "type", keyOf: (r) => [r.type] },
    { by: "unit", keyOf: (r) => [...new Set(r.units)] },
  ];
  for (const c of cases) {
    it(`by ${c.by}`, async () => {
      const rows = await rollup(db.prisma, "wenzhou-2021", c.by);
      const expected = groupBy(c.keyOf);
      expect(new Set(rows.map((r) => r.key))).toEqual(new Set(expected.keys()));
      for (const r of rows) expect({ projects: r.projects, totalWan: r.totalWan, fypWan: r.fypWan }).toEqual(sums(expected.get(r.key)!));
    });
  }

  it("by county: every project counts once, 全市 / zones / 未定 are rows of their own", async () => {
    const rows = await rollup(db.prisma, "wenzhou-2021", "county");
    const expected = groupBy((r) => [countyOf(r.location)]);
    expect(new Set(rows.map((r) => r.key))).toEqual(new Set(expected.keys()));
    for (const r of rows) expect({ projects: r.projects, totalWan: r.totalWan, fypWan: r.fypWan }).toEqual(sums(expected.get(r.key)!));
    expect(rows.reduce((n, r) => n + r.projects, 0)).toBe(69);
  });

  it("by plan (the overview of all plans): a row per plan with its projects' sums", async () => {
    const rows = await rollupByPlan(db.prisma);
    expect(rows.map((r) => ({ key: r.key, projects: r.projects, totalWan: r.totalWan, fypWan: r.fypWan }))).toEqual([
      { key: "温州市社会发展和基本公共服务体系“十四五”规划", ...sums(source) },
    ]);
  });

  it("counts 待定 and 不适用 apart instead of as zero", async () => {
    const rows = await rollup(db.prisma, "wenzhou-2021", "domain");
    for (const r of rows) {
      const mine = source.filter((s) => s.domain === r.key);
      expect([r.totalPending, r.totalNotApplicable]).toEqual([mine.filter((s) => s.totalInvestment === "待定").length, mine.filter((s) => s.totalInvestment === "——").length]);
    }
  });

  it("domain × county cells add up to the domain rows", async () => {
    const cells = await domainByCounty(db.prisma, "wenzhou-2021");
    for (const [domain, rows] of groupBy((r) => [r.domain])) {
      expect(cells.filter((c) => c.domain === domain).reduce((n, c) => n + c.projects, 0)).toBe(rows.length);
    }
  });
});

describe("reconciliation with the published 分类汇总表", () => {
  // As printed in the workbook's second sheet (亿元).
  const published: [string, number, string, string][] = [
    ["汇总数", 69, "2336.4", "1844.6"],
    ["保障性安居工程及老旧小区改造", 3, "1708", "1318"],
    ["教育", 6, "119.4", "76.7"],
    ["医疗", 10, "155.6", "136.1"],
    ["体育", 6, "105.7", "85.4"],
    ["社会福利和养老服务", 6, "49.4", "49.2"],
    ["社会救助", 2, "0.5", "0.5"],
    ["文化", 11, "107.9", "115"],
    ["专项社会事务", 6, "19.9", "18.7"],
    ["数字社会系统建设", 17, "——", "——"],
    ["中医药", 2, "70", "45"],
  ];

  it("shows exactly the rows whose published figures differ from the detail rows", async () => {
    const expectedMismatches = published
      .filter(([label, n, total, fyp]) => {
        const rows = label === "汇总数" ? source : source.filter((r) => r.domain === label);
        const s = sums(rows);
        const pub = (t: string) => (t === "——" ? "0" : wan(t.includes(".") ? t : `${t}.0`).toString());
        return n !== s.projects || pub(total) !== s.totalWan || pub(fyp) !== s.fypWan;
      })
      .map(([label]) => label);
    expect(expectedMismatches).toContain("文化");
    expect(expectedMismatches).toContain("汇总数");
    const lines = (await reconcile(db.prisma, "wenzhou-2021"))!;
    const mismatched = lines.filter((l) => l.differences.length > 0).map((l) => l.label.replace(/^[一二三四五六七八九十]+、/, ""));
    expect(mismatched.sort()).toEqual(expectedMismatches.sort());
    const culture = lines.find((l) => l.label.endsWith("文化"))!;
    expect(culture.published.total).toBe("1079000");
    expect(culture.detail.total).toBe(sums(source.filter((r) => r.domain === "文化")).totalWan);
  });
});

describe("data quality", () => {
  it("lists the real data's problems", async () => {
    const all = await dataQuality(db.prisma, "wenzhou-2021");
    const findings = Object.fromEntries(all.map((f) => [f.check, f.items.map((i) => i.reason)]));
    // Each finding names its projects once (to link to by name) and gives its reason once.
    const duplicates = all.find((f) => f.check === "duplicate-names")!.items;
    expect(duplicates.map((d) => d.projects.map((p) => p.name))).toEqual([["温州龙舟运动基地", "温州龙舟运动基地"]]);
    expect(findings["duplicate-names"]).toEqual(["同名项目 2 个"]);
    expect(findings["pending-amounts"]).toHaveLength(source.filter((r) => r.totalInvestment === "待定" || r.fypInvestment === "待定").length);
    expect(findings["unresolved-location"]!.join()).toContain("“未定”");
    expect(findings["unit-aliases"]).toContain("“市卫健委”与“市卫生健康委”");
    expect(findings["fyp-above-total"]).toEqual([]);
    expect(findings["no-unit"]).toEqual([]);
  });
});

describe("rollups with progress as of a month", () => {
  // Figures chosen here, written straight into the tables, and the expected
  // answers worked out below in integer arithmetic (BigInt 万元 × 10⁴).
  // Project with 序号 s: an annual plan (2026) of 50·s, 100·s or 300·s 万元 by s mod 3
  // (none when s mod 4 = 0); months 1–3 approved with s·10 + m 万元; status by s.
  const plannedWan = (s: number): bigint | null => (s % 4 === 0 ? null : BigInt([50, 100, 300][s % 3]! * s));
  const monthWan = (s: number, m: number) => BigInt(s * 10 + m);
  const status = (s: number) => (s % 5 === 0 ? "PREPARATION" : s % 7 === 0 ? "COMPLETED" : "UNDER_CONSTRUCTION");
  const STATUS_LABEL = { PREPARATION: "前期", UNDER_CONSTRUCTION: "在建", COMPLETED: "竣工" } as const;
  const asOf = { year: 2026, month: 6 };
  const ytd = (s: number) => monthWan(s, 1) + monthWan(s, 2) + monthWan(s, 3);
  /** Yellow from 10 points behind 序时进度 (6/12), red beyond 30: compared exactly as fractions. */
  const light = (s: number, month = asOf.month) => {
    const plan = plannedWan(s);
    if (!plan) return null;
    const behindTimes100 = (BigInt(month) * plan - 12n * ytd(s)) * 100n; // lag × 12 × plan
    if (behindTimes100 > 30n * 12n * plan) return "RED";
    if (behindTimes100 >= 10n * 12n * plan) return "YELLOW";
    return "GREEN";
  };

  beforeAll(async () => {
    const user = await db.prisma.user.findFirstOrThrow({ where: { login: "drc" } });
    const projects = await db.prisma.project.findMany({ select: { id: true, seq: true } });
    await db.prisma.annualInvestmentPlan.createMany({
      data: projects.filter((p) => plannedWan(p.seq) !== null).map((p) => ({ projectId: p.id, year: 2026, plannedWan: plannedWan(p.seq)!.toString() })),
    });
    await db.prisma.progressReport.createMany({
      data: projects.flatMap((p) =>
        [1, 2, 3].map((m) => ({
          projectId: p.id,
          year: 2026,
          month: m,
          revision: 1,
          status: "APPROVED" as const,
          effective: true,
          monthWan: monthWan(p.seq, m).toString(),
          construction: status(p.seq),
          savedById: user.id,
        })),
      ),
    });
    // Written straight into the table: the stored cumulative figures are brought up to date as the application does.
    await refreshCumulative(db.prisma, null);
  });

  it("by domain: 年度计划, 本年累计, the rate and the lights equal the sums worked out here", async () => {
    const rows = await rollup(db.prisma, "wenzhou-2021", "domain", { asOf });
    for (const [domain, members] of groupBy((r) => [r.domain])) {
      const row = rows.find((r) => r.key === domain)!;
      const seqs = members.map((m) => m.seq);
      const planned = seqs.filter((s) => plannedWan(s) !== null);
      const annual = planned.reduce((sum, s) => sum + plannedWan(s)!, 0n);
      const ytdPlanned = planned.reduce((sum, s) => sum + ytd(s), 0n);
      expect(row.progress!.annualPlanWan).toBe(annual.toString());
      expect(row.progress!.plannedProjects).toBe(planned.length);
      expect(row.progress!.yearToDateWan).toBe(seqs.reduce((sum, s) => sum + ytd(s), 0n).toString());
      // 2026 is after the plan's years: nothing counts toward 十四五.
      expect(row.progress!.planToDateWan).toBe("0");
      if (annual > 0n) {
        // Rate to 6 places, rounded half up, from integers.
        const scaled = (ytdPlanned * 10_000_000n) / annual;
        const rounded = (scaled + 5n) / 10n;
        expect(Number(row.progress!.annualRate)).toBe(Number(rounded) / 1_000_000);
      } else {
        expect(row.progress!.annualRate).toBeNull();
      }
      const lights = seqs.map((s) => light(s));
      expect([row.progress!.red, row.progress!.yellow, row.progress!.green]).toEqual([
        lights.filter((l) => l === "RED").length,
        lights.filter((l) => l === "YELLOW").length,
        lights.filter((l) => l === "GREEN").length,
      ]);
    }
  });

  it("as of a month every project reported (read without the probe for earlier months), the same sums and that month's lights", async () => {
    // Months 1–3 are reported: as of March, each project's own March report carries its figures.
    const march = { year: 2026, month: 3 };
    const rows = await rollup(db.prisma, "wenzhou-2021", "domain", { asOf: march });
    for (const [domain, members] of groupBy((r) => [r.domain])) {
      const row = rows.find((r) => r.key === domain)!;
      const seqs = members.map((m) => m.seq);
      expect(row.progress!.yearToDateWan).toBe(seqs.reduce((sum, s) => sum + ytd(s), 0n).toString());
      const lights = seqs.map((s) => light(s, 3));
      expect([row.progress!.red, row.progress!.yellow, row.progress!.green]).toEqual(["RED", "YELLOW", "GREEN"].map((l) => lights.filter((x) => x === l).length));
    }
    const all = await rollup(db.prisma, "wenzhou-2021", "county", { asOf: march });
    expect(all.reduce((n, r) => n + r.projects, 0)).toBe(source.length);
    expect(all.reduce((sum, r) => sum + BigInt(r.progress!.yearToDateWan), 0n)).toBe(source.reduce((sum, r) => sum + ytd(r.seq), 0n));
    const lights = source.map((r) => light(r.seq, 3));
    expect(all.reduce((n, r) => n + r.progress!.red, 0)).toBe(lights.filter((l) => l === "RED").length);
    // Every plan together is read another way (the month's reports joined, the rest probed): same answer.
    expect(await rollup(db.prisma, null, "domain", { asOf: march })).toEqual(rows);
    expect(await rollup(db.prisma, null, "status", { asOf: march })).toEqual(await rollup(db.prisma, "wenzhou-2021", "status", { asOf: march }));
  });

  it("by status: every project under the status of its newest report", async () => {
    const rows = await rollup(db.prisma, "wenzhou-2021", "status", { asOf });
    const expected = groupBy((r) => [STATUS_LABEL[status(r.seq)]]);
    expect(new Set(rows.map((r) => r.key))).toEqual(new Set(expected.keys()));
    for (const r of rows) expect({ projects: r.projects, totalWan: r.totalWan, fypWan: r.fypWan }).toEqual(sums(expected.get(r.key)!));
    // Before any report, every project is 未报送.
    const before = await rollup(db.prisma, "wenzhou-2021", "status", { asOf: { year: 2025, month: 12 } });
    expect(before.map((r) => [r.key, r.projects])).toEqual([["未报送", source.length]]);
  });

  it("drills down: the grid's status and light filters give the projects behind each row", async () => {
    const { listAnnexRows } = await import("@/lib/projects/list-projects");
    const { annexTable } = await import("@/lib/export/annex-table");
    const seqs = async (filter: Parameters<typeof listAnnexRows>[2]) => (await listAnnexRows(db.prisma, "wenzhou-2021", filter)).map((r) => r.seq).sort((a, b) => a - b);
    const expected = (pick: (s: number) => boolean) => source.map((r) => r.seq).filter(pick).sort((a, b) => a - b);
    for (const [code, label] of Object.entries(STATUS_LABEL)) {
      expect(await seqs({ status: label, progress: asOf })).toEqual(expected((s) => status(s) === code));
    }
    expect(await seqs({ light: "红灯", progress: asOf })).toEqual(expected((s) => light(s) === "RED"));
    expect(await seqs({ light: "绿灯", domain: "教育", progress: asOf })).toEqual(
      source.filter((r) => r.domain === "教育" && light(r.seq) === "GREEN").map((r) => r.seq).sort((a, b) => a - b),
    );
    expect(await seqs({ status: "未报送", progress: { year: 2025, month: 12 } })).toEqual(expected(() => true));
    // The export of that view holds the same projects (its 序号 column is the published one).
    const table = await annexTable(db.prisma, "wenzhou-2021", { light: "黄灯", progress: asOf });
    const exported = table.groups.flatMap((g) => g.rows.map((cells) => Number(cells[0]))).sort((a, b) => a - b);
    expect(exported).toEqual(expected((s) => light(s) === "YELLOW"));
    expect(exported.length).toBeGreaterThan(0);
  });

  it("ranks units by completion rate, highest first, those without a plan last", async () => {
    const rows = await rollup(db.prisma, "wenzhou-2021", "unit", { asOf, orderByRate: true });
    const rates = rows.map((r) => (r.progress!.annualRate === null ? -1 : Number(r.progress!.annualRate)));
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(rows.length).toBe(new Set(source.flatMap((r) => r.units)).size);
  });

  it("rolls up every plan together", async () => {
    const all = await rollup(db.prisma, null, "domain", { asOf });
    const one = await rollup(db.prisma, "wenzhou-2021", "domain", { asOf });
    expect(all).toEqual(one); // one plan in this database
  });

  it("several rollups and the 合计 read together (one pass over the projects): each table's sums and lights as worked out here, in each rollup's own order", async () => {
    const keyOf = { domain: (r: Row) => r.domain, county: (r: Row) => countyOf(r.location), type: (r: Row) => r.type, status: (r: Row) => STATUS_LABEL[status(r.seq)] };
    for (const planCode of ["wenzhou-2021", null]) {
      const { rows, total } = await rollupsTogether(db.prisma, planCode, ["domain", "county", "type", "status"], { asOf });
      for (const by of ["domain", "county", "type", "status"] as const) {
        const expected = groupBy((r) => [keyOf[by](r)]);
        expect(new Set(rows[by].map((r) => r.key)), by).toEqual(new Set(expected.keys()));
        for (const r of rows[by]) {
          const seqs = expected.get(r.key)!.map((m) => m.seq);
          const lights = seqs.map((s) => light(s));
          expect({ projects: r.projects, totalWan: r.totalWan, fypWan: r.fypWan }, `${by} ${r.key}`).toEqual(sums(expected.get(r.key)!));
          expect(r.progress!.yearToDateWan).toBe(seqs.reduce((sum, s) => sum + ytd(s), 0n).toString());
          expect(r.progress!.annualPlanWan).toBe(seqs.reduce((sum, s) => sum + (plannedWan(s) ?? 0n), 0n).toString());
          expect([r.progress!.red, r.progress!.yellow, r.progress!.green]).toEqual(["RED", "YELLOW", "GREEN"].map((l) => lights.filter((x) => x === l).length));
        }
        // The order each rollup gives on its own (counties official, types by count…), group kinds included.
        expect(rows[by], by).toEqual(await rollup(db.prisma, planCode, by, { asOf }));
      }
      expect({ projects: total.projects, totalWan: total.totalWan, fypWan: total.fypWan }).toEqual(sums(source));
      expect(total.key).toBe("合计");
      expect(total.progress!.yearToDateWan).toBe(source.reduce((sum, r) => sum + ytd(r.seq), 0n).toString());
      expect(total.progress!.red).toBe(source.filter((r) => light(r.seq) === "RED").length);
    }
    // Every plan, a row each, with the others (the overview); without a month, no progress.
    const overview = await rollupsTogether(db.prisma, null, ["plan", "type"]);
    expect(overview.rows.plan.map((r) => ({ key: r.key, projects: r.projects, totalWan: r.totalWan, fypWan: r.fypWan }))).toEqual([{ key: "温州市社会发展和基本公共服务体系“十四五”规划", ...sums(source) }]);
    expect(overview.total.progress).toBeUndefined();
    expect(overview.rows.type.map((r) => r.projects)).toEqual([...groupBy((r) => [r.type]).values()].map((g) => g.length).sort((a, b) => b - a));
  });

  // Last in this block: it adds April reports.
  it("as of a month only some projects reported: those from that month's report, the others from their earlier ones", async () => {
    const user = await db.prisma.user.findFirstOrThrow({ where: { login: "drc" } });
    const projects = await db.prisma.project.findMany({ select: { id: true, seq: true } });
    const reportsApril = (s: number) => s % 2 === 0;
    await db.prisma.progressReport.createMany({
      data: projects
        .filter((p) => reportsApril(p.seq))
        .map((p) => ({ projectId: p.id, year: 2026, month: 4, revision: 1, status: "APPROVED" as const, effective: true, monthWan: monthWan(p.seq, 4).toString(), construction: "COMPLETED" as const, savedById: user.id })),
    });
    await refreshCumulative(db.prisma, null);
    const april = { year: 2026, month: 4 };
    const ytdApril = (s: number) => ytd(s) + (reportsApril(s) ? monthWan(s, 4) : 0n);
    for (const planCode of ["wenzhou-2021", null]) {
      const rows = await rollup(db.prisma, planCode, "domain", { asOf: april });
      for (const [domain, members] of groupBy((r) => [r.domain])) {
        expect(rows.find((r) => r.key === domain)!.progress!.yearToDateWan).toBe(members.reduce((sum, m) => sum + ytdApril(m.seq), 0n).toString());
      }
      const statuses = await rollup(db.prisma, planCode, "status", { asOf: april });
      const completed = source.filter((r) => reportsApril(r.seq) || status(r.seq) === "COMPLETED");
      expect(statuses.find((r) => r.key === "竣工")?.projects).toBe(completed.length);
    }
  });
});

describe("the grid's data served filtered", () => {
  it("filters by domain, county, type, unit and text as the grid does", async () => {
    const { listAnnexRows } = await import("@/lib/projects/list-projects");
    const seqs = async (filter: Parameters<typeof listAnnexRows>[2]) => (await listAnnexRows(db.prisma, "wenzhou-2021", filter)).map((r) => r.seq).sort((a, b) => a - b);
    const expected = (pick: (r: Row) => boolean) => source.filter(pick).map((r) => r.seq).sort((a, b) => a - b);
    expect(await seqs({ domain: "教育" })).toEqual(expected((r) => r.domain === "教育"));
    expect(await seqs({ county: "全市" })).toEqual(expected((r) => r.location === "全市"));
    expect(await seqs({ county: "未定" })).toEqual(expected((r) => r.location === "未定" || r.location === "—"));
    expect(await seqs({ type: "续建" })).toEqual(expected((r) => r.type === "续建"));
    expect(await seqs({ unit: "市教育局" })).toEqual(expected((r) => r.units.includes("市教育局")));
    expect(await seqs({ q: "医院" })).toEqual(expected((r) => r.name.includes("医院") || JSON.stringify(r).includes("医院")));
    // The quick search looks at the type, domain and county columns too, as the grid's does.
    expect(await seqs({ q: "改扩建" })).toEqual(expected((r) => JSON.stringify(r).includes("改扩建")));
    expect(await seqs({ q: "教育" })).toEqual(expected((r) => JSON.stringify(r).includes("教育")));
    expect(await seqs({ q: "经济技术开发区" })).toEqual(expected((r) => r.location === "经开区" || JSON.stringify(r).includes("经济技术开发区")));
  });

  it("exports exactly the view the grid's data holds", async () => {
    const { listAnnexRows } = await import("@/lib/projects/list-projects");
    const { annexTable } = await import("@/lib/export/annex-table");
    for (const view of [{ q: "教育" }, { q: "医院", domain: "医疗" }, { county: "未定" }, {}]) {
      const table = await annexTable(db.prisma, "wenzhou-2021", view);
      const exported = table.groups.flatMap((g) => g.rows.map((cells) => Number(cells[0])));
      expect(exported).toEqual((await listAnnexRows(db.prisma, "wenzhou-2021", view)).map((r) => r.seq));
    }
  });
});

describe("tables as the DRC reads them", () => {
  // GB/T 2260 codes of Wenzhou's counties, written out here: 鹿城 330302 … 龙港 330383.
  const OFFICIAL = ["鹿城区", "龙湾区", "瓯海区", "洞头区", "永嘉县", "平阳县", "苍南县", "文成县", "泰顺县", "瑞安市", "乐清市", "龙港市"];

  it("lists counties in code order, then functional zones, then 全市 and 未定 last", async () => {
    const rows = await rollup(db.prisma, "wenzhou-2021", "county");
    const keys = rows.map((r) => r.key);
    const counties = keys.filter((k) => OFFICIAL.includes(k));
    expect(counties).toEqual(OFFICIAL.filter((c) => counties.includes(c)));
    expect(rows.slice(0, counties.length).every((r) => r.groupKind === "county")).toBe(true);
    const rest = rows.slice(counties.length);
    const zones = rest.filter((r) => r.groupKind === "zone");
    expect(rest.slice(0, zones.length)).toEqual(zones);
    expect(zones.length).toBeGreaterThan(0);
    const tail = rest.slice(zones.length).map((r) => r.key);
    expect(tail).toEqual(["全市", "未定", "无法识别"].filter((k) => tail.includes(k)));
    expect(tail).toContain("全市");
  });

  it("the 合计 row is the plan's total: every project once, the sum of the domain rows", async () => {
    const total = await rollupTotal(db.prisma, "wenzhou-2021");
    expect({ projects: total.projects, totalWan: total.totalWan, fypWan: total.fypWan }).toEqual(sums(source));
    const domains = await rollup(db.prisma, "wenzhou-2021", "domain");
    expect(domains.reduce((n, r) => n + r.projects, 0)).toBe(total.projects);
    expect(total.totalPending).toBe(source.filter((r) => r.totalInvestment === "待定").length);
  });
});
