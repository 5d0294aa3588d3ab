// Demonstration progress for the demo installation only (never for a real
// one): the published annex has no progress, so `npm start` with the embedded
// database fills the plan's years up to the demo date with generated, clearly
// labelled figures, so that the progress pages have something to show:
// - annual plans and approved monthly reports from January of the plan's
//   first year through the month before the one units report on now;
// - that month (the reporting round in progress) submitted for two projects in
//   three, except the projects of the demo units (市住建局, 市教育局), left for
//   their accounts to report;
// - statuses that follow each project's 建设期限: 前期 with zero investment
//   before its first year, 在建 during it, 竣工 in the December of its last
//   year (and no reports after that), so that a project whose period ended
//   years ago no longer reports.
// Deterministic: the same project gets the same figures every time.
import Decimal from "decimal.js";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { refreshCumulative } from "./cumulative";
import { compareMonths, reportingMonth, type YearMonth } from "./reporting-calendar";

/** The units whose demo accounts report for themselves in the demo: their last month is left to them. */
export const UNITS_LEFT_TO_REPORT = ["市住建局", "市教育局"];

type DemoProject = { id: number; seq: number; periodStart: number | null; periodEnd: number | null; fypWan: string | null; unitNames: string[] };

export type DemoProgress = { plans: Prisma.AnnualInvestmentPlanCreateManyInput[]; reports: Prisma.ProgressReportCreateManyInput[] };

/** The rows the demo creates, as of `now` (pure: the seed writes them, the test reads them). */
export function demoProgressRows(plan: { startYear: number; endYear: number }, projects: DemoProject[], clerkId: number, now: Date): DemoProgress {
  const last = reportingMonth(now);
  const plans: Prisma.AnnualInvestmentPlanCreateManyInput[] = [];
  const reports: Prisma.ProgressReportCreateManyInput[] = [];
  const lastYear = Math.min(last.year, plan.endYear);
  for (const p of projects) {
    const start = p.periodStart ?? plan.startYear;
    const end = p.periodEnd ?? plan.endYear;
    // 十四五投资 spread evenly over the years of the period inside the plan.
    const inPlan = Math.max(0, Math.min(end, plan.endYear) - Math.max(start, plan.startYear) + 1);
    const annual = p.fypWan && inPlan > 0 ? new Decimal(p.fypWan).dividedBy(inPlan).toDecimalPlaces(0) : null;
    // A spread of paces: from half of 序时进度 to half again ahead of it.
    const pace = new Decimal(50 + ((p.seq * 37) % 100)).dividedBy(100);
    const leftToUnit = p.unitNames.some((u) => UNITS_LEFT_TO_REPORT.includes(u));
    const lastMonthReported = !leftToUnit && p.seq % 3 !== 0;
    const actualStart = new Date(Date.UTC(start, 0, 10));
    for (let year = plan.startYear; year <= lastYear && year <= end; year++) {
      const building = year >= start;
      const planned = building ? annual : null;
      if (planned) plans.push({ projectId: p.id, year, plannedWan: planned.toFixed(), setById: clerkId, setAt: new Date(Date.UTC(year, 0, 15)) });
      let before = new Decimal(0);
      for (let month = 1; month <= 12; month++) {
        const ym: YearMonth = { year, month };
        const order = compareMonths(ym, last);
        if (order > 0 || (order === 0 && !lastMonthReported)) break;
        const completes = year === end && month === 12;
        const ytd = planned ? planned.times(month).dividedBy(12).times(completes ? Decimal.max(pace, 1) : pace).toDecimalPlaces(1) : new Decimal(0);
        const at = new Date(Date.UTC(year, month, 3)); // the 3rd of the month after: on time
        const current = order === 0;
        reports.push({
          projectId: p.id,
          year,
          month,
          revision: 1,
          status: current ? "SUBMITTED" : "APPROVED",
          effective: true,
          monthWan: ytd.minus(before).toFixed(),
          physicalProgress: !building ? "正在开展前期工作（演示数据）" : completes ? "已竣工（演示数据）" : `按计划推进（演示数据，${month}月）`,
          construction: !building ? "PREPARATION" : completes ? "COMPLETED" : "UNDER_CONSTRUCTION",
          actualStart: building ? actualStart : null,
          actualCompletion: completes ? new Date(Date.UTC(year, 11, 20)) : null,
          savedById: clerkId,
          savedAt: at,
          submittedById: clerkId,
          submittedAt: at,
          reviewedById: current ? null : clerkId,
          reviewedAt: current ? null : addDays(at, 2),
        });
        before = ytd;
      }
    }
  }
  return { plans, reports };
}

export async function seedDemoProgress(db: PrismaClient, planCode: string, now: Date): Promise<{ created: boolean }> {
  const plan = await db.plan.findUniqueOrThrow({ where: { code: planCode } });
  const already = await db.progressReport.count({ where: { project: { planId: plan.id } } });
  if (already) return { created: false };
  const clerk = await db.user.findFirst({ where: { role: "REVIEWER" }, orderBy: { id: "asc" } });
  if (!clerk) return { created: false };
  const projects = await db.project.findMany({
    where: { planId: plan.id, deletedAt: null },
    select: { id: true, seq: true, periodStart: true, periodEnd: true, fypState: true, fypWan: true, units: { select: { unit: { select: { name: true } } } } },
  });
  const { plans, reports } = demoProgressRows(
    plan,
    projects.map((p) => ({
      id: p.id,
      seq: p.seq,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      fypWan: p.fypState === "VALUE" && p.fypWan ? p.fypWan.toString() : null,
      unitNames: p.units.map((u) => u.unit.name),
    })),
    clerk.id,
    now,
  );
  await db.$transaction(
    async (tx) => {
      await tx.annualInvestmentPlan.createMany({ data: plans });
      await tx.progressReport.createMany({ data: reports });
      await refreshCumulative(tx, projects.map((p) => p.id));
    },
    { timeout: 60_000 },
  );
  return { created: true };
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
