// Monthly progress reports: a unit saves drafts and submits them, the DRC
// approves or returns them. A submitted report is never overwritten: a
// correction (after a return or an approval) is a new revision, so the
// history keeps every figure that was ever reported. Each step runs in one
// transaction, guarded by the revision and version the person saw.
import Decimal from "decimal.js";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse-input";
import { AppError, notFound } from "@/lib/errors";
import { assertAnyPermission, assertPermission, type Actor } from "@/lib/auth/actor";
import { conflictOnDuplicate } from "@/lib/db/unique-violation";
import { refreshCumulative } from "./cumulative";
import { monthLabel, type YearMonth } from "./reporting-calendar";
import { assertMonthOpen, loadPlan, loadReportableProjects } from "./report-access";
import { defineMutation } from "@/lib/mutations/mutation";
import type { ReviewReportsInput, SaveReportsInput } from "./progress-input";
import { reviewReportsSchema, saveReportsSchema, submitReportsSchema } from "./progress-input";

type Tx = Prisma.TransactionClient;

/** Sum of the effective months of the year before the given month: 截至上月累计. */
async function yearToDateBefore(tx: Tx, projectId: number, { year, month }: YearMonth): Promise<Decimal> {
  const agg = await tx.progressReport.aggregate({
    where: { projectId, year, month: { lt: month }, effective: true },
    _sum: { monthWan: true },
  });
  return new Decimal(agg._sum.monthWan?.toString() ?? "0");
}

async function latestRevision(tx: Tx, projectId: number, { year, month }: YearMonth) {
  return tx.progressReport.findFirst({ where: { projectId, year, month }, orderBy: { revision: "desc" } });
}

function fmt(wan: Decimal): string {
  return wan.toFixed();
}

export type SaveResult = { saved: number; warnings: string[] };

/** Saves the rows as drafts (new revisions where the last one was returned or approved). */
export async function saveReportDrafts(tx: Tx, actor: Actor, input: SaveReportsInput, now: Date): Promise<SaveResult> {
  assertAnyPermission(actor, "progress.report.any", "progress.report.own");
  const ym = { year: input.year, month: input.month };
  const work = (async () => {
    const plan = await loadPlan(tx, input.planCode);
    await assertMonthOpen(tx, plan, ym, now);
    const projects = await loadReportableProjects(tx, actor, plan.id, input.rows.map((r) => r.projectId));
    const warnings: string[] = [];
    for (const row of input.rows) {
      const project = projects.get(row.projectId)!;
      const label = `第 ${project.seq} 项《${project.name}》`;
      const latest = await latestRevision(tx, row.projectId, ym);
      if ((latest?.id ?? null) !== row.baseReportId || (latest?.version ?? null) !== row.baseVersion) {
        throw new AppError("conflict", `${label}的${monthLabel(ym)}填报已被他人修改，请刷新后重试（您的输入未保存）`);
      }
      if (latest?.status === "SUBMITTED") {
        throw new AppError("conflict", `${label}的${monthLabel(ym)}填报已提交，正在等待审核，不能修改；如需更正，请联系发改委退回`);
      }

      const before = await yearToDateBefore(tx, row.projectId, ym);
      let monthWan: Decimal;
      if (row.yearToDateWan !== undefined) {
        const ytd = new Decimal(row.yearToDateWan);
        monthWan = ytd.minus(before);
        if (monthWan.isNegative()) {
          throw new AppError(
            "invalid_input",
            `${label}：本年累计完成 ${fmt(ytd)} 万元小于截至上月的累计 ${fmt(before)} 万元；累计数不能下降，如需更正以前月份，请联系发改委`,
          );
        }
        if (row.monthWan !== undefined && !new Decimal(row.monthWan).equals(monthWan)) {
          throw new AppError("invalid_input", `${label}：当月完成 ${row.monthWan} 万元与本年累计 ${fmt(ytd)} 万元（截至上月 ${fmt(before)} 万元）不一致`);
        }
      } else {
        monthWan = new Decimal(row.monthWan!);
      }

      const annual = await tx.annualInvestmentPlan.findUnique({ where: { projectId_year: { projectId: row.projectId, year: ym.year } } });
      const ytd = before.plus(monthWan);
      if (annual?.plannedWan && ytd.greaterThan(annual.plannedWan.toString())) {
        warnings.push(`${label}本年累计完成 ${fmt(ytd)} 万元，超过年度计划 ${annual.plannedWan.toFixed()} 万元`);
      }

      const fields = {
        monthWan: monthWan.toFixed(),
        physicalProgress: row.physicalProgress,
        construction: row.construction,
        actualStart: row.actualStart ? new Date(`${row.actualStart}T00:00:00Z`) : null,
        actualCompletion: row.actualCompletion ? new Date(`${row.actualCompletion}T00:00:00Z`) : null,
        savedById: actor.userId,
        savedAt: now,
      };
      if (latest?.status === "DRAFT") {
        const updated = await tx.progressReport.updateMany({
          where: { id: latest.id, version: latest.version, status: "DRAFT" },
          data: { ...fields, version: { increment: 1 } },
        });
        if (updated.count !== 1) throw new AppError("conflict", `${label}的填报已被他人修改，请刷新后重试`);
      } else {
        await tx.progressReport.create({
          data: { projectId: row.projectId, ...ym, revision: (latest?.revision ?? 0) + 1, status: "DRAFT", ...fields },
        });
      }
    }
    if (warnings.length && !input.confirmWarnings) {
      throw new AppError("needs_confirmation", "请确认以下提示后再保存", { warnings });
    }
    return { saved: input.rows.length, warnings };
  })();
  return conflictOnDuplicate(work, `${monthLabel(ym)}的填报刚被他人同时保存，请刷新后重试（您的输入未保存）`);
}

