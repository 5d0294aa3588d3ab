// Closing a reporting month (关账) and reopening it. A closed month refuses
// every write that would change its figures (reports, reviews, and the year's
// annual plans, which take effect only after the last closed month); reopening
// needs a reason. Nothing is deleted: the month's row goes back to OPEN and
// every closing and reopening stays in its events, with who, when and why.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { assertPermission, type Actor } from "@/lib/auth/actor";
import { conflictOnDuplicate } from "@/lib/db/unique-violation";
import { transition } from "@/lib/db/transition";
import { z } from "@/lib/validation/zod";
import { parseInput } from "@/lib/validation/parse-input";
import { defineMutation } from "@/lib/mutations/mutation";
import { compareMonths, currentMonth, monthLabel, type YearMonth } from "./reporting-calendar";
import { loadPlan } from "./report-access";
import { versionInForce } from "@/lib/versions/in-force";

type Tx = Prisma.TransactionClient;

const MONTH_STATE_LABELS = { OPEN: "已重新开放", CLOSED: "已关账" } as const;

const monthFields = {
  year: z.number({ error: "请指定年份" }).int().min(2000).max(2100),
  month: z.number({ error: "请指定月份" }).int().min(1, "月份应为 1–12").max(12, "月份应为 1–12"),
};

export const closeMonthSchema = z.object({
  ...monthFields,
  /** The month's version as the page showed it; null when the page showed it never closed. */
  version: z.number().int().positive().nullable().default(null),
  reason: z.string().trim().max(500, "说明过长（最多 500 字）").default(""),
});
export type CloseMonthInput = z.input<typeof closeMonthSchema>;

export const reopenMonthSchema = z.object({
  ...monthFields,
  version: z.number({ error: "缺少版本号，请刷新页面后重试" }).int().positive(),
  reason: z.string({ error: "请填写重新开放的原因" }).trim().min(1, "请填写重新开放的原因").max(500, "原因过长（最多 500 字）"),
});
export type ReopenMonthInput = z.input<typeof reopenMonthSchema>;

/**
 * Serialises closing against writes to the month: a write holds the month's
 * key shared for its transaction, a closing holds it exclusively, so that no
 * report is saved into a month in the instant it is being closed.
 */
async function lockMonthKey(tx: Tx, planId: number, ym: YearMonth, mode: "shared" | "exclusive"): Promise<void> {
  const key = ym.year * 100 + ym.month;
  if (mode === "shared") await tx.$queryRaw`SELECT pg_advisory_xact_lock_shared(${planId}::int, ${key}::int)::text`;
  else await tx.$queryRaw`SELECT pg_advisory_xact_lock(${planId}::int, ${key}::int)::text`;
}

/** Whether the month is closed now; holds the month open (shared) until the transaction ends. */
export async function holdMonthOpen(tx: Tx, planId: number, ym: YearMonth): Promise<boolean> {
  await lockMonthKey(tx, planId, ym, "shared");
  const row = await tx.reportingMonth.findUnique({ where: { planId_year_month: { planId, ...ym } }, select: { state: true } });
  return row?.state === "CLOSED";
}

/** The last closed month of a year (0 when none), holding every month of the year shared until the transaction ends. */
export async function lastClosedMonthOfYear(tx: Tx, planId: number, year: number): Promise<number> {
  for (let month = 1; month <= 12; month++) await lockMonthKey(tx, planId, { year, month }, "shared");
  const closed = await tx.reportingMonth.findFirst({ where: { planId, year, state: "CLOSED" }, orderBy: { month: "desc" }, select: { month: true } });
  return closed?.month ?? 0;
}

export type UnreportedProject = { seq: number; name: string; units: string };

/**
 * The projects that should report on the month and have no report that
 * counts (none submitted or approved): what a closing leaves unreported.
 * Like the reporting status: every live project until it said 竣工 earlier.
 */
export async function unreportedProjects(db: Tx | PrismaClient, planId: number, ym: YearMonth): Promise<UnreportedProject[]> {
  return db.$queryRaw<UnreportedProject[]>`
    SELECT p.seq, p.name,
           coalesce((SELECT string_agg(u.name, '、' ORDER BY pu.position) FROM "ProjectUnit" pu JOIN "Unit" u ON u.id = pu."unitId" WHERE pu."projectId" = p.id), '') AS units
      FROM "Project" p
     WHERE p."planId" = ${planId} AND p."deletedAt" IS NULL
       -- A row listed in a lower plan's list too reads the report made there (its reporting row).
       AND NOT EXISTS (SELECT 1 FROM "ProgressReport" r WHERE r."projectId" = COALESCE(p."reportingProjectId", p.id) AND r.effective AND r.year = ${ym.year} AND r.month = ${ym.month})
       AND NOT EXISTS (
         SELECT 1 FROM "ProgressReport" c
          WHERE c."projectId" = COALESCE(p."reportingProjectId", p.id) AND c.effective AND c.construction = 'COMPLETED'
            AND (c.year, c.month) < (${ym.year}, ${ym.month}))
     ORDER BY p.seq`;
}

