// Monthly progress reports: a unit saves drafts and submits them, the DRC
// approves or returns them. A submitted report is never overwritten: a
// correction (after a return or an approval) is a new revision, so the
// history keeps every figure that was ever reported. Each step runs in one
// transaction, guarded by the revision and version the person saw.
import Decimal from "decimal.js";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse-input";
import { AppError, notFound } from "@/lib/errors";
import { assertAnyPermission, assertPermission, type Actor } from "@/lib/auth/actor";
import { readableProjectsScope } from "@/lib/auth/scope";
import { conflictOnDuplicate } from "@/lib/db/unique-violation";
import { refreshCumulative } from "./cumulative";
import { monthLabel, type YearMonth } from "./reporting-calendar";
import { assertMonthOpen, loadPlan, loadReportableProjects } from "./report-access";
import type { ReviewReportsInput, SaveReportsInput, SeenReport, SubmitReportsInput, WithdrawReportsInput } from "./progress-input";
import { reviewReportsSchema, saveReportsSchema, submitReportsSchema, withdrawReportsSchema } from "./progress-input";
import { staleTransition, transition } from "@/lib/db/transition";
import { defineMutation } from "@/lib/mutations/mutation";

type Tx = Prisma.TransactionClient;

function fmt(wan: Decimal): string {
  return wan.toFixed();
}

export type SaveResult = { saved: number; warnings: string[]; reports: SeenReport[] };

export const REPORT_STATE_LABELS = { DRAFT: "草稿", SUBMITTED: "已提交", RETURNED: "已退回", APPROVED: "已审核" } as const;
type ReportStatus = keyof typeof REPORT_STATE_LABELS;

/** The conditional update of one report's state (see lib/db/transition.ts). */
function reportTransition(tx: Tx, what: string, expected: { id: number; version: number; from: ReportStatus[] }, data: Prisma.ProgressReportUncheckedUpdateManyInput) {
  return transition<ReportStatus>({
    what,
    expected,
    labels: REPORT_STATE_LABELS,
    update: (m) => tx.progressReport.updateMany({ where: { id: m.id, version: m.version, status: { in: m.states } }, data: { ...data, version: { increment: 1 } } }),
    current: async () => {
      const r = await tx.progressReport.findUnique({ where: { id: expected.id }, select: { status: true, version: true } });
      return r && { state: r.status, version: r.version };
    },
  });
}

