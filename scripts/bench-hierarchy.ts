// The benchmark's province hierarchy (issue 19): a province (浙江省) with 11
// cities and 90 counties, a province plan, a plan for each city and for each
// county, whose projects overlap by 项目代码 — a quarter of each county's
// projects reported up into its city's list, the biggest of a city's list
// (总投资 > 45 亿元, about a tenth) into the province's. The reference regions
// hold two of the cities (温州, 台州) with their 21 counties; the other nine
// cities and their 69 counties are synthetic rows with GB/T 2260-shaped codes
// (the real city codes, county codes numbered under them). Loaded beside the
// 20 bench plans (which belong to 温州 and 台州, so that the province's
// 含下级 rollup covers them too), generated inside PostgreSQL from the seed.
import type pg from "pg";

/** The nine cities the reference data lacks, and how many counties each has (as Zhejiang has: 69 together). */
export const SYNTHETIC_CITIES: { code: string; name: string; counties: number }[] = [
  { code: "330100", name: "杭州市", counties: 13 },
  { code: "330200", name: "宁波市", counties: 10 },
  { code: "330400", name: "嘉兴市", counties: 7 },
  { code: "330500", name: "湖州市", counties: 5 },
  { code: "330600", name: "绍兴市", counties: 6 },
  { code: "330700", name: "金华市", counties: 9 },
  { code: "330800", name: "衢州市", counties: 6 },
  { code: "330900", name: "舟山市", counties: 4 },
  { code: "331100", name: "丽水市", counties: 9 },
];

export const PROVINCE_PLAN = "bench-prov";
export const cityPlanCode = (regionCode: string) => `bench-city-${regionCode}`;
export const countyPlanCode = (regionCode: string) => `bench-county-${regionCode}`;

export type HierarchySizes = { countyOwn: number; cityOwn: number; provinceOwn: number };
export const hierarchySizes = (small: boolean): HierarchySizes => (small ? { countyOwn: 20, cityOwn: 40, provinceOwn: 40 } : { countyOwn: 100, cityOwn: 200, provinceOwn: 200 });

/** 总投资 above which a city's project is also the province's (万元): the synthetic totals are uniform up to 500,100. */
const PROVINCE_THRESHOLD_WAN = 450_000;

/**
 * Regions, plans, domains and projects of the hierarchy. Units, annual plans and
 * reports are added afterwards by the bench's own statements, which cover every project.
 * `h(expr)` is the bench's deterministic hash of an integer expression.
 */
