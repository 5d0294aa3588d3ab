// The figures of a monthly 重大项目推进情况通报, read from the database through
// the functions the dashboard and the rollups use (lib/rollups, lib/progress):
// no figure of the bulletin has a query of its own.
import { readScope } from "@/lib/auth/scope";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { listIssues, type IssueListItem } from "@/lib/progress/coordination-issues";
import { planHeadline, type PlanHeadline } from "@/lib/progress/plan-progress";
import { projectProgressAsOf, type ProjectProgress } from "@/lib/progress/progress-figures";
import { loadPlan } from "@/lib/progress/report-access";
import type { YearMonth } from "@/lib/progress/reporting-calendar";
import { reportingStatus, type UnitReporting } from "@/lib/progress/reporting-months";
import type { AnnexRow } from "@/lib/projects/annex-row";
import { annexRowsByIds } from "@/lib/projects/list-projects";
import { rollup, type RollupRow } from "@/lib/rollups/rollups";
import type { ReportBasis } from "@/lib/progress/report-basis";
import { versionInForce, type VersionInForce } from "@/lib/versions/in-force";

export type BulletinData = {
  plan: { code: string; name: string; issuer: string };
  month: YearMonth;
  basis: ReportBasis;
  /** The plan's version in force for the month, whose projects and amounts every figure uses (null: a plan without versions). */
  version: VersionInForce | null;
  headline: PlanHeadline;
  byDomain: RollupRow[];
  byCounty: RollupRow[];
  countyRanking: RollupRow[];
  unitRanking: RollupRow[];
  projects: { row: AnnexRow; figures: ProjectProgress }[];
  deadline: string;
  deadlinePassed: boolean;
  lateUnits: UnitReporting[];
  openIssues: IssueListItem[];
};

/**
 * Reads a month's bulletin. `basis` (已审核 or 含已提交未审核) is passed to
 * every rollup and per-project figure; `now` decides who is late.
 */
export async function bulletinData(db: PrismaClient, actor: Actor, planCode: string, month: YearMonth, basis: ReportBasis, now: Date): Promise<BulletinData> {
  const plan = await loadPlan(db, planCode, actor);
  const asOf = month;
  // A regional account's bulletin: of the projects it reads (lib/auth/scope.ts).
  const scope = readScope(actor);
  // The version in force for the month (lib/versions/in-force.ts): one reading for every figure below.
  const version = await versionInForce(db, plan.id, asOf);
  const versions = version ? [version] : [];
  const [headline, byDomain, byCounty, countyRanking, unitRanking, figures, status, openIssues] = await Promise.all([
    planHeadline(db, plan.id, asOf, { basis, scope, versions }),
    rollup(db, plan.code, "domain", { asOf, basis, scope, versions }),
    rollup(db, plan.code, "county", { asOf, basis, scope, versions }),
    rollup(db, plan.code, "county", { asOf, basis, orderByRate: true, scope, versions }),
    rollup(db, plan.code, "unit", { asOf, basis, orderByRate: true, scope, versions }),
    projectProgressAsOf(db, plan.id, asOf, undefined, { basis, scope, versions }),
    reportingStatus(db, actor, plan.code, asOf, now),
    listIssues(db, actor, { planCode: plan.code, open: true }, now),
  ]);
  // The lists name exactly the projects the totals count: a closed month's (deleted since too), an open month's live ones.
  const rows = await annexRowsByIds(db, [...figures.keys()]);
  return {
    plan: { code: plan.code, name: plan.name, issuer: plan.issuer },
    month,
    basis,
    version,
    headline,
    byDomain,
    byCounty,
    countyRanking,
    unitRanking,
    projects: rows.flatMap((row) => {
      const f = figures.get(row.id);
      return f ? [{ row, figures: f }] : [];
    }),
    deadline: status.deadline,
    deadlinePassed: status.deadlinePassed,
    lateUnits: status.units.filter((u) => u.late > 0),
    openIssues,
  };
}