/** Saves the rows as drafts (new revisions where the last one was returned or approved). */
export async function saveReportDrafts(tx: Tx, actor: Actor, input: SaveReportsInput, now: Date): Promise<SaveResult> {
  assertAnyPermission(actor, "progress.report.any", "progress.report.own");
  const ym = { year: input.year, month: input.month };
  const work = (async () => {
    const plan = await loadPlan(tx, input.planCode, actor);
    await assertMonthOpen(tx, plan, ym, now);
    const projects = await loadReportableProjects(tx, actor, plan.id, input.rows.map((r) => r.projectId));
    const warnings: string[] = [];
    const saved: SeenReport[] = [];
    const ids = input.rows.map((r) => r.projectId);
    if (new Set(ids).size !== ids.length) throw new AppError("invalid_input", "同一项目在本次保存中出现了多次，请只保留一行");
    // Read for all rows at once (three queries, not three a row): the newest revision of
    // each project's month, 截至上月累计, and the annual plan in force for the month. One after
    // another: a transaction is one connection, which runs one query at a time anyway (pg
    // queues concurrent ones, deprecated, and pg 9 refuses them).
    const latestRows = await tx.progressReport.findMany({ where: { projectId: { in: ids }, ...ym }, orderBy: [{ projectId: "asc" }, { revision: "desc" }], distinct: ["projectId"] });
    const beforeRows = await tx.progressReport.groupBy({ by: ["projectId"], where: { projectId: { in: ids }, year: ym.year, month: { lt: ym.month }, effective: true }, _sum: { monthWan: true } });
    const annualRows = await tx.annualInvestmentPlan.findMany({ where: { projectId: { in: ids }, year: ym.year, fromMonth: { lte: ym.month } }, orderBy: [{ projectId: "asc" }, { fromMonth: "desc" }], distinct: ["projectId"] });
    const latestOf = new Map(latestRows.map((r) => [r.projectId, r]));
    const beforeOf = new Map(beforeRows.map((b) => [b.projectId, new Decimal(b._sum.monthWan?.toString() ?? "0")]));
    const annualOf = new Map(annualRows.map((a) => [a.projectId, a]));
    const creates: Prisma.ProgressReportCreateManyInput[] = [];
    const drafts: { id: number; version: number; what: string; monthWan: string; physicalProgress: string; construction: string; actualStart: string | null; actualCompletion: string | null }[] = [];
    for (const row of input.rows) {
      const project = projects.get(row.projectId)!;
      const label = `第 ${project.seq} 项《${project.name}》`;
      const latest = latestOf.get(row.projectId) ?? null;
      if ((latest?.id ?? null) !== row.baseReportId || (latest?.version ?? null) !== row.baseVersion) {
        throw new AppError("conflict", `${label}的${monthLabel(ym)}填报已被他人修改，请刷新后重试（您的输入未保存）`);
      }
      if (latest?.status === "SUBMITTED") {
        throw new AppError("conflict", `${label}的${monthLabel(ym)}填报已提交，正在等待审核，不能修改；如需更正，请联系发改委退回`);
      }

      const before = beforeOf.get(row.projectId) ?? new Decimal(0);
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

      const annual = annualOf.get(row.projectId);
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
        drafts.push({ id: latest.id, version: latest.version, what: `${label}的${monthLabel(ym)}填报`, ...fields, actualStart: row.actualStart ?? null, actualCompletion: row.actualCompletion ?? null });
        saved.push({ projectId: row.projectId, reportId: latest.id, version: latest.version + 1 });
      } else {
        creates.push({ projectId: row.projectId, ...ym, revision: (latest?.revision ?? 0) + 1, status: "DRAFT", ...fields });
      }
    }
    // The drafts changed in one conditional UPDATE on (id, version, 草稿): a draft changed
    // meanwhile matches nothing and makes the whole save a 409 naming it. (One UPDATE a row
    // took 10 s for 2,000 rows on a loaded machine.)
    if (drafts.length) {
      const updated = await tx.$queryRaw<{ id: number }[]>`
        UPDATE "ProgressReport" r
           SET "monthWan" = s.wan, "physicalProgress" = s.physical, construction = s.construction::"ConstructionStatus",
               "actualStart" = s.started::date, "actualCompletion" = s.completed::date,
               "savedById" = ${actor.userId}, "savedAt" = ${now}, version = r.version + 1
          FROM unnest(${drafts.map((d) => d.id)}::int[], ${drafts.map((d) => d.version)}::int[], ${drafts.map((d) => d.monthWan)}::numeric[],
                      ${drafts.map((d) => d.physicalProgress)}::text[], ${drafts.map((d) => d.construction)}::text[],
                      ${drafts.map((d) => d.actualStart)}::text[], ${drafts.map((d) => d.actualCompletion)}::text[])
               AS s(id, version, wan, physical, construction, started, completed)
         WHERE r.id = s.id AND r.version = s.version AND r.status = 'DRAFT'
        RETURNING r.id`;
      if (updated.length !== drafts.length) {
        const done = new Set(updated.map((u) => u.id));
        const stale = drafts.find((d) => !done.has(d.id))!;
        const current = await tx.progressReport.findUnique({ where: { id: stale.id }, select: { status: true, version: true } });
        throw staleTransition(stale.what, { id: stale.id, version: stale.version, from: ["DRAFT"] as ReportStatus[] }, current && { state: current.status, version: current.version }, REPORT_STATE_LABELS);
      }
    }
    // New revisions in one statement (a unique index refuses a revision saved twice at once).
    if (creates.length) {
      const created = await tx.progressReport.createManyAndReturn({ data: creates, select: { id: true, projectId: true, version: true } });
      for (const c of created) saved.push({ projectId: c.projectId, reportId: c.id, version: c.version });
    }
    if (warnings.length && !input.confirmWarnings) {
      throw new AppError("needs_confirmation", "请确认以下提示后再保存", { warnings });
    }
    return { saved: input.rows.length, warnings, reports: saved };
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

/**
 * Submits the saved drafts the unit saw (id and version) for the month; they
 * count from now on. A draft changed since, or already submitted, is a 409.
 */
export async function submitReports(tx: Tx, actor: Actor, raw: SubmitReportsInput, now: Date): Promise<{ submitted: number; reports: SeenReport[] }> {
  assertAnyPermission(actor, "progress.report.any", "progress.report.own");
  const input = parseInput(submitReportsSchema, raw);
  const ym = { year: input.year, month: input.month };
  const plan = await loadPlan(tx, input.planCode, actor);
  await assertMonthOpen(tx, plan, ym, now);
  const projects = await loadReportableProjects(tx, actor, plan.id, input.reports.map((r) => r.projectId));
  const projectIds = input.reports.map((r) => r.projectId);
  if (new Set(projectIds).size !== projectIds.length) throw new AppError("invalid_input", "同一项目在本次提交中出现了多次");
  const latestOf = new Map(
    (await tx.progressReport.findMany({ where: { projectId: { in: projectIds }, ...ym }, orderBy: [{ projectId: "asc" }, { revision: "desc" }], distinct: ["projectId"] })).map((r) => [r.projectId, r]),
  );
  const whatOf = (projectId: number) => `第 ${projects.get(projectId)!.seq} 项《${projects.get(projectId)!.name}》的${monthLabel(ym)}填报`;
  for (const seen of input.reports) {
    const project = projects.get(seen.projectId)!;
    const latest = latestOf.get(seen.projectId);
    if (!latest) throw new AppError("invalid_input", `第 ${project.seq} 项《${project.name}》尚未填报${monthLabel(ym)}，请先填写并保存`);
    if (latest.id !== seen.reportId) throw new AppError("conflict", `${whatOf(seen.projectId)}已有更新的一次填报（第 ${latest.revision} 次），请刷新后重试（本次操作未执行）`, { current: { state: latest.status, version: latest.version } });
  }
  // The transition of every report at once: one conditional UPDATE on (id, version, 草稿); any
  // report that did not match makes the whole submission a 409 naming it.
  const reportIds = input.reports.map((r) => r.reportId);
  const updated = await tx.$queryRaw<{ id: number }[]>`
    UPDATE "ProgressReport" r
       SET status = 'SUBMITTED', "submittedById" = ${actor.userId}, "submittedAt" = ${now}, version = r.version + 1
      FROM unnest(${reportIds}::int[], ${input.reports.map((r) => r.version)}::int[]) AS s(id, version)
     WHERE r.id = s.id AND r.version = s.version AND r.status = 'DRAFT'
    RETURNING r.id`;
  if (updated.length !== reportIds.length) {
    const done = new Set(updated.map((u) => u.id));
    const stale = input.reports.find((r) => !done.has(r.reportId))!;
    const current = await tx.progressReport.findUnique({ where: { id: stale.reportId }, select: { status: true, version: true } });
    throw staleTransition(whatOf(stale.projectId), { id: stale.reportId, version: stale.version, from: ["DRAFT"] as ReportStatus[] }, current && { state: current.status, version: current.version }, REPORT_STATE_LABELS);
  }
  // They count from now on: each becomes its month's effective revision.
  await tx.$executeRaw`
    UPDATE "ProgressReport" SET effective = false, "yearToDateWan" = NULL, "planToDateWan" = NULL
     WHERE "projectId" = ANY(${projectIds}::int[]) AND year = ${ym.year} AND month = ${ym.month} AND effective AND NOT (id = ANY(${reportIds}::int[]))`;
  await tx.$executeRaw`UPDATE "ProgressReport" SET effective = true WHERE id = ANY(${reportIds}::int[])`;
  await refreshCumulative(tx, projectIds);
  const done: SeenReport[] = input.reports.map((seen) => ({ ...seen, version: seen.version + 1 }));
  return { submitted: done.length, reports: done };
}

/**
 * A unit takes back submissions not reviewed yet: each becomes a draft again,
 * and the revision reported before it (if any) counts again.
 */
export async function withdrawReports(tx: Tx, actor: Actor, raw: WithdrawReportsInput, now: Date): Promise<{ withdrawn: number; reports: SeenReport[] }> {
  assertAnyPermission(actor, "progress.report.any", "progress.report.own");
  const input = parseInput(withdrawReportsSchema, raw);
  const ym = { year: input.year, month: input.month };
  const plan = await loadPlan(tx, input.planCode, actor);
  await assertMonthOpen(tx, plan, ym, now);
  const projects = await loadReportableProjects(tx, actor, plan.id, input.reports.map((r) => r.projectId));
  const done: SeenReport[] = [];
  for (const seen of input.reports) {
    const project = projects.get(seen.projectId)!;
    const owned = await tx.progressReport.findFirst({ where: { id: seen.reportId, projectId: seen.projectId, ...ym }, select: { id: true } });
    if (!owned) throw notFound("填报");
    await reportTransition(tx, `第 ${project.seq} 项《${project.name}》的${monthLabel(ym)}填报`, { id: seen.reportId, version: seen.version, from: ["SUBMITTED"] }, {
      status: "DRAFT",
      submittedById: null,
      submittedAt: null,
      savedById: actor.userId,
      savedAt: now,
      effective: false,
      yearToDateWan: null,
      planToDateWan: null,
    });
    await setEffective(tx, seen.projectId, ym, null);
    done.push({ ...seen, version: seen.version + 1 });
  }
  return { withdrawn: done.length, reports: done };
}

/**
 * The DRC approves (locks) or returns submitted reports; a return needs a
 * comment the unit will see. All of them in one conditional UPDATE on (id,
 * version, 已提交): of an approve and a return sent at once, one wins, and any
 * report that did not match makes the whole review a 409 naming it. (Row by
 * row, 2,000 approvals took 17 s on a loaded machine; as one statement, well
 * under a second — lib/progress/large-save.test.ts.)
 */
export async function reviewReports(tx: Tx, actor: Actor, raw: ReviewReportsInput, now: Date): Promise<{ reviewed: number }> {
  assertPermission(actor, "progress.review");
  const input = parseInput(reviewReportsSchema, raw);
  const ids = input.reports.map((r) => r.id);
  if (new Set(ids).size !== ids.length) throw new AppError("invalid_input", "同一份填报在本次审核中出现了多次");
  const found = await tx.progressReport.findMany({
    where: { id: { in: ids }, project: readableProjectsScope(actor) },
    select: { id: true, projectId: true, year: true, month: true, project: { select: { name: true, seq: true, deletedAt: true, plan: { select: { id: true, startYear: true } } } } },
  });
  const byId = new Map(found.map((r) => [r.id, r]));
  const labelOf = (r: (typeof found)[number]) => `第 ${r.project.seq} 项《${r.project.name}》${monthLabel(r)}的填报`;
  // Each plan's month reviewed must be open (and is held open until the transaction ends).
  const months = new Map<string, { plan: { id: number; startYear: number }; ym: YearMonth }>();
  for (const { id } of input.reports) {
    const report = byId.get(id);
    if (!report || report.project.deletedAt) throw notFound("填报");
    months.set(`${report.project.plan.id}:${report.year}-${report.month}`, { plan: report.project.plan, ym: { year: report.year, month: report.month } });
  }
  for (const { plan, ym } of months.values()) await assertMonthOpen(tx, plan, ym, now);
  const approve = input.decision === "APPROVE";
  const updated = await tx.$queryRaw<{ id: number }[]>`
    UPDATE "ProgressReport" r
       SET status = ${approve ? "APPROVED" : "RETURNED"}::"ReportStatus", "reviewedById" = ${actor.userId}, "reviewedAt" = ${now},
           "reviewComment" = ${input.comment || null}, version = r.version + 1
           ${approve ? Prisma.empty : Prisma.sql`, effective = false, "yearToDateWan" = NULL, "planToDateWan" = NULL`}
      FROM unnest(${ids}::int[], ${input.reports.map((r) => r.version)}::int[]) AS s(id, version)
     WHERE r.id = s.id AND r.version = s.version AND r.status = 'SUBMITTED'
    RETURNING r.id`;
  if (updated.length !== ids.length) {
    const done = new Set(updated.map((u) => u.id));
    const stale = input.reports.find((r) => !done.has(r.id))!;
    const current = await tx.progressReport.findUnique({ where: { id: stale.id }, select: { status: true, version: true } });
    throw staleTransition(labelOf(byId.get(stale.id)!), { id: stale.id, version: stale.version, from: ["SUBMITTED"] as ReportStatus[] }, current && { state: current.status, version: current.version }, REPORT_STATE_LABELS);
  }
  const reviewed = ids.map((id) => byId.get(id)!);
  if (!approve) {
    // Returned: the newest revision reported before it (if any) counts again. The returned one
    // was its month's counting revision (the newest submitted is), so none counts until this.
    await tx.$executeRaw`
      UPDATE "ProgressReport" t SET effective = true
        FROM (SELECT DISTINCT ON (a."projectId", a.year, a.month) a.id
                FROM "ProgressReport" a
                JOIN unnest(${reviewed.map((r) => r.projectId)}::int[], ${reviewed.map((r) => r.year)}::int[], ${reviewed.map((r) => r.month)}::int[]) AS k(project, year, month)
                  ON a."projectId" = k.project AND a.year = k.year AND a.month = k.month
               WHERE a.status IN ('SUBMITTED', 'APPROVED')
               ORDER BY a."projectId", a.year, a.month, a.revision DESC) n
       WHERE t.id = n.id AND NOT t.effective`;
  }
  // What counts changed (approved: under 已审核; returned: under both): the cumulative figures after it.
  await refreshCumulative(tx, [...new Set(reviewed.map((r) => r.projectId))]);
  return { reviewed: ids.length };
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

export const withdrawReportsMutation = defineMutation({
  name: "progress.reports.withdraw",
  permission: ["progress.report.any", "progress.report.own"],
  schema: withdrawReportsSchema,
  run: (tx, actor, input, ctx) => withdrawReports(tx, actor, input, ctx.now),
  audit: (input) => ({ target: { type: "Plan", id: input.planCode } }),
});
