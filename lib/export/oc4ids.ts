// The plan's projects as an OC4IDS project package (Open Contracting for
// Infrastructure Data Standard 0.9): id, title,
// description, status from its closed codelist, period, the location with
// its GB/T 2260 code, the budget in CNY with the 十四五 share, the units as
// parties, and the investment completed as of the last month with approved
// reports. Reading (oc4idsData) is kept apart from building the package
// (oc4idsPackage), which is pure.
import { readablePlansScope, readableProjectsSql, type ReadScope } from "@/lib/auth/scope";
import Decimal from "decimal.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import type { AnnexRow } from "@/lib/projects/annex-row";
import { listAnnexRows } from "@/lib/projects/list-projects";
import { projectProgressAsOf, type ProjectProgress } from "@/lib/progress/progress-figures";
import { monthLabel, type YearMonth } from "@/lib/progress/reporting-calendar";

export const OC4IDS_VERSION = "0.9";

export type Oc4idsData = {
  plan: { code: string; name: string; issuer: string; startYear: number; endYear: number; cityCode: string };
  rows: AnnexRow[];
  /** The last month with approved reports, and each project's figures as of it; null before any. */
  progress: { month: YearMonth; figures: Map<number, ProjectProgress> } | null;
};

export async function oc4idsData(db: PrismaClient, planCode: string, scope: ReadScope = null): Promise<Oc4idsData> {
  const plan = await db.plan.findFirst({ where: { code: planCode, ...readablePlansScope(scope) }, include: { region: { select: { code: true } } } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const rows = await listAnnexRows(db, planCode, {}, scope);
  // The reports its rows read: their own, or (a project a lower plan lists too) that plan's row's.
  const [last] = await db.$queryRaw<{ year: number; month: number }[]>`
    SELECT r.year, r.month FROM "Project" p JOIN "ProgressReport" r ON r."projectId" = COALESCE(p."reportingProjectId", p.id)
     WHERE p."planId" = ${plan.id} AND p."deletedAt" IS NULL AND ${readableProjectsSql(scope)} AND r.status = 'APPROVED'
     ORDER BY r.year DESC, r.month DESC LIMIT 1`;
  const progress = last ? { month: last, figures: await projectProgressAsOf(db, plan.id, last, scope ? rows.map((r) => r.id) : undefined, { basis: "approved" }) } : null;
  return { plan: { code: plan.code, name: plan.name, issuer: plan.issuer, startYear: plan.startYear, endYear: plan.endYear, cityCode: plan.region.code }, rows, progress };
}

/** 万元 (exact decimal text) → yuan, a JSON number: exact, a whole number of yuan for any amount stored to 0.0001 万元. */
const yuan = (wan: string) => ({ amount: new Decimal(wan).times(10_000).toNumber(), currency: "CNY" });
const startOf = (year: number, month = 1) => `${year}-${String(month).padStart(2, "0")}-01T00:00:00+08:00`;
const endOf = (year: number, month = 12) => `${year}-${String(month).padStart(2, "0")}-${new Date(Date.UTC(year, month, 0)).getUTCDate()}T23:59:59+08:00`;

/** The status the last report gives, on the projectStatus codelist (closed); 停缓建 stays in implementation. */
const STATUS: Record<string, string> = { PREPARATION: "preparation", UNDER_CONSTRUCTION: "implementation", SUSPENDED: "implementation", COMPLETED: "completion" };
/** 项目类型 on the projectType codelist (closed), where one fits. */
const TYPE: Record<string, string> = { 新建: "construction", 续建: "construction", 改建: "rehabilitation", 扩建: "expansion", 改扩建: "expansion" };

/** GB/T 2260: a county its own code, a functional zone (no code of its own) and the whole city the city's. */
function gazetteerCode(row: AnnexRow, cityCode: string): string | null {
  if (row.locationResolution === "WHOLE_CITY") return cityCode;
  if (!row.regionCode) return null;
  return /^\d{6}/.exec(row.regionCode)?.[0] ?? null;
}

function project(row: AnnexRow, data: Oc4idsData) {
  const { plan, progress } = data;
  const figures = progress?.figures.get(row.id);
  const code = gazetteerCode(row, plan.cityCode);
  const lead = row.units.find((u) => u.isLead) ?? row.units[0];
  const fypPeriod = { startDate: startOf(plan.startYear), endDate: endOf(plan.endYear) };
  return {
    id: `${plan.code}-${row.id}`,
    updated: row.updatedAt,
    language: "zh",
    title: row.name,
    description: row.content,
    status: figures?.construction ? STATUS[figures.construction]! : row.periodStart !== null && progress && row.periodStart > progress.month.year ? "identification" : "preparation",
    ...(TYPE[row.type] ? { type: TYPE[row.type] } : {}),
    ...(row.periodStart !== null && row.periodEnd !== null ? { period: { startDate: startOf(row.periodStart), endDate: endOf(row.periodEnd) } } : {}),
    locations: [
      {
        id: "1",
        description: row.locationText,
        ...(code ? { gazetteer: { scheme: "GB/T 2260", identifiers: [code] } } : {}),
      },
    ],
    budget: {
      description: row.total.state === "VALUE" ? "总投资" : row.total.state === "PENDING" ? "总投资待定" : "总投资不适用",
      ...(row.total.state === "VALUE" ? { amount: yuan(row.total.wan!) } : {}),
      ...(row.fyp.state === "VALUE"
        ? {
            budgetBreakdowns: [
              {
                id: "fyp",
                description: `“十四五”投资（${plan.startYear}–${plan.endYear}年）`,
                budgetBreakdown: [{ id: "fyp", description: "“十四五”投资", amount: yuan(row.fyp.wan!), period: fypPeriod }],
              },
            ],
          }
        : {}),
    },
    ...(row.units.length
      ? {
          parties: row.units.map((u) => ({ id: `unit-${u.unitId}`, name: u.publishedName, roles: ["publicAuthority"] })),
          publicAuthority: { id: `unit-${lead!.unitId}`, name: lead!.publishedName },
        }
      : {}),
    ...(figures && progress
      ? {
          metrics: [
            {
              id: "investment",
              title: "完成投资",
              description: `截至${monthLabel(progress.month)}（已审核月报的最后一个月）`,
              observations: [
                ...(figures.annualPlanWan !== null
                  ? [{ id: "annualPlan", notes: `${progress.month.year}年度计划投资`, period: { startDate: startOf(progress.month.year), endDate: endOf(progress.month.year) }, value: yuan(figures.annualPlanWan) }]
                  : []),
                { id: "yearToDate", notes: `${progress.month.year}年1–${progress.month.month}月累计完成投资`, period: { startDate: startOf(progress.month.year), endDate: endOf(progress.month.year, progress.month.month) }, value: yuan(figures.yearToDateWan) },
                { id: "planToDate", notes: "“十四五”累计完成投资", period: { startDate: startOf(plan.startYear), endDate: endOf(progress.month.year, progress.month.month) }, value: yuan(figures.planToDateWan) },
              ],
            },
          ],
        }
      : {}),
  };
}

/**
 * The package. `uri` names where it is served; its date is that of the last
 * change to the projects (the standard's rule for packages made on demand).
 */
export function oc4idsPackage(data: Oc4idsData, uri: string) {
  const lastChange = data.rows.reduce((latest, r) => (r.updatedAt > latest ? r.updatedAt : latest), "1970-01-01T00:00:00.000Z");
  return {
    uri,
    publishedDate: lastChange,
    version: OC4IDS_VERSION,
    publisher: { name: data.plan.issuer },
    projects: data.rows.map((row) => project(row, data)),
  };
}
