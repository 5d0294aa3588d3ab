// A save of the schema's maximum of 2,000 report rows, on a real PostgreSQL:
// it must fit well inside the transaction's limit (5 s). The time is printed
// for the README, never asserted (speed belongs in the benchmark).
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { createUser } from "@/lib/users/create-user";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { runAs } from "@/tests/run-as";
import { reviewReportsMutation, saveReportDraftsMutation, submitReportsMutation } from "./monthly-reports";
import { saveReportsSchema } from "./progress-input";

const ROWS = 2000;
let db: TestDatabase;
let drc: Actor;
let ids: number[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  // A plan of its own with 2,000 projects (no annex import: only the save is measured).
  const region = await db.prisma.region.findFirstOrThrow({ where: { code: "330300" } });
  const plan = await db.prisma.plan.create({ data: { code: "large-2021", name: "大批量测试规划", issuer: "测试", startYear: 2021, endYear: 2025, regionId: region.id } });
  const domain = await db.prisma.domain.create({ data: { planId: plan.id, name: "测试领域", position: 1 } });
  await db.prisma.project.createMany({
    data: Array.from({ length: ROWS }, (_, i) => ({
      planId: plan.id,
      domainId: domain.id,
      seq: i + 1,
      name: `大批量项目 ${i + 1}`,
      type: "新建",
      periodText: "2021-2025",
      periodStart: 2021,
      periodEnd: 2025,
      locationText: "全市",
      locationResolution: "WHOLE_CITY" as const,
      locationRule: "test",
      content: "",
      totalState: "PENDING" as const,
      fypState: "PENDING" as const,
    })),
  });
  ids = (await db.prisma.project.findMany({ where: { planId: plan.id }, orderBy: { seq: "asc" }, select: { id: true } })).map((p) => p.id);
  const user = await createUser(db.prisma, { login: "drc", name: "发改委", role: "REVIEWER", password: "Large.Save2021" }, { mustChangePassword: false });
  drc = (await loadActor(user.id, db.prisma))!;
}, 120_000);
afterAll(() => db.drop());

it("saves and submits 2,000 rows in one request each", async () => {
  const NOW = new Date("2025-11-20T10:00:00+08:00");
  const input = saveReportsSchema.parse({
    planCode: "large-2021",
    year: 2025,
    month: 10,
    rows: ids.map((projectId, i) => ({ projectId, baseReportId: null, baseVersion: null, monthWan: String(i + 1), physicalProgress: "按计划推进", construction: "UNDER_CONSTRUCTION", actualStart: "2021-03-01", actualCompletion: null })),
  });
  let started = performance.now();
  const saved = await runAs(db.prisma, drc, saveReportDraftsMutation, input, NOW);
  const saveMs = Math.round(performance.now() - started);
  expect(saved.reports).toHaveLength(ROWS);
  // A second save of the same rows updates the 2,000 drafts (the versions they have now).
  const again = saveReportsSchema.parse({ ...input, rows: input.rows.map((r) => ({ ...r, baseReportId: saved.reports.find((s) => s.projectId === r.projectId)!.reportId, baseVersion: 1 })) });
  started = performance.now();
  const updated = await runAs(db.prisma, drc, saveReportDraftsMutation, again, NOW);
  const updateMs = Math.round(performance.now() - started);
  started = performance.now();
  const submitted = await runAs(db.prisma, drc, submitReportsMutation, { planCode: "large-2021", year: 2025, month: 10, reports: updated.reports }, NOW);
  const submitMs = Math.round(performance.now() - started);
  expect(submitted.submitted).toBe(ROWS);
  const [sum] = await db.prisma.$queryRaw<{ total: string }[]>`SELECT sum("monthWan")::text AS total FROM "ProgressReport" WHERE "projectId" IN (${ids[0]}, ${ids[ROWS - 1]}) AND year = 2025 AND month = 10 AND effective`;
  expect(Number(sum!.total)).toBe(1 + ROWS);
  // The DRC approves all 2,000 at once: they count under 已审核 too (its flag and cumulative figures kept in the same transaction).
  const reports = await db.prisma.progressReport.findMany({ where: { projectId: { in: ids }, year: 2025, month: 10 }, select: { id: true, version: true } });
  started = performance.now();
  await runAs(db.prisma, drc, reviewReportsMutation, { decision: "APPROVE", comment: "", reports }, NOW);
  const approveMs = Math.round(performance.now() - started);
  const [approved] = await db.prisma.$queryRaw<{ total: string }[]>`SELECT sum("approvedYearToDateWan")::text AS total FROM "ProgressReport" WHERE "projectId" IN (${ids[0]}, ${ids[ROWS - 1]}) AND year = 2025 AND month = 10 AND "approvedEffective"`;
  expect(Number(approved!.total)).toBe(1 + ROWS);
  console.log(`2,000 rows: first save ${saveMs} ms, second save ${updateMs} ms, submit ${submitMs} ms, approve ${approveMs} ms`);
}, 120_000);