export async function loadHierarchy(c: pg.PoolClient, h: (expr: string) => string, sizes: HierarchySizes, log: (text: string) => void): Promise<void> {
  log("载入：省—市—县层级（11 个市、90 个县的区划，省、市、县规划）");
  const province = (await c.query(`SELECT id FROM "Region" WHERE code = '330000'`)).rows[0].id as number;
  for (const city of SYNTHETIC_CITIES) {
    await c.query(`INSERT INTO "Region" (code, name, kind, "parentId", aliases) VALUES ($1, $2, 'PREFECTURE', $3, '{}') ON CONFLICT (code) DO NOTHING`, [city.code, city.name, province]);
    await c.query(
      `INSERT INTO "Region" (code, name, kind, "parentId", aliases)
       SELECT left($1, 4) || lpad((k + 1)::text, 2, '0'), $2 || '基准' || k || (CASE WHEN k <= 3 THEN '区' ELSE '县' END),
              (CASE WHEN k <= 3 THEN 'DISTRICT' ELSE 'COUNTY' END)::"RegionKind", (SELECT id FROM "Region" WHERE code = $1), '{}'
         FROM generate_series(1, $3::int) k
       ON CONFLICT (code) DO NOTHING`,
      [city.code, city.name.slice(0, -1), city.counties],
    );
  }
  // Every county of the province (not the functional zones), and the cities.
  const counties = `SELECT r.* FROM "Region" r JOIN "Region" c ON c.id = r."parentId" WHERE c."parentId" = ${province} AND r.kind <> 'FUNCTIONAL_ZONE'`;
  const n = (await c.query(`SELECT (SELECT count(*) FROM "Region" WHERE "parentId" = ${province})::int AS cities, (SELECT count(*) FROM (${counties}) x)::int AS counties`)).rows[0];
  if (n.cities !== 11 || n.counties !== 90) throw new Error(`层级区划应为 11 个市、90 个县，实为 ${n.cities} 个市、${n.counties} 个县`);

  await c.query(`INSERT INTO "Plan" (code, name, issuer, "startYear", "endYear", "regionId")
    SELECT '${PROVINCE_PLAN}', '基准省级规划', '基准测试', 2021, 2025, ${province}
    UNION ALL SELECT 'bench-city-' || code, '基准市级规划（' || name || '）', '基准测试', 2021, 2025, id FROM "Region" WHERE "parentId" = ${province}
    UNION ALL SELECT 'bench-county-' || code, '基准县级规划（' || name || '）', '基准测试', 2021, 2025, id FROM (${counties}) x`);
  const hierarchyPlans = `SELECT id FROM "Plan" WHERE code = '${PROVINCE_PLAN}' OR code LIKE 'bench-city-%' OR code LIKE 'bench-county-%'`;
  await c.query(`INSERT INTO "Domain" ("planId", name, position) SELECT pl.id, '领域' || lpad(k::text, 2, '0'), k FROM (${hierarchyPlans}) pl CROSS JOIN generate_series(1, 10) k`);

  // A project of its own for a plan: `i` a deterministic number, `code` its 项目代码, located in county `r`
  // (or, for some of a city's, 全市: the city itself).
  const columns = `"planId", "domainId", seq, name, type, "periodText", "periodStart", "periodEnd", "locationText", "regionId",
                   "locationResolution", "locationRule", content, "totalState", "totalWan", "fypState", "fypWan", "updatedAt", code`;
  const own = (i: string, seq: string, code: string, label: string) => `
    pl.id, d.id, ${seq}, '${label}' || ${i}, (ARRAY['新建','续建','续建、新建','改建','扩建','改扩建','承接','迭代'])[1 + ${h(`${i} * 13`)} % 8],
    '2021-2025', 2021, 2025, r.name, r.id, (CASE WHEN r.kind = 'PREFECTURE' THEN 'WHOLE_CITY' ELSE 'COUNTY' END)::"LocationResolution", '基准测试',
    '基准测试项目的建设内容' || ${i},
    CASE WHEN ${h(`${i} * 17`)} % 100 < 3 THEN 'PENDING' ELSE 'VALUE' END::"AmountState",
    CASE WHEN ${h(`${i} * 17`)} % 100 < 3 THEN NULL ELSE round(100 + (${h(`${i} * 19`)} % 5000000) / 10.0, 1) END,
    CASE WHEN ${h(`${i} * 17`)} % 100 < 3 THEN 'PENDING' ELSE 'VALUE' END::"AmountState",
    CASE WHEN ${h(`${i} * 17`)} % 100 < 3 THEN NULL ELSE round(round(100 + (${h(`${i} * 19`)} % 5000000) / 10.0, 1) * (50 + ${h(`${i} * 23`)} % 51) / 100, 1) END,
    now(),
    (2016 + ${h(`${i} * 47`)} % 8) || '-' || ${code} || '-' || lpad((10 + ${h(`${i} * 53`)} % 80)::text, 2, '0') || '-0' || (1 + ${h(`${i} * 59`)} % 3) || '-' || lpad(s.k::text, 6, '0')`;
  const domain = (i: string) => `JOIN "Domain" d ON d."planId" = pl.id AND d.position = 1 + ${h(`${i} * 7`)} % 10`;

  log("载入：县级规划的项目");
  await c.query(`
    INSERT INTO "Project" (${columns})
    SELECT ${own("x.i", "s.k", "pr.code", "县级项目")}
      FROM "Plan" pl JOIN "Region" pr ON pr.id = pl."regionId"
      CROSS JOIN generate_series(1, ${sizes.countyOwn}) s(k)
      CROSS JOIN LATERAL (SELECT left(pr.code, 6)::bigint * 10000 + s.k AS i) x
      JOIN "Region" r ON r.id = pr.id
      ${domain("x.i")}
     WHERE pl.code LIKE 'bench-county-%'`);

  log("载入：市级规划自己的项目（一成为全市），以及各县上报的四分之一");
  await c.query(`
    INSERT INTO "Project" (${columns})
    SELECT ${own("x.i", "s.k", "pr.code", "市级项目")}
      FROM "Plan" pl JOIN "Region" pr ON pr.id = pl."regionId"
      CROSS JOIN generate_series(1, ${sizes.cityOwn}) s(k)
      CROSS JOIN LATERAL (SELECT left(pr.code, 6)::bigint * 10000 + s.k AS i) x
      CROSS JOIN LATERAL (SELECT cr.id FROM "Region" cr WHERE cr."parentId" = pr.id AND cr.kind <> 'FUNCTIONAL_ZONE' ORDER BY cr.code
                           OFFSET ${h("x.i * 61")} % (SELECT count(*) FROM "Region" z WHERE z."parentId" = pr.id AND z.kind <> 'FUNCTIONAL_ZONE') LIMIT 1) pick
      JOIN "Region" r ON r.id = CASE WHEN ${h("x.i * 67")} % 10 = 0 THEN pr.id ELSE pick.id END
      ${domain("x.i")}
     WHERE pl.code LIKE 'bench-city-%'`);
  // Reported up: the same project (its code, name, location, amounts) as a row of the higher plan.
  const copyUp = (target: string, where: string, seqBase: number) => `
    INSERT INTO "Project" (${columns})
    SELECT t.id, td.id, ${seqBase} + row_number() OVER (PARTITION BY t.id ORDER BY p.code), p.name, p.type, p."periodText", p."periodStart", p."periodEnd",
           p."locationText", p."regionId", p."locationResolution", p."locationRule", p.content, p."totalState", p."totalWan", p."fypState", p."fypWan", now(), p.code
      FROM "Project" p JOIN "Plan" pl ON pl.id = p."planId" JOIN "Region" pr ON pr.id = pl."regionId" JOIN "Domain" d ON d.id = p."domainId"
      JOIN "Plan" t ON ${target}
      JOIN "Domain" td ON td."planId" = t.id AND td.position = d.position
     WHERE ${where}`;
  await c.query(copyUp(`t.code = 'bench-city-' || (SELECT code FROM "Region" WHERE id = pr."parentId")`, `pl.code LIKE 'bench-county-%' AND ${h("p.seq * 71 + left(pr.code, 6)::bigint")} % 4 = 0`, sizes.cityOwn));

  log("载入：省级规划自己的项目，以及各市名单中最大的（总投资 > 45 亿元）");
  await c.query(`
    INSERT INTO "Project" (${columns})
    SELECT ${own("x.i", "s.k", "'330000'", "省级项目")}
      FROM "Plan" pl
      CROSS JOIN generate_series(1, ${sizes.provinceOwn}) s(k)
      CROSS JOIN LATERAL (SELECT 3300000000 + s.k AS i) x
      CROSS JOIN LATERAL (SELECT cr.id FROM (${counties}) cr ORDER BY cr.code OFFSET ${h("x.i * 61")} % 90 LIMIT 1) pick
      JOIN "Region" r ON r.id = pick.id
      ${domain("x.i")}
     WHERE pl.code = '${PROVINCE_PLAN}'`);
  await c.query(copyUp(`t.code = '${PROVINCE_PLAN}'`, `pl.code LIKE 'bench-city-%' AND p."totalWan" > ${PROVINCE_THRESHOLD_WAN}`, sizes.provinceOwn));
  const rows = (await c.query(`SELECT count(*)::int AS n, count(DISTINCT p.code)::int AS codes FROM "Project" p WHERE p."planId" IN (${hierarchyPlans})`)).rows[0];
  log(`载入：层级规划 ${rows.n} 行，${rows.codes} 个不同的项目代码`);
}

