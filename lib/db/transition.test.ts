// Every state change is one conditional update on (id, version, expected
// state): two connections racing the same transition, exactly one succeeds and
// the other is told (409) what the thing is now. Real PostgreSQL, two clients.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createChangeRequestMutation, decideChangeRequestMutation } from "@/lib/change-requests/change-requests";
import { applyAnnexImport as applyImportMutation, previewAnnexImport as previewImportMutation } from "@/lib/import/import-mutations";
import { seedDemoData, WENZHOU_ANNEX_XLSX } from "@/lib/plans/demo-data";
import { raiseIssueMutation, updateIssueMutation } from "@/lib/progress/coordination-issues";
import { monthClosingMutation } from "@/lib/progress/month-closing";
import { reviewReportsMutation, saveReportDraftsMutation, submitReportsMutation, withdrawReportsMutation } from "@/lib/progress/monthly-reports";
import { deleteProjectMutation, restoreProjectMutation } from "@/lib/projects/delete-project";
import { runAs } from "@/tests/run-as";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

const PLAN = "wenzhou-2021";
const NOW = new Date("2025-11-20T10:00:00+08:00");

let db: TestDatabase;
let other: PrismaClient;
const actors = {} as Record<"drc" | "zjj", Actor>;
/** The projects of 市住建局, by 序号. */
let housing: { id: number; seq: number }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  other = createPrismaClient(db.url);
  for (const login of ["drc", "zjj"] as const) {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { login } });
    actors[login] = (await loadActor(user.id, db.prisma))!;
  }
  housing = await db.prisma.project.findMany({ where: { units: { some: { unit: { name: "市住建局" } } } }, orderBy: { seq: "asc" }, select: { id: true, seq: true } });
}, 120_000);
afterAll(async () => {
  await other.$disconnect();
  await db.drop();
});

/** Both at once, on two connections: exactly one fulfilled, the other a 409 naming the current state. */
async function race(a: (c: PrismaClient) => Promise<unknown>, b: (c: PrismaClient) => Promise<unknown>) {
  const results = await Promise.allSettled([a(db.prisma), b(other)]);
  const won = results.filter((r) => r.status === "fulfilled");
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(lost[0]!.reason).toMatchObject({ status: 409 });
  return lost[0]!.reason as { status: number; message: string; details?: { current?: { state: string; version: number } | null } };
}

async function draft(projectId: number, ym: { year: number; month: number }, monthWan = "5") {
  const last = await db.prisma.progressReport.findFirst({ where: { projectId, ...ym }, orderBy: { revision: "desc" } });
  const saved = await runAs(
    db.prisma,
    actors.zjj,
    saveReportDraftsMutation,
    {
      planCode: PLAN,
      ...ym,
      rows: [{ projectId, baseReportId: last?.id ?? null, baseVersion: last?.version ?? null, monthWan, physicalProgress: "", construction: "UNDER_CONSTRUCTION", actualStart: "2021-03-01", actualCompletion: null }],
      confirmWarnings: true,
    },
    NOW,
  );
  return saved.reports[0]!;
}