/**
 * Records which projects the closed month counts: the plan's live projects at
 * the closing, in its transaction (which holds the month exclusively) — or,
 * when the month's version in force is an older one than the newest
 * (lib/versions/in-force.ts), that version's projects, which the month's
 * figures count. Every figure of the month reads this set from now on
 * (progressParts), whatever is created, restored or deleted later.
 */
async function recordClosedProjects(tx: Tx, monthId: number, planId: number, ym: YearMonth): Promise<void> {
  await tx.reportingMonthProject.deleteMany({ where: { monthId } });
  const version = await versionInForce(tx, planId, ym);
  if (version && !version.newest) {
    await tx.$executeRaw`
      INSERT INTO "ReportingMonthProject" ("monthId", "projectId")
      SELECT ${monthId}::int, vp."projectId" FROM "PlanVersionProject" vp WHERE vp."versionId" = ${version.versionId}`;
    return;
  }
  await tx.$executeRaw`
    INSERT INTO "ReportingMonthProject" ("monthId", "projectId")
    SELECT ${monthId}::int, p.id FROM "Project" p WHERE p."planId" = ${planId} AND p."deletedAt" IS NULL`;
}

/** Closes the month: refused while reports await review; what is still unreported is kept with the closing. */
export async function closeMonth(tx: Tx, actor: Actor, planCode: string, raw: CloseMonthInput, now: Date): Promise<{ state: "CLOSED"; version: number; unreported: number }> {
  assertPermission(actor, "progress.manage");
  const input = parseInput(closeMonthSchema, raw);
  const ym = { year: input.year, month: input.month };
  const plan = await loadPlan(tx, planCode, actor, "manage");
  if (ym.year < plan.startYear || ym.year > plan.endYear + 5) throw new AppError("invalid_input", `${monthLabel(ym)}不在规划的年份内`);
  if (compareMonths(ym, currentMonth(now)) >= 0) throw new AppError("invalid_input", `${monthLabel(ym)}尚未结束，不能关账`);
  await lockMonthKey(tx, plan.id, ym, "exclusive");
  const pending = await tx.progressReport.count({ where: { ...ym, status: "SUBMITTED", project: { planId: plan.id, deletedAt: null } } });
  if (pending) throw new AppError("conflict", `${monthLabel(ym)}还有 ${pending} 份填报等待审核，请先审核再关账`);
  const unreported = await unreportedProjects(tx, plan.id, ym);
  const what = `${monthLabel(ym)}`;
  // The lights' thresholds as they are now stay with the month: changed later, they apply from the first open month.
  const thresholds = { yellowLagPoints: plan.yellowLagPoints, redLagPoints: plan.redLagPoints };
  const existing = await tx.reportingMonth.findUnique({ where: { planId_year_month: { planId: plan.id, ...ym } } });
  let id: number;
  if (!existing) {
    if (input.version !== null) throw new AppError("not_found", `${what}没有关账记录，请刷新后重试`);
    id = (await tx.reportingMonth.create({ data: { planId: plan.id, ...ym, state: "CLOSED", lockedAt: now, lockedById: actor.userId, ...thresholds } })).id;
  } else {
    if (input.version === null) {
      throw new AppError("conflict", `${what}${MONTH_STATE_LABELS[existing.state]}（他人刚刚处理过），请刷新后重试（本次操作未执行）`, {
        current: { state: existing.state, version: existing.version },
      });
    }
    id = existing.id;
    await transition({
      what,
      expected: { id, version: input.version, from: ["OPEN"] },
      labels: MONTH_STATE_LABELS,
      update: (m) => tx.reportingMonth.updateMany({ where: { id: m.id, version: m.version, state: { in: m.states } }, data: { state: "CLOSED", lockedAt: now, lockedById: actor.userId, ...thresholds, version: { increment: 1 } } }),
      current: () => tx.reportingMonth.findUnique({ where: { id }, select: { state: true, version: true } }),
    });
  }
  await recordClosedProjects(tx, id, plan.id, ym);
  await tx.reportingMonthEvent.create({
    data: { reportingMonthId: id, action: "CLOSE", reason: input.reason, unreported: unreported.length ? { projects: unreported } : Prisma.JsonNull, byId: actor.userId, at: now },
  });
  const after = await tx.reportingMonth.findUniqueOrThrow({ where: { id }, select: { version: true } });
  return { state: "CLOSED", version: after.version, unreported: unreported.length };
}