/** A region's subtree with each region's depth below it, by hand (a recursive CTE), for the hand-written statements. */
export function subtreeSql(topRegionId: number): string {
  return `WITH RECURSIVE below(id, depth) AS (
            SELECT id, 0 FROM "Region" WHERE id = ${topRegionId}
            UNION ALL SELECT r.id, b.depth + 1 FROM "Region" r JOIN below b ON r."parentId" = b.id)`;
}

/**
 * The hand-written “含下级” set: the plan's own live rows and those of every plan of a region strictly
 * below its region, each 项目代码 once — the plan's own row, else the one of the highest level (the
 * smallest depth), then the first plan — among the rows `readable` lets through.
 */
export function chosenSql(planId: number, readable: string): string {
  return `chosen AS (
      SELECT DISTINCT ON (coalesce(cp.code, '#' || cp.id)) cp.id
        FROM "Project" cp JOIN "Plan" cpl ON cpl.id = cp."planId" JOIN below b ON b.id = cpl."regionId"
       WHERE cp."deletedAt" IS NULL AND (cpl.id = ${planId} OR b.depth > 0) AND ${readable}
       ORDER BY coalesce(cp.code, '#' || cp.id), cpl.id = ${planId} DESC, b.depth, cpl.id, cp.id)`;
}

/** What an account of this region reads, by hand: projects located in its subtree, or of a plan of its subtree. */
export function readableByHand(regionIds: number[], p: string, pl: string): string {
  return `(${p}."regionId" = ANY('{${regionIds.join(",")}}'::int[]) OR ${pl}."regionId" = ANY('{${regionIds.join(",")}}'::int[]))`;
}
