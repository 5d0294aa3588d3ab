// The runner against a real PostgreSQL: permission from the one table, the
// input's schema and sanity checks, one transaction with its audit event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { z } from "@/lib/validation/zod";
import { createPrismaClient } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { defineMutation, type Operator } from "./mutation";
import { runMutation } from "./run-mutation";

let db: TestDatabase;
let reviewerId: number;
let viewerId: number;
let inactiveId: number;
const now = new Date("2026-03-15T08:00:00Z");

const createTestUnit = defineMutation({
  name: "test.unit.create",
  permission: "units.manage",
  schema: z.object({ name: z.string().min(2).max(50), password: z.string().optional(), failAfterWrite: z.boolean().optional() }),
  async run(tx, _actor, input) {
    const unit = await tx.unit.create({ data: { name: input.name, kind: "OTHER" } });
    if (input.failAfterWrite) throw new AppError("conflict", "写入后失败");
    return { id: unit.id };
  },
  audit: (input, result) => ({ target: { type: "Unit", id: result.id }, summary: input }),
});

const operatorOnly = defineMutation({
  name: "test.operator",
  permission: "users.manage",
  schema: z.object({}),
  operator: true,
  async run() {
    return { ok: true };
  },
});

const operator: Operator = { kind: "operator", name: "命令行（ops）", login: "命令行（ops）" };

async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  db = await createTestDatabase();
  const user = (login: string, role: "REVIEWER" | "VIEWER", active = true) =>
    db.prisma.user.create({ data: { login, name: login, role, passwordHash: "x", active } });
  reviewerId = (await user("drc", "REVIEWER")).id;
  viewerId = (await user("viewer", "VIEWER")).id;
  inactiveId = (await user("gone", "REVIEWER", false)).id;
});
afterAll(() => db.drop());

describe("runMutation", () => {
  it("runs the change and writes its audit event, secrets left out", async () => {
    const result = await runMutation(db.prisma, createTestUnit, { userId: reviewerId }, { name: "测试单位甲", password: "hunter2hunter2" }, {
      now,
      request: { clientAddress: "203.0.113.7", userAgent: "test-agent" },
    });
    const events = await db.prisma.auditEvent.findMany({ where: { action: "test.unit.create" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: reviewerId,
      actorLogin: "drc",
      targetType: "Unit",
      targetId: String(result.id),
      outcome: "SUCCESS",
      clientAddress: "203.0.113.7",
      userAgent: "test-agent",
    });
    expect(events[0]!.at.toISOString()).toBe(now.toISOString());
    expect(events[0]!.summary).toEqual({ name: "测试单位甲", password: "（已隐去）" });
  });

  it("rolls back the change and its event together when the run fails", async () => {
    expect(await failure(runMutation(db.prisma, createTestUnit, { userId: reviewerId }, { name: "测试单位乙", failAfterWrite: true }, { now }))).toEqual({
      status: 409,
      message: "写入后失败",
    });
    expect(await db.prisma.unit.count({ where: { name: "测试单位乙" } })).toBe(0);
    expect(await db.prisma.auditEvent.count({ where: { summary: { path: ["name"], equals: "测试单位乙" } } })).toBe(0);
  });

  it("refuses a role the table does not allow (403) and records the refusal", async () => {
    expect((await failure(runMutation(db.prisma, createTestUnit, { userId: viewerId }, { name: "测试单位丙" }, { now }))).status).toBe(403);
    expect(await db.prisma.unit.count({ where: { name: "测试单位丙" } })).toBe(0);
    const denied = await db.prisma.auditEvent.findFirstOrThrow({ where: { actorUserId: viewerId } });
    expect(denied.outcome).toBe("DENIED");
  });

  it("refuses nobody, an unknown and a disabled account (401)", async () => {
    for (const caller of [null, { userId: 987654 }, { userId: inactiveId }]) {
      expect((await failure(runMutation(db.prisma, createTestUnit, caller, { name: "测试单位丁" }, { now }))).status).toBe(401);
    }
  });

  it("refuses the command line unless the declaration allows it", async () => {
    expect((await failure(runMutation(db.prisma, createTestUnit, operator, { name: "测试单位戊" }, { now }))).status).toBe(403);
    expect(await runMutation(db.prisma, operatorOnly, operator, {}, { now })).toEqual({ ok: true });
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "test.operator" } });
    expect(event).toMatchObject({ actorUserId: null, actorLogin: "命令行（ops）", outcome: "SUCCESS" });
  });

  it.each([
    ["a NUL byte in a text", { name: "单位\u0000名" }, /NUL/],
    ["a NUL byte in a key", { name: "单位名", ["x\u0000"]: 1 }, /NUL/],
    ["a huge number", { name: "单位名", extra: 1e308 }, /超出允许范围/],
    ["a wrong type", { name: 12 }, /./],
    ["an overlong text", { name: "长".repeat(51) }, /./],
    ["an array", [{ name: "单位名" }], /./],
  ])("answers 400 in Chinese to %s, changing nothing", async (_what, input, message) => {
    const before = await db.prisma.unit.count();
    const { status, message: text } = await failure(runMutation(db.prisma, createTestUnit, { userId: reviewerId }, input, { now }));
    expect(status).toBe(400);
    expect(text).toMatch(message);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(await db.prisma.unit.count()).toBe(before);
  });

  it("answers 503 in Chinese when the database cannot be reached", async () => {
    const unreachable = createPrismaClient("postgresql://nobody:nothing@127.0.0.1:1/none");
    try {
      expect(await failure(runMutation(unreachable, createTestUnit, { userId: reviewerId }, { name: "测试单位己" }, { now }))).toEqual({
        status: 503,
        message: "数据库暂时不可用，请稍后重试",
      });
    } finally {
      await unreachable.$disconnect();
    }
  });
});