/** Reopens a closed month, with the reason kept in its history. */
export async function reopenMonth(tx: Tx, actor: Actor, planCode: string, raw: ReopenMonthInput, now: Date): Promise<{ state: "OPEN"; version: number }> {
  assertPermission(actor, "progress.manage");
  const input = parseInput(reopenMonthSchema, raw);
  const ym = { year: input.year, month: input.month };
  const plan = await loadPlan(tx, planCode, actor, "manage");
  await lockMonthKey(tx, plan.id, ym, "exclusive");
  const existing = await tx.reportingMonth.findUnique({ where: { planId_year_month: { planId: plan.id, ...ym } } });
  if (!existing) throw new AppError("conflict", `${monthLabel(ym)}尚未关账，无需重新开放`, { current: null });
  await transition({
    what: monthLabel(ym),
    expected: { id: existing.id, version: input.version, from: ["CLOSED"] },
    labels: MONTH_STATE_LABELS,
    update: (m) => tx.reportingMonth.updateMany({ where: { id: m.id, version: m.version, state: { in: m.states } }, data: { state: "OPEN", version: { increment: 1 } } }),
    current: () => tx.reportingMonth.findUnique({ where: { id: existing.id }, select: { state: true, version: true } }),
  });
  // Open again: the month reads the live projects; its history keeps what the closing counted.
  await tx.reportingMonthProject.deleteMany({ where: { monthId: existing.id } });
  await tx.reportingMonthEvent.create({ data: { reportingMonthId: existing.id, action: "REOPEN", reason: input.reason, byId: actor.userId, at: now } });
  return { state: "OPEN", version: existing.version + 1 };
}

export type MonthEventView = { action: "CLOSE" | "REOPEN"; reason: string; by: string; at: string; unreported: UnreportedProject[] };
export type MonthClosing = { state: "NEVER_CLOSED" | "OPEN" | "CLOSED"; version: number | null; events: MonthEventView[] };

/** The month's closing state and history, oldest first. */
export async function monthClosing(db: PrismaClient | Tx, planId: number, ym: YearMonth): Promise<MonthClosing> {
  const row = await db.reportingMonth.findUnique({
    where: { planId_year_month: { planId, ...ym } },
    include: { events: { orderBy: { id: "asc" }, include: { by: { select: { name: true } } } } },
  });
  if (!row) return { state: "NEVER_CLOSED", version: null, events: [] };
  return {
    state: row.state,
    version: row.version,
    events: row.events.map((e) => ({
      action: e.action,
      reason: e.reason,
      by: e.by.name,
      at: e.at.toISOString(),
      unreported: ((e.unreported as { projects?: UnreportedProject[] } | null)?.projects ?? []).map((p) => ({ seq: p.seq, name: p.name, units: p.units })),
    })),
  };
}

export async function closeMonthIn(db: PrismaClient, actor: Actor, planCode: string, raw: CloseMonthInput, now: Date) {
  return conflictOnDuplicate(
    db.$transaction((tx) => closeMonth(tx, actor, planCode, raw, now)),
    "该月刚被他人同时关账，请刷新后查看",
  );
}

/** The DRC closes ({ action: "close" }) or reopens ({ action: "reopen", reason }) a month: one declaration for the runner. */
export const monthClosingMutation = defineMutation({
  name: "progress.month-closing",
  permission: "progress.manage",
  schema: z.discriminatedUnion("action", [
    closeMonthSchema.extend({ action: z.literal("close"), planCode: z.string().min(1) }),
    reopenMonthSchema.extend({ action: z.literal("reopen"), planCode: z.string().min(1) }),
  ]),
  run: async (tx, actor, input, ctx): Promise<{ state: "OPEN" | "CLOSED"; version: number }> =>
    input.action === "reopen" ? reopenMonth(tx, actor, input.planCode, input, ctx.now) : closeMonth(tx, actor, input.planCode, input, ctx.now),
  audit: (input) => ({ target: { type: "ReportingMonth", id: `${input.planCode}:${input.year}-${input.month}` }, summary: { action: input.action, reason: input.reason } }),
});
