import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { LocationResolution } from "@/lib/generated/prisma/enums";
import { notFound } from "@/lib/errors";
import { readableProjectsSql, type ReadScope } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import { trimDecimal, type AmountState } from "@/lib/money/amount";
import { progressWithLightSql, statusLabelSql } from "@/lib/progress/progress-figures";
import { versionsInForce, type VersionInForce } from "@/lib/versions/in-force";
import { LIGHT_LABELS, NOT_STARTED_LABEL } from "@/lib/progress/progress-format";
import { COUNTY_LABEL_SQL } from "@/lib/regions/county-label-sql";
import { countyLabel, type AnnexRow, type ProjectUnitView } from "./annex-row";
import type { AnnexView } from "./annex-view-input";

// The annex grid's rows: the projects in one SQL statement, then, together, the
// units of exactly those projects and the few plans, domains and regions they
// name. At 5,000 projects this is several times faster than the ORM's include,
// and faster than aggregating each project's units as JSON in a subquery; the
// domain and region names are looked up once rather than read 5,000 times
// (README → Benchmarks has the figures).
type RawAnnexRow = {
  id: number;
  planId: number;
  seq: number;
  domainId: number;
  regionId: number | null;
  name: string;
  code: string | null;
  type: string;
  periodText: string;
  periodStart: number | null;
  periodEnd: number | null;
  locationText: string;
  locationResolution: LocationResolution;
  locationRule: string;
  content: string;
  totalState: AmountState;
  totalWan: string | null;
  fypState: AmountState;
  fypWan: string | null;
  version: number;
  updatedAt: Date;
};

/** The projects matching `where`, in annex order (live ones unless `deleted`); `d` and `r` are there for filters that name a domain or county. */
function annexRowsSql(where: Prisma.Sql, { deleted = false } = {}): Prisma.Sql {
  return Prisma.sql`
    SELECT p.id, p."planId", p.seq, p."domainId", p."regionId",
           p.name, p.code, p.type, p."periodText", p."periodStart", p."periodEnd", p."locationText",
           p."locationResolution"::text AS "locationResolution", p."locationRule",
           p.content, p."totalState"::text AS "totalState", p."totalWan"::text AS "totalWan",
           p."fypState"::text AS "fypState", p."fypWan"::text AS "fypWan", p.version, p."updatedAt"
      FROM "Project" p
      JOIN "Domain" d ON d.id = p."domainId"
      LEFT JOIN "Region" r ON r.id = p."regionId"
     WHERE ${deleted ? Prisma.sql`TRUE` : Prisma.sql`p."deletedAt" IS NULL`} AND ${where}
     ORDER BY d.position, p.seq, p.id`;
}

const distinct = (ids: (number | null)[]): number[] => [...new Set(ids.filter((id): id is number => id !== null))];

/** The rows, each with its plan's code, its domain, its county and its units in their published order. */
async function assembleRows(db: Prisma.TransactionClient, rows: RawAnnexRow[]): Promise<AnnexRow[]> {
  if (!rows.length) return [];
  const [unitRows, plans, domains, regions] = await Promise.all([
    db.$queryRaw<(ProjectUnitView & { projectId: number })[]>`
      SELECT pu."projectId", pu."unitId", u.name, pu."publishedName", pu."isLead", pu."contactPerson", pu."contactPhone"
        FROM "ProjectUnit" pu JOIN "Unit" u ON u.id = pu."unitId"
       WHERE pu."projectId" = ANY(${rows.map((r) => r.id)}::int[])
       ORDER BY pu."projectId", pu.position`,
    db.plan.findMany({ where: { id: { in: distinct(rows.map((r) => r.planId)) } }, select: { id: true, code: true } }),
    db.domain.findMany({ where: { id: { in: distinct(rows.map((r) => r.domainId)) } }, select: { id: true, name: true, position: true } }),
    db.region.findMany({ where: { id: { in: distinct(rows.map((r) => r.regionId)) } }, select: { id: true, code: true, name: true } }),
  ]);
  const units = new Map<number, ProjectUnitView[]>();
  for (const u of unitRows) {
    const unit: ProjectUnitView = { unitId: u.unitId, name: u.name, publishedName: u.publishedName, isLead: u.isLead, contactPerson: u.contactPerson, contactPhone: u.contactPhone };
    const list = units.get(u.projectId);
    if (list) list.push(unit);
    else units.set(u.projectId, [unit]);
  }
  const planCodes = new Map(plans.map((pl) => [pl.id, pl.code]));
  const domainById = new Map(domains.map((d) => [d.id, d]));
  const regionById = new Map(regions.map((r) => [r.id, r]));
  // Each field named rather than copied with object rest/spread: V8's rest copy of a
  // 24-field row was the largest cost of serving 5,000 rows (the benchmark's profile).
  return rows.map((p) => {
    const domain = domainById.get(p.domainId)!;
    const region = p.regionId === null ? undefined : regionById.get(p.regionId);
    const regionName = region?.name ?? null;
    return {
      id: p.id,
      planCode: planCodes.get(p.planId)!,
      seq: p.seq,
      domainId: p.domainId,
      domainPosition: domain.position,
      domainName: domain.name,
      name: p.name,
      code: p.code,
      type: p.type,
      periodText: p.periodText,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      locationText: p.locationText,
      locationResolution: p.locationResolution,
      locationRule: p.locationRule,
      regionCode: region?.code ?? null,
      regionName,
      countyLabel: countyLabel(p.locationResolution, regionName),
      content: p.content,
      total: { state: p.totalState, wan: p.totalWan === null ? null : trimDecimal(p.totalWan) },
      fyp: { state: p.fypState, wan: p.fypWan === null ? null : trimDecimal(p.fypWan) },
      units: units.get(p.id) ?? [],
      version: p.version,
      updatedAt: p.updatedAt.toISOString(),
    };
  });
}