/** Marks the revision that counts for its project and month: the given one, or the newest reported one left. */
async function setEffective(tx: Tx, projectId: number, ym: YearMonth, reportId: number | null): Promise<void> {
  await tx.progressReport.updateMany({
    where: { projectId, ...ym, effective: true },
    data: { effective: false, yearToDateWan: null, planToDateWan: null },
  });
  const target =
    reportId ??
    (await tx.progressReport.findFirst({
      where: { projectId, ...ym, status: { in: ["SUBMITTED", "APPROVED"] } },
      orderBy: { revision: "desc" },
      select: { id: true },
    }))?.id;
  if (target) await tx.progressReport.update({ where: { id: target }, data: { effective: true } });
  // This month and every later one of the project: their cumulative figures change with it.
  await refreshCumulative(tx, [projectId]);
}

/** Submits the saved drafts of these projects for the month; they count from now on. */
export async function submitReports(
  tx: Tx,
  actor: Actor,
  input: { planCode: string; year: number; month: number; projectIds: number[] },
  now: Date,
): Promise<{ submitted: number }> {
  assertAnyPermission(actor, "progress.report.any", "progress.report.own");
  const ym = { year: input.year, month: input.month };
  const plan = await loadPlan(tx, input.planCode);
  await assertMonthOpen(tx, plan, ym, now);
  const projects = await loadReportableProjects(tx, actor, plan.id, input.projectIds);
  for (const projectId of input.projectIds) {
    const project = projects.get(projectId)!;
    const label = `第 ${project.seq} 项《${project.name}》`;
    const latest = await latestRevision(tx, projectId, ym);
    if (!latest) throw new AppError("invalid_input", `${label}尚未填报${monthLabel(ym)}，请先填写并保存`);
    if (latest.status !== "DRAFT") {
      const why = { SUBMITTED: "已提交", APPROVED: "已审核", RETURNED: "已退回，请修改后保存再提交" }[latest.status];
      throw new AppError("conflict", `${label}的${monthLabel(ym)}填报${why}`);
    }
    await tx.progressReport.update({
      where: { id: latest.id },
      data: { status: "SUBMITTED", submittedById: actor.userId, submittedAt: now, version: { increment: 1 } },
    });
    await setEffective(tx, projectId, ym, latest.id);
  }
  return { submitted: input.projectIds.length };
}

/** The DRC approves (locks) or returns submitted reports; a return needs a comment the unit will see. */
export async function reviewReports(tx: Tx, actor: Actor, raw: ReviewReportsInput, now: Date): Promise<{ reviewed: number }> {
  assertPermission(actor, "progress.review");
  const input = parseInput(reviewReportsSchema, raw);
  for (const { id, version } of input.reports) {
    const report = await tx.progressReport.findUnique({
      where: { id },
      include: { project: { select: { name: true, seq: true, deletedAt: true, plan: { select: { id: true, startYear: true } } } } },
    });
    if (!report || report.project.deletedAt) throw notFound("填报");
    const ym = { year: report.year, month: report.month };
    const label = `第 ${report.project.seq} 项《${report.project.name}》${monthLabel(ym)}`;
    await assertMonthOpen(tx, report.project.plan, ym, now);
    if (report.version !== version) throw new AppError("conflict", `${label}的填报已有新的变化，请刷新后重试`);
    if (report.status !== "SUBMITTED") {
      throw new AppError("conflict", `${label}的填报当前为${{ DRAFT: "草稿", RETURNED: "已退回", APPROVED: "已审核" }[report.status]}，不在待审核状态`);
    }
    const approve = input.decision === "APPROVE";
    await tx.progressReport.update({
      where: { id },
      data: {
        status: approve ? "APPROVED" : "RETURNED",
        reviewedById: actor.userId,
        reviewedAt: now,
        reviewComment: input.comment || null,
        version: { increment: 1 },
        ...(approve ? {} : { effective: false, yearToDateWan: null, planToDateWan: null }),
      },
    });
    if (!approve) await setEffective(tx, report.projectId, ym, null);
  }
  return { reviewed: input.reports.length };
}

export const saveReportDraftsMutation = defineMutation({
  name: "progress.reports.save",
  permission: ["progress.report.any", "progress.report.own"],
  schema: saveReportsSchema,
  run: (tx, actor, input, ctx) => saveReportDrafts(tx, actor, input, ctx.now),
  audit: (input) => ({ target: { type: "Plan", id: input.planCode } }),
});

export const submitReportsMutation = defineMutation({
  name: "progress.reports.submit",
  permission: ["progress.report.any", "progress.report.own"],
  schema: submitReportsSchema,
  run: (tx, actor, input, ctx) => submitReports(tx, actor, input, ctx.now),
  audit: (input) => ({ target: { type: "Plan", id: input.planCode } }),
});

export const reviewReportsMutation = defineMutation({
  name: "progress.reports.review",
  permission: "progress.review",
  schema: reviewReportsSchema,
  run: (tx, actor, input, ctx) => reviewReports(tx, actor, input, ctx.now),
});