describe("two connections race each transition: exactly one wins", () => {
  const ym = { year: 2025, month: 10 };

  it("submit", async () => {
    const seen = await draft(housing[0]!.id, ym);
    const submit = (c: PrismaClient) => runAs(c, actors.zjj, submitReportsMutation, { planCode: PLAN, ...ym, reports: [seen] }, NOW);
    const lost = await race(submit, submit);
    expect(lost.details?.current).toEqual({ state: "SUBMITTED", version: seen.version + 1 });
  });

  it("approve against return", async () => {
    const r = (await db.prisma.progressReport.findFirst({ where: { projectId: housing[0]!.id, ...ym }, orderBy: { revision: "desc" } }))!;
    const lost = await race(
      (c) => runAs(c, actors.drc, reviewReportsMutation, { decision: "APPROVE", reports: [{ id: r.id, version: r.version }] }, NOW),
      (c) => runAs(c, actors.drc, reviewReportsMutation, { decision: "RETURN", comment: "请核实", reports: [{ id: r.id, version: r.version }] }, NOW),
    );
    const after = (await db.prisma.progressReport.findUniqueOrThrow({ where: { id: r.id } }))!;
    // One step: the version went up by exactly one, and the loser was told the state the winner left.
    expect(after.version).toBe(r.version + 1);
    expect(lost.details?.current).toEqual({ state: after.status, version: after.version });
  });

  it("withdraw against approve", async () => {
    const seen = await draft(housing[1]!.id, ym);
    await runAs(db.prisma, actors.zjj, submitReportsMutation, { planCode: PLAN, ...ym, reports: [seen] }, NOW);
    const submitted = { ...seen, version: seen.version + 1 };
    await race(
      (c) => runAs(c, actors.zjj, withdrawReportsMutation, { planCode: PLAN, ...ym, reports: [submitted] }, NOW),
      (c) => runAs(c, actors.drc, reviewReportsMutation, { decision: "APPROVE", reports: [{ id: submitted.reportId, version: submitted.version }] }, NOW),
    );
    const after = await db.prisma.progressReport.findUniqueOrThrow({ where: { id: submitted.reportId } });
    expect(after.version).toBe(submitted.version + 1);
    expect(["DRAFT", "APPROVED"]).toContain(after.status);
  });

  it("close a month, and reopen it", async () => {
    const september = { year: 2025, month: 9 };
    const close = (c: PrismaClient) => runAs(c, actors.drc, monthClosingMutation, { action: "close", planCode: PLAN, ...september, version: null }, NOW);
    const lost = await race(close, close);
    expect(lost.details?.current).toEqual({ state: "CLOSED", version: 1 });
    const reopen = (c: PrismaClient) => runAs(c, actors.drc, monthClosingMutation, { action: "reopen", planCode: PLAN, ...september, version: 1, reason: "更正" }, NOW);
    const lostReopen = await race(reopen, reopen);
    expect(lostReopen.details?.current).toEqual({ state: "OPEN", version: 2 });
    const events = await db.prisma.reportingMonthEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["CLOSE", "REOPEN"]);
  });

  it("decide a change request", async () => {
    const project = (await db.prisma.project.findUniqueOrThrow({ where: { id: housing[2]!.id } }))!;
    const { id } = await runAs(db.prisma, actors.zjj, createChangeRequestMutation, { projectId: project.id, request: { seq: project.seq + 1000, reason: "按领域统一编号" } }, NOW);
    const lost = await race(
      (c) => runAs(c, actors.drc, decideChangeRequestMutation, { requestId: id, decision: { decision: "accept", version: 1 } }, NOW),
      (c) => runAs(c, actors.drc, decideChangeRequestMutation, { requestId: id, decision: { decision: "reject", comment: "不同意", version: 1 } }, NOW),
    );
    expect(lost.details?.current?.version).toBe(2);
  });

  it("update a coordination issue", async () => {
    const issue = await runAs(db.prisma, actors.drc, raiseIssueMutation, { projectId: housing[0]!.id, description: "征迁未完成" }, NOW);
    const lost = await race(
      (c) => runAs(c, actors.drc, updateIssueMutation, { issueId: issue.id, update: { version: issue.version, state: "IN_PROGRESS" } }, NOW),
      (c) => runAs(c, actors.zjj, updateIssueMutation, { issueId: issue.id, update: { version: issue.version, state: "RESOLVED", resolution: "已完成" } }, NOW),
    );
    expect(lost.details?.current?.version).toBe(issue.version + 1);
  });

  it("restore a deleted project", async () => {
    const project = (await db.prisma.project.findUniqueOrThrow({ where: { id: housing[3]!.id } }))!;
    await runAs(db.prisma, actors.drc, deleteProjectMutation, { projectId: project.id, version: project.version }, NOW);
    const restore = (c: PrismaClient) => runAs(c, actors.drc, restoreProjectMutation, { projectId: project.id, version: project.version + 1 }, NOW);
    const lost = await race(restore, restore);
    expect(lost.details?.current).toEqual({ state: "LIVE", version: project.version + 2 });
  });

  it("apply an import", async () => {
    const bytes = new Uint8Array(await readFile(WENZHOU_ANNEX_XLSX));
    const preview = await runAs(db.prisma, actors.drc, previewImportMutation, { planCode: "race-2021", fileName: "annex.xlsx", bytes, options: { plan: { name: "并发导入测试规划" } } } as never, NOW);
    const apply = (c: PrismaClient) => runAs(c, actors.drc, applyImportMutation, { importId: (preview as { importId: number }).importId }, NOW);
    await race(apply, apply);
    expect(await db.prisma.project.count({ where: { plan: { code: "race-2021" } } })).toBe(69);
  }, 120_000);
});
