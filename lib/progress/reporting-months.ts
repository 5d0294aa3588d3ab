// The DRC's side of a reporting month: who has reported and who is late
// (per project and per unit), closing a month, and the plan's deadline and
// traffic-light thresholds.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { assertPermission, type Actor } from "@/lib/auth/actor";
import { loadPlan } from "./report-access";
import { readableProjectsSql } from "@/lib/auth/scope";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import { z } from "@/lib/validation/zod";
import { progressSettingsSchema, type ProgressSettingsInput, type ReportState } from "./progress-input";
import { deadlineDate, reportDeadline, type YearMonth } from "./reporting-calendar";
import { monthClosing, type MonthClosing } from "./month-closing";
import { appNow } from "@/lib/time/clock";

/** A project (alias p) still reports in month ym: not reported 竣工 in an effective report of an earlier month. */
function stillDueSql(ym: YearMonth): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (
    SELECT 1 FROM "ProgressReport" c
     WHERE c."projectId" = COALESCE(p."reportingProjectId", p.id) AND c.effective AND c.construction = 'COMPLETED'
       AND (c.year, c.month) < (${ym.year}, ${ym.month}))`;
}

/** NOT_SUBMITTED: never submitted for the month; LATE: first submitted after the deadline. */
export type Punctuality = "ON_TIME" | "LATE" | "NOT_SUBMITTED";

export type ReportingEntry = {
  projectId: number;
  seq: number;
  name: string;
  units: { id: number; name: string }[];
  state: ReportState;
  firstSubmittedAt: string | null;
  punctuality: Punctuality;
  /** Not submitted and the deadline has passed, or submitted after it. */
  late: boolean;
};

export type UnitReporting = {
  unitId: number;
  unitName: string;
  required: number;
  submittedOnTime: number;
  submittedLate: number;
  notSubmitted: number;
  awaitingReview: number;
  returned: number;
  approved: number;
  late: number;
};

export type ReportingStatus = {
  month: YearMonth;
  deadline: string;
  deadlinePassed: boolean;
  locked: boolean;
  /** Whether the month was ever closed, its version and its history of closings and reopenings. */
  closing: MonthClosing;
  projects: ReportingEntry[];
  units: UnitReporting[];
};

/**
 * Unit names in Chinese order, with one collator: `localeCompare(b, "zh")` looks the locale up
 * again on every call, which sorting a province plan's thousands of units paid for each comparison.
 */
export const byChineseName = new Intl.Collator("zh").compare;

/**
 * Every live project reports every month until a report has said 竣工 in an
 * earlier month. Returned in 序号 order; units ordered by how late they are.
 * A row whose 项目代码 a lower plan lists too is reported there, once: its
 * state here is that report's (its reporting row's).
 */
export async function reportingStatus(db: PrismaClient, actor: Actor, planCode: string, ym: YearMonth, now = appNow()): Promise<ReportingStatus> {
  assertPermission(actor, "progress.read");
  const plan = await loadPlan(db, planCode, actor);
  const deadline = reportDeadline(ym, plan.reportDeadlineDay);
  const deadlinePassed = now.getTime() >= deadline.getTime();
  const rows = await db.$queryRaw<{ id: number; seq: number; name: string; status: string | null; firstSubmittedAt: Date | null }[]>`
    SELECT p.id, p.seq, p.name, latest.status::text AS status, sub."firstSubmittedAt"
      FROM "Project" p
      LEFT JOIN LATERAL (
        SELECT r.status FROM "ProgressReport" r
         WHERE r."projectId" = COALESCE(p."reportingProjectId", p.id) AND r.year = ${ym.year} AND r.month = ${ym.month}
         ORDER BY r.revision DESC LIMIT 1) latest ON TRUE
      LEFT JOIN LATERAL (
        SELECT min(r."submittedAt") AS "firstSubmittedAt" FROM "ProgressReport" r
         WHERE r."projectId" = COALESCE(p."reportingProjectId", p.id) AND r.year = ${ym.year} AND r.month = ${ym.month}) sub ON TRUE
     WHERE p."planId" = ${plan.id} AND ${readableProjectsSql(actor)} AND p."deletedAt" IS NULL
       AND ${stillDueSql(ym)}
     ORDER BY p.seq`;
  // The units of exactly those projects, one array parameter: the ORM's `in` over 5,000 ids cost
  // more in building the query than the database spent answering it (the load test's profile).
  const unitLinks = await db.$queryRaw<{ projectId: number; id: number; name: string }[]>`
    SELECT pu."projectId", u.id, u.name FROM "ProjectUnit" pu JOIN "Unit" u ON u.id = pu."unitId"
     WHERE pu."projectId" = ANY(${rows.map((r) => r.id)}::int[])
     ORDER BY pu."projectId", pu.position`;
  const unitsOf = new Map<number, { id: number; name: string }[]>();
  for (const link of unitLinks) {
    const unit = { id: link.id, name: link.name };
    const list = unitsOf.get(link.projectId);
    if (list) list.push(unit);
    else unitsOf.set(link.projectId, [unit]);
  }

  const projects = rows.map((r): ReportingEntry => {
    const punctuality: Punctuality = !r.firstSubmittedAt ? "NOT_SUBMITTED" : r.firstSubmittedAt.getTime() < deadline.getTime() ? "ON_TIME" : "LATE";
    return {
      projectId: r.id,
      seq: r.seq,
      name: r.name,
      units: unitsOf.get(r.id) ?? [],
      state: (r.status ?? "NONE") as ReportState,
      firstSubmittedAt: r.firstSubmittedAt?.toISOString() ?? null,
      punctuality,
      late: punctuality === "LATE" || (punctuality === "NOT_SUBMITTED" && deadlinePassed),
    };
  });

  const units = new Map<number, UnitReporting>();
  for (const p of projects) {
    for (const u of p.units) {
      const t = units.get(u.id) ?? {
        unitId: u.id,
        unitName: u.name,
        required: 0,
        submittedOnTime: 0,
        submittedLate: 0,
        notSubmitted: 0,
        awaitingReview: 0,
        returned: 0,
        approved: 0,
        late: 0,
      };
      t.required++;
      if (p.punctuality === "ON_TIME") t.submittedOnTime++;
      if (p.punctuality === "LATE") t.submittedLate++;
      if (p.punctuality === "NOT_SUBMITTED") t.notSubmitted++;
      if (p.state === "SUBMITTED") t.awaitingReview++;
      if (p.state === "RETURNED") t.returned++;
      if (p.state === "APPROVED") t.approved++;
      if (p.late) t.late++;
      units.set(u.id, t);
    }
  }
  const closing = await monthClosing(db, plan.id, ym);
  return {
    month: ym,
    deadline: deadlineDate(ym, plan.reportDeadlineDay),
    deadlinePassed,
    locked: closing.state === "CLOSED",
    closing,
    projects,
    units: [...units.values()].sort((a, b) => b.late - a.late || b.notSubmitted - a.notSubmitted || byChineseName(a.unitName, b.unitName)),
  };
}

/** A unit with projects late for the month: what the dashboard lists (`lateReporters`). */
export type LateUnit = Pick<UnitReporting, "unitId" | "unitName" | "required" | "late" | "notSubmitted">;

export type LateReporters = {
  deadline: string;
  deadlinePassed: boolean;
  /** The units with at least one late project, ordered as reportingStatus orders its units. */
  units: LateUnit[];
  /** The late units' projects, each once (a project of several late units counts once). */
  total: { required: number; late: number; notSubmitted: number };
};

/**
 * The dashboard's 逾期未报单位: reportingStatus's late units and their 合计,
 * counted by PostgreSQL. Same rules (the projects due, punctuality against
 * the deadline, a row reported through its reporting row); the page needs
 * the counts only, where reportingStatus sends every project and every
 * project's units to JavaScript (a 5,000-project plan: 15,000 rows, the
 * dashboard's slowest part).
 */
export async function lateReporters(db: PrismaClient, actor: Actor, planCode: string, ym: YearMonth, now = appNow()): Promise<LateReporters> {
  assertPermission(actor, "progress.read");
  const plan = await loadPlan(db, planCode, actor);
  const deadline = reportDeadline(ym, plan.reportDeadlineDay);
  const deadlinePassed = now.getTime() >= deadline.getTime();
  // unitId null: the 合计 row.
  const rows = await db.$queryRaw<{ unitId: number | null; unitName: string | null; required: number; late: number; notSubmitted: number }[]>`
    WITH due AS MATERIALIZED (
      SELECT p.id, sub."firstSubmittedAt" IS NULL AS "notSubmitted",
             (sub."firstSubmittedAt" >= ${deadline} OR (sub."firstSubmittedAt" IS NULL AND ${deadlinePassed})) AS late
        FROM "Project" p
        LEFT JOIN LATERAL (
          SELECT min(r."submittedAt") AS "firstSubmittedAt" FROM "ProgressReport" r
           WHERE r."projectId" = COALESCE(p."reportingProjectId", p.id) AND r.year = ${ym.year} AND r.month = ${ym.month}) sub ON TRUE
       WHERE p."planId" = ${plan.id} AND ${readableProjectsSql(actor)} AND p."deletedAt" IS NULL
         AND ${stillDueSql(ym)}
    ), links AS MATERIALIZED (
      SELECT d.id, d.late, d."notSubmitted", pu."unitId" FROM due d JOIN "ProjectUnit" pu ON pu."projectId" = d.id
    ), units AS MATERIALIZED (
      SELECT l."unitId", count(*)::int AS required, (count(*) FILTER (WHERE l.late))::int AS late, (count(*) FILTER (WHERE l."notSubmitted"))::int AS "notSubmitted"
        FROM links l
       GROUP BY l."unitId"
      HAVING count(*) FILTER (WHERE l.late) > 0
    )
    SELECT u."unitId", n.name AS "unitName", u.required, u.late, u."notSubmitted" FROM units u JOIN "Unit" n ON n.id = u."unitId"
    UNION ALL
    SELECT NULL, NULL, count(*)::int, (count(*) FILTER (WHERE t.late))::int, (count(*) FILTER (WHERE t."notSubmitted"))::int
      FROM (SELECT DISTINCT l.id, l.late, l."notSubmitted" FROM links l JOIN units u ON u."unitId" = l."unitId") t`;
  const total = rows.find((r) => r.unitId === null)!;
  const units = rows
    .filter((r) => r.unitId !== null)
    .map((r) => ({ unitId: r.unitId!, unitName: r.unitName!, required: r.required, late: r.late, notSubmitted: r.notSubmitted }))
    .sort((a, b) => b.late - a.late || b.notSubmitted - a.notSubmitted || byChineseName(a.unitName, b.unitName));
  return {
    deadline: deadlineDate(ym, plan.reportDeadlineDay),
    deadlinePassed,
    units,
    total: { required: total.required, late: total.late, notSubmitted: total.notSubmitted },
  };
}

export async function updateProgressSettings(tx: Tx, actor: Actor, planCode: string, input: ProgressSettingsInput) {
  assertPermission(actor, "progress.manage");
  const plan = await loadPlan(tx, planCode, actor, "manage");
  try {
    return await tx.plan.update({
      where: { id: plan.id },
      data: input,
      select: { reportDeadlineDay: true, yellowLagPoints: true, redLagPoints: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) throw new AppError("invalid_input", "设置不合理：截止日应为 1–28 日，红灯阈值应不小于黄灯阈值");
    throw error;
  }
}

/** The reporting deadline and the traffic-light thresholds of the plan. */
export const updateProgressSettingsMutation = defineMutation({
  name: "progress.settings.update",
  permission: "progress.manage",
  schema: z.object({ planCode: z.string().min(1).max(100), settings: progressSettingsSchema }),
  run: (tx, actor, input) => updateProgressSettings(tx, actor, input.planCode, input.settings),
  audit: (input) => ({ target: { type: "Plan", id: input.planCode } }),
});
