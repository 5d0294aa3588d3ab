// A plan's versions: version 1 is the annex as imported (the baseline, frozen),
// each approved 中期调整 (adjustments.ts) makes the next. A version's rows are
// copies (PlanVersionProject), never the live rows: an edit of a project
// changes the working state, and "as of version N" still reads what N said.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { LocationResolution } from "@/lib/generated/prisma/enums";
import { AppError, notFound } from "@/lib/errors";
import { readsWholePlan, type ReadScope } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import { trimDecimal, type AmountState } from "@/lib/money/amount";
import { countyLabel, type AnnexRow } from "@/lib/projects/annex-row";
import { rollup, rollupTotal } from "@/lib/rollups/rollups";
import { freezeCountyShares } from "./version-shares";

type Db = PrismaClient | Prisma.TransactionClient;

export const BASELINE_LABEL = "原规划（基线）";

/** The columns a version copies, in the order of the INSERTs below. */
const COPIED = Prisma.sql`"domainId", seq, name, type, "periodText", "periodStart", "periodEnd", "locationText", "regionId",
  "locationResolution", "locationRule", content, "totalState", "totalWan", "fypState", "fypWan"`;

/** INSERT … SELECT of the live rows `where` (over "Project" p) into version `versionId`, units as published in order. */
export async function copyLiveRows(tx: Prisma.TransactionClient, versionId: number, where: Prisma.Sql): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "PlanVersionProject" ("versionId", "projectId", ${COPIED}, "unitIds", "unitNames")
    SELECT ${versionId}, p.id, p."domainId", p.seq, p.name, p.type, p."periodText", p."periodStart", p."periodEnd", p."locationText", p."regionId",
           p."locationResolution", p."locationRule", p.content, p."totalState", p."totalWan", p."fypState", p."fypWan",
           COALESCE((SELECT array_agg(pu."unitId" ORDER BY pu.position) FROM "ProjectUnit" pu WHERE pu."projectId" = p.id), '{}'),
           COALESCE((SELECT array_agg(pu."publishedName" ORDER BY pu.position) FROM "ProjectUnit" pu WHERE pu."projectId" = p.id), '{}')
      FROM "Project" p
     WHERE p."deletedAt" IS NULL AND ${where}`;
}

/**
 * Version 1 of a new plan: its rows as imported, and the splits by county in
 * force (an import has none; lib/versions/version-shares.ts). Runs in the
 * import's transaction, so that no plan exists without its baseline.
 */
export async function createBaseline(tx: Prisma.TransactionClient, planId: number, at: Date, by: string): Promise<void> {
  const version = await tx.planVersion.create({ data: { planId, number: 1, label: BASELINE_LABEL, approvedAt: at, approvedBy: by } });
  await copyLiveRows(tx, version.id, Prisma.sql`p."planId" = ${planId}`);
  await freezeCountyShares(tx, version.id, null);
}

export type VersionRef = { id: number; planId: number; number: number; label: string; approvedAt: Date };

/** The version `number` of the plan (the latest when number is omitted); 404 when there is none such. */
/**
 * The plan whose versions are read: a version is the whole plan as published, so
 * only an account that reads all of it sees them (lib/auth/scope.ts); a regional
 * account of a region below the plan's, or of another region, gets a 404.
 */
export async function wholePlanOf(db: Db, planCode: string, scope: ReadScope) {
  const plan = await findReadablePlan(db, planCode, scope);
  if (!readsWholePlan(scope, plan.regionId)) throw notFound(`规划“${planCode}”的版本`);
  return plan;
}

export async function findVersion(db: Db, planCode: string, number?: number, scope: ReadScope = null): Promise<VersionRef> {
  const plan = await wholePlanOf(db, planCode, scope);
  const version = await db.planVersion.findFirst({
    where: { planId: plan.id, ...(number === undefined ? {} : { number }) },
    orderBy: { number: "desc" },
    select: { id: true, planId: true, number: true, label: true, approvedAt: true },
  });
  if (!version) throw new AppError("not_found", number === undefined ? "该规划还没有任何版本" : `该规划没有第 ${number} 版`);
  return version;
}

export type VersionSummary = {
  number: number;
  label: string;
  approvedAt: string;
  approvedBy: string;
  adjustmentId: number | null;
  projects: number;
  /** Sums of the amounts that are numbers, 万元; 待定 and 不适用 counted apart. */
  totalWan: string;
  fypWan: string;
  totalNotNumbers: number;
  fypNotNumbers: number;
  /** Projects the version has split by county (its frozen shares). */
  splitProjects: number;
  /** Made before versions froze the splits: its shares are the register's at that migration. */
  sharesBackfilled: boolean;
};

/** Every version of the plan, oldest first, with its totals (summed by PostgreSQL). */
export async function listVersions(db: PrismaClient, planCode: string, scope: ReadScope = null): Promise<VersionSummary[]> {
  const plan = await wholePlanOf(db, planCode, scope);
  const rows = await db.$queryRaw<{ number: number; label: string; approvedAt: Date; approvedBy: string; adjustmentId: number | null; projects: number; total: string; fyp: string; tn: number; fn: number; split: number; backfilled: boolean }[]>`
    SELECT v.number, v.label, v."approvedAt", v."approvedBy", v."adjustmentId", v."sharesBackfilled" AS backfilled,
           (SELECT count(DISTINCT s."projectId") FROM "PlanVersionCountyShare" s WHERE s."versionId" = v.id)::int AS split,
           count(p.id)::int AS projects, coalesce(sum(p."totalWan"), 0)::text AS total, coalesce(sum(p."fypWan"), 0)::text AS fyp,
           count(p.id) FILTER (WHERE p."totalState" <> 'VALUE')::int AS tn, count(p.id) FILTER (WHERE p."fypState" <> 'VALUE')::int AS fn
      FROM "PlanVersion" v LEFT JOIN "PlanVersionProject" p ON p."versionId" = v.id
     WHERE v."planId" = ${plan.id}
     GROUP BY v.id ORDER BY v.number`;
  return rows.map((r) => ({
    number: r.number,
    label: r.label,
    approvedAt: r.approvedAt.toISOString(),
    approvedBy: r.approvedBy,
    adjustmentId: r.adjustmentId,
    projects: r.projects,
    totalWan: trimDecimal(r.total),
    fypWan: trimDecimal(r.fyp),
    totalNotNumbers: r.tn,
    fypNotNumbers: r.fn,
    splitProjects: r.split,
    sharesBackfilled: r.backfilled,
  }));
}

type RawVersionRow = {
  projectId: number;
  domainId: number;
  seq: number;
  name: string;
  type: string;
  periodText: string;
  periodStart: number | null;
  periodEnd: number | null;
  locationText: string;
  regionId: number | null;
  locationResolution: LocationResolution;
  locationRule: string;
  content: string;
  totalState: AmountState;
  totalWan: string | null;
  fypState: AmountState;
  fypWan: string | null;
  unitIds: number[];
  unitNames: string[];
};

/**
 * The version's rows as annex rows, in annex order (domain, then 序号): what
 * the exports of a version print. Nothing in them depends on the live rows
 * but the domains' and regions' names.
 */
export async function versionAnnexRows(db: Db, version: VersionRef): Promise<AnnexRow[]> {
  const rows = await db.$queryRaw<RawVersionRow[]>`
    SELECT p."projectId", p."domainId", p.seq, p.name, p.type, p."periodText", p."periodStart", p."periodEnd", p."locationText", p."regionId",
           p."locationResolution"::text AS "locationResolution", p."locationRule", p.content,
           p."totalState"::text AS "totalState", p."totalWan"::text AS "totalWan", p."fypState"::text AS "fypState", p."fypWan"::text AS "fypWan",
           p."unitIds", p."unitNames"
      FROM "PlanVersionProject" p JOIN "Domain" d ON d.id = p."domainId"
     WHERE p."versionId" = ${version.id}
     ORDER BY d.position, p.seq, p."projectId"`;
  const [plan, domains, regions, units] = await Promise.all([
    db.plan.findUniqueOrThrow({ where: { id: version.planId }, select: { code: true } }),
    db.domain.findMany({ where: { planId: version.planId }, select: { id: true, name: true, position: true } }),
    db.region.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => (r.regionId === null ? [] : [r.regionId])))] } }, select: { id: true, code: true, name: true } }),
    db.unit.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => r.unitIds))] } }, select: { id: true, name: true } }),
  ]);
  const domainById = new Map(domains.map((d) => [d.id, d]));
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const at = version.approvedAt.toISOString();
  return rows.map((p) => {
    const domain = domainById.get(p.domainId)!;
    const region = p.regionId === null ? undefined : regionById.get(p.regionId);
    return {
      id: p.projectId,
      planCode: plan.code,
      seq: p.seq,
      domainId: p.domainId,
      domainPosition: domain.position,
      domainName: domain.name,
      name: p.name,
      code: null,
      type: p.type,
      periodText: p.periodText,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      locationText: p.locationText,
      locationResolution: p.locationResolution,
      locationRule: p.locationRule,
      regionCode: region?.code ?? null,
      regionName: region?.name ?? null,
      countyLabel: countyLabel(p.locationResolution, region?.name ?? null),
      content: p.content,
      total: { state: p.totalState, wan: p.totalWan === null ? null : trimDecimal(p.totalWan) },
      fyp: { state: p.fypState, wan: p.fypWan === null ? null : trimDecimal(p.fypWan) },
      units: p.unitIds.map((unitId, i) => ({ unitId, name: unitName.get(unitId) ?? p.unitNames[i]!, publishedName: p.unitNames[i]!, isLead: i === 0, contactPerson: null, contactPhone: null })),
      version: version.number,
      updatedAt: at,
    };
  });
}

export type VersionRollupRow = { key: string; projects: number; totalWan: string; fypWan: string; totalPending: number; totalNotApplicable: number; fypPending: number; fypNotApplicable: number };

/**
 * A version's frozen rows shaped as the project rows the rollups read (id,
 * "planId", the located and summed columns, units as "unitIds"): the one
 * source through which every rollup reads "as of version N" (lib/rollups).
 */
export function versionProjectsSql(versionId: number): Prisma.Sql {
  return Prisma.sql`
    SELECT vp."projectId" AS id, v."planId", vp."domainId", vp.seq, vp.name, vp.type, vp."periodStart", vp."periodEnd", vp."regionId",
           vp."locationResolution", vp."totalState", vp."totalWan", vp."fypState", vp."fypWan", vp."unitIds"
      FROM "PlanVersionProject" vp JOIN "PlanVersion" v ON v.id = vp."versionId"
     WHERE vp."versionId" = ${versionId}`;
}

/**
 * The version's rows counted and summed by domain, county (the county column's
 * label), type or unit (its units as frozen), in annex / GB/T 2260 order: the rollup of lib/rollups over
 * the version's rows (the rollups page as of a version reads the same).
 */
export async function versionRollup(db: PrismaClient, version: VersionRef, by: "domain" | "county" | "type" | "unit" | "total"): Promise<VersionRollupRow[]> {
  const rows = by === "total" ? [await rollupTotal(db, null, { version })] : await rollup(db, null, by, { version });
  return rows.map((r) => ({
    key: r.key,
    projects: r.projects,
    totalWan: r.totalWan,
    fypWan: r.fypWan,
    totalPending: r.totalPending,
    totalNotApplicable: r.totalNotApplicable,
    fypPending: r.fypPending,
    fypNotApplicable: r.fypNotApplicable,
  }));
}