/** The grid's filters, for a view served already filtered (lib/projects/annex-view-input.ts). */
export type AnnexFilter = Partial<AnnexView>;

const COUNTY_LABEL_RESOLUTIONS: Record<string, LocationResolution> = { 全市: "WHOLE_CITY", 未定: "UNDECIDED", 无法识别: "UNRESOLVED" };

/** The same tests as the grid's own filter (components/annex/AnnexGrid.tsx): exact names, text contained. */
function filterSql(planId: number, filter: AnnexFilter, versions?: VersionInForce[]): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if ((filter.status || filter.light) && filter.progress) {
    const tests: Prisma.Sql[] = [];
    if (filter.status === NOT_STARTED_LABEL) tests.push(Prisma.sql`x."notStarted"`);
    else if (filter.status) tests.push(Prisma.sql`${statusLabelSql(Prisma.sql`x.construction`)} = ${filter.status}`);
    const light = Object.entries(LIGHT_LABELS).find(([, label]) => label === filter.light)?.[0];
    if (filter.light) tests.push(Prisma.sql`x.light = ${light ?? ""}`);
    parts.push(Prisma.sql`p.id IN (SELECT x."projectId" FROM (${progressWithLightSql(planId, filter.progress, { rates: false, basis: filter.basis, versions })}) x WHERE ${Prisma.join(tests, " AND ")})`);
  }
  if (filter.domain) parts.push(Prisma.sql`d.name = ${filter.domain}`);
  if (filter.type) parts.push(Prisma.sql`p.type = ${filter.type}`);
  if (filter.unit) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "ProjectUnit" pu JOIN "Unit" u ON u.id = pu."unitId" WHERE pu."projectId" = p.id AND u.name = ${filter.unit})`);
  if (filter.county) {
    const resolution = COUNTY_LABEL_RESOLUTIONS[filter.county];
    parts.push(
      resolution
        ? Prisma.sql`p."locationResolution"::text = ${resolution}`
        : Prisma.sql`r.name = ${filter.county} AND p."locationResolution" IN ('COUNTY', 'FUNCTIONAL_ZONE')`,
    );
  }
  const q = filter.q?.trim();
  if (q) {
    // The texts the grid's quick search looks at: name, content, location, type, domain, county and units.
    parts.push(Prisma.sql`(strpos(p.name, ${q}) > 0 OR strpos(p.content, ${q}) > 0 OR strpos(p."locationText", ${q}) > 0
      OR strpos(p.type, ${q}) > 0 OR strpos(d.name, ${q}) > 0 OR strpos(${COUNTY_LABEL_SQL}, ${q}) > 0
      OR EXISTS (SELECT 1 FROM "ProjectUnit" pu JOIN "Unit" u ON u.id = pu."unitId" WHERE pu."projectId" = p.id AND (strpos(pu."publishedName", ${q}) > 0 OR strpos(u.name, ${q}) > 0)))`);
  }
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

/** Which of a plan's projects a view shows: those the scope reads, filtered as the grid filters (`p`, `d`, `r` as in annexRowsSql). */
export async function annexViewWhere(db: PrismaClient, planCode: string, filter: AnnexFilter = {}, scope: ReadScope = null): Promise<Prisma.Sql> {
  const plan = await findReadablePlan(db, planCode, scope);
  // A status or light filter as of a month reads the month's version in force, as the grid's figures do.
  const versions = filter.progress && (filter.status || filter.light) ? await versionsInForce(db, [plan.id], filter.progress) : undefined;
  return Prisma.sql`p."planId" = ${plan.id} AND ${readableProjectsSql(scope)} AND ${filterSql(plan.id, filter, versions)}`;
}

/** The plan's live projects in annex order (domain, then 序号), optionally filtered as the grid filters; only those the scope reads. */
export async function listAnnexRows(db: PrismaClient, planCode: string, filter: AnnexFilter = {}, scope: ReadScope = null): Promise<AnnexRow[]> {
  return assembleRows(db, await db.$queryRaw<RawAnnexRow[]>(annexRowsSql(await annexViewWhere(db, planCode, filter, scope))));
}

/** Projects by id in annex order, deleted ones too: the rows of what a closed month counts (lib/bulletin). */
export async function annexRowsByIds(db: PrismaClient, projectIds: number[]): Promise<AnnexRow[]> {
  return assembleRows(db, await db.$queryRaw<RawAnnexRow[]>(annexRowsSql(Prisma.sql`p.id = ANY(${projectIds}::int[])`, { deleted: true })));
}

/** One live project; "not found" outside the scope, as for one that does not exist. */
export async function getAnnexRow(db: Prisma.TransactionClient, projectId: number, scope: ReadScope = null): Promise<AnnexRow> {
  const [row] = await assembleRows(db, await db.$queryRaw<RawAnnexRow[]>(annexRowsSql(Prisma.sql`p.id = ${projectId} AND ${readableProjectsSql(scope)}`)));
  if (!row) throw notFound("项目");
  return row;
}
