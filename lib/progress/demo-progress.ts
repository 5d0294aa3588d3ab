// Demonstration progress for the demo installation only (never for a real
// one): the published annex has no progress, so `npm start` with the embedded
// database fills the current year with generated, clearly labelled figures —
// annual plans, approved reports up to two months ago, and last month's
// reports from some units — so that the progress pages have something to
// show. Deterministic: the same project gets the same figures every time.
import Decimal from "decimal.js";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { refreshCumulative } from "./cumulative";
import { reportingMonth } from "./reporting-calendar";

/** The units whose demo accounts report for themselves in the demo: their last month is left to them. */
const UNITS_LEFT_TO_REPORT = ["市住建局", "市教育局"];

export async function seedDemoProgress(db: PrismaClient, planCode: string, now = new Date()): Promise<{ created: boolean }> {
  const plan = await db.plan.findUniqueOrThrow({ where: { code: planCode } });
  const already = await db.progressReport.count({ where: { project: { planId: plan.id } } });
  if (already) return { created: false };
  const clerk = await db.user.findFirst({ where: { role: "REVIEWER" }, orderBy: { id: "asc" } });
  if (!clerk) return { created: false };

  const last = reportingMonth(now);
  const year = last.year;
  const projects = await db.project.findMany({
    where: { planId: plan.id, deletedAt: null },
    select: { id: true, seq: true, fypState: true, fypWan: true, units: { select: { unit: { select: { name: true } } } } },
  });
  const plans: Prisma.AnnualInvestmentPlanCreateManyInput[] = [];
  const reports: Prisma.ProgressReportCreateManyInput[] = [];
  for (const p of projects) {
    // A spread of paces: from half of 序时进度 to half again ahead of it.
    const pace = new Decimal(50 + ((p.seq * 37) % 100)).dividedBy(100);
    const notStarted = p.seq % 11 === 0;
    const annual = p.fypState === "VALUE" && p.fypWan ? new Decimal(p.fypWan.toString()).dividedBy(5).toDecimalPlaces(0) : null;
    if (annual) plans.push({ projectId: p.id, year, plannedWan: annual.toFixed(), setById: clerk.id, setAt: now });
    const leftToUnit = p.units.some((u) => UNITS_LEFT_TO_REPORT.includes(u.unit.name));
    // Last month: reported by two projects in three, except those left to the demo units.
    const lastMonthReported = !leftToUnit && p.seq % 3 !== 0;
    let before = new Decimal(0);
    for (let m = 1; m <= last.month; m++) {
      if (m === last.month && !lastMonthReported) break;
      const ytd = annual && !notStarted ? annual.times(m).dividedBy(12).times(pace).toDecimalPlaces(1) : new Decimal(0);
      const at = new Date(Date.UTC(year, m, 3)); // the 3rd of the month after: on time
      reports.push({
        projectId: p.id,
        year,
        month: m,
        revision: 1,
        status: m === last.month ? ("SUBMITTED" as const) : ("APPROVED" as const),
        effective: true,
        monthWan: ytd.minus(before).toFixed(),
        physicalProgress: notStarted ? "正在开展前期工作（演示数据）" : `按计划推进（演示数据，${m}月）`,
        construction: notStarted ? ("PREPARATION" as const) : ("UNDER_CONSTRUCTION" as const),
        actualStart: notStarted ? null : new Date(Date.UTC(Math.max(plan.startYear, year - 2), 2, 1)),
        savedById: clerk.id,
        savedAt: at,
        submittedById: clerk.id,
        submittedAt: at,
        reviewedById: m === last.month ? null : clerk.id,
        reviewedAt: m === last.month ? null : addDays(at, 2),
      });
      before = ytd;
    }
  }
  await db.$transaction(async (tx) => {
    await tx.annualInvestmentPlan.createMany({ data: plans });
    await tx.progressReport.createMany({ data: reports });
    await refreshCumulative(tx, projects.map((p) => p.id));
    // Some hundreds of rows and their cumulative figures: more than the default 5 s on a loaded machine.
  }, { timeout: 60_000 });
  return { created: true };
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
