// Every mutation, as every role, called directly (not through the UI), on a
// real PostgreSQL seeded with the Wenzhou annex.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { createChangeRequestMutation, decideChangeRequestMutation, listChangeRequests } from "@/lib/change-requests/change-requests";
import { seedDemoData } from "@/lib/plans/demo-data";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createUnitMutation, mergeUnitsMutation, renameUnitMutation } from "@/lib/units/unit-registry";
import { runAs } from "@/tests/run-as";
import { createProjectMutation } from "./create-project";
import { deleteProjectMutation, listDeletedProjects, restoreProjectMutation } from "./delete-project";
import { getAnnexRow } from "./list-projects";
import { listProjectHistory } from "./project-history";
import { projectPatchSchema, type ChangeRequestInput, type ProjectCreateInput, type ProjectPatchInput } from "./project-input";
import { updateProjectMutation } from "./update-project";

let db: TestDatabase;
const LOGINS = ["admin", "drc", "zjj", "jyj", "viewer"] as const;
const actors = {} as Record<(typeof LOGINS)[number], Actor>;
/** 序号 1: 全市各类拆迁安置住房, units 市住建局 + 各县…; 序号 4: 温州肯恩大学一期、二期, 市教育局 not on it. */
let housingId: number;
let educationId: number;

async function projectId(seq: number): Promise<number> {
  return (await db.prisma.project.findFirstOrThrow({ where: { seq } })).id;
}

async function version(id: number): Promise<number> {
  return (await db.prisma.project.findUniqueOrThrow({ where: { id } })).version;
}

async function patch(actor: Actor, id: number, input: Omit<ProjectPatchInput, "version">, v?: number) {
  return runAs(db.prisma, actor, updateProjectMutation, { projectId: id, patch: { version: v ?? (await version(id)), ...input }, via: "API" });
}

async function errorOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message };
    throw error;
  }
  return { status: 200, message: "" };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  for (const login of LOGINS) {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { login } });
    actors[login] = (await loadActor(user.id, db.prisma))!;
  }
  housingId = await projectId(1);
  const education = await db.prisma.project.findFirstOrThrow({ where: { units: { some: { unit: { name: "市教育局" } } } } });
  educationId = education.id;
});
afterAll(() => db.drop());

describe("who may edit which fields", () => {
  const cases: { who: keyof typeof actors; project: () => number; input: Omit<ProjectPatchInput, "version">; status: number; message?: RegExp }[] = [
    { who: "zjj", project: () => housingId, input: { content: "新建各类拆迁安置住房 12 万套。" }, status: 200 },
    { who: "zjj", project: () => housingId, input: { locationText: "鹿城区" }, status: 200 },
    { who: "zjj", project: () => housingId, input: { period: "2021-2026" }, status: 200 },
    { who: "zjj", project: () => housingId, input: { total: { text: "1100", unit: "亿元" } }, status: 403, message: /总投资由发改委确定.*变更申请/ },
    { who: "zjj", project: () => housingId, input: { seq: 99 }, status: 403, message: /序号由发改委确定/ },
    { who: "zjj", project: () => housingId, input: { name: "改名" }, status: 403, message: /实施单位不能修改项目名称/ },
    { who: "zjj", project: () => educationId, input: { content: "别人的项目" }, status: 403, message: /只能修改本单位作为实施单位的项目/ },
    { who: "jyj", project: () => housingId, input: { content: "别人的项目" }, status: 403, message: /只能修改本单位/ },
    { who: "viewer", project: () => housingId, input: { content: "只读" }, status: 403 },
    { who: "drc", project: () => housingId, input: { total: { text: "1100", unit: "亿元" }, seq: 1 }, status: 200 },
    { who: "drc", project: () => educationId, input: { name: "温州肯恩大学一期、二期（调整）" }, status: 200 },
    { who: "admin", project: () => educationId, input: { type: "改扩建" }, status: 200 },
  ];
  for (const c of cases) {
    it(`${c.who} ${JSON.stringify(c.input)} → ${c.status}`, async () => {
      const before = await db.prisma.project.findUniqueOrThrow({ where: { id: c.project() } });
      const result = await errorOf(patch(actors[c.who], c.project(), c.input));
      expect(result.status).toBe(c.status);
      if (c.message) expect(result.message).toMatch(c.message);
      const after = await db.prisma.project.findUniqueOrThrow({ where: { id: c.project() } });
      if (c.status === 200) expect(after.version).toBe(before.version + 1);
      else expect(after).toEqual(before); // a refusal changes nothing
    });
  }

  it("an editor may save a form that resends unchanged DRC fields", async () => {
    const row = await getAnnexRow(db.prisma, housingId);
    const result = await patch(actors.zjj, housingId, { seq: row.seq, name: row.name, content: "再次修改" });
    expect(result.content).toBe("再次修改");
  });

  it("an editor changes only their own unit's contact", async () => {
    const links = await db.prisma.projectUnit.findMany({ where: { projectId: housingId }, include: { unit: true }, orderBy: { position: "asc" } });
    const own = links.find((l) => l.unit.name === "市住建局")!;
    const other = links.find((l) => l.unit.name !== "市住建局")!;
    await patch(actors.zjj, housingId, { contacts: [{ unitId: own.unitId, contactPerson: "张三", contactPhone: "0577-88888888" }] });
    expect((await getAnnexRow(db.prisma, housingId)).units.find((u) => u.unitId === own.unitId)?.contactPerson).toBe("张三");
    const refused = await errorOf(patch(actors.zjj, housingId, { contacts: [{ unitId: other.unitId, contactPerson: "李四", contactPhone: null }] }));
    expect(refused).toEqual({ status: 403, message: "只能修改本单位的联系人" });
  });
});

describe("validation explains itself", () => {
  it("refuses 十四五 investment above the total", async () => {
    const r = await errorOf(patch(actors.drc, housingId, { total: { text: "10", unit: "亿元" }, fyp: { text: "20", unit: "亿元" } }));
    expect(r).toEqual({ status: 400, message: "“十四五”投资不能超过总投资" });
  });

  it("refuses a county that is not the plan's", async () => {
    const r = await errorOf(patch(actors.drc, housingId, { regionCode: "331082" }));
    expect(r.status).toBe(400);
    expect(r.message).toContain("不是温州市的区县或功能区");
  });

  it("explains an end year before the start, and absurd amounts (from the shared schema)", () => {
    const bad = projectPatchSchema.safeParse({ version: 1, period: "2025-2021", total: { text: "-3", unit: "万元" } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(["项目期限“2025-2021”的结束年份早于开始年份", "金额不能为负数"]);
  });

  it("warns about a duplicate name and saves only once confirmed", async () => {
    const r = await errorOf(patch(actors.drc, educationId, { name: "温州龙舟运动基地" }));
    expect(r.status).toBe(422);
    expect(r.message).toMatch(/已有同名项目“温州龙舟运动基地”（序号 21、39）/);
    const saved = await patch(actors.drc, educationId, { name: "温州龙舟运动基地", confirmWarnings: true });
    expect(saved.name).toBe("温州龙舟运动基地");
  });

  it("re-resolves the county when the location changes, and takes a county picked by the DRC", async () => {
    expect((await patch(actors.drc, educationId, { locationText: "瑞安市玉海街道" })).regionName).toBe("瑞安市");
    const picked = await patch(actors.drc, educationId, { regionCode: "330300F1" });
    expect([picked.locationResolution, picked.regionName, picked.locationRule]).toEqual(["FUNCTIONAL_ZONE", "温州经济技术开发区", "人工指定为温州经济技术开发区"]);
  });
});

describe("no lost updates", () => {
  it("refuses a save based on an old version with 409, and keeps the newer value", async () => {
    const v = await version(housingId);
    await patch(actors.drc, housingId, { content: "发改委先保存" }, v);
    const stale = await errorOf(patch(actors.zjj, housingId, { content: "单位后保存（基于旧版本）" }, v));
    expect(stale.status).toBe(409);
    expect((await getAnnexRow(db.prisma, housingId)).content).toBe("发改委先保存");
  });

  it("lets exactly one of two simultaneous saves of the same version win", async () => {
    const v = await version(educationId);
    const results = await Promise.all([
      errorOf(patch(actors.drc, educationId, { content: "甲" }, v)),
      errorOf(patch(actors.admin, educationId, { content: "乙" }, v)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await version(educationId)).toBe(v + 1);
  });
});

describe("history", () => {
  it("records who, when, which field, old and new value and the channel of every change", async () => {
    const history = await listProjectHistory(db.prisma, housingId);
    const content = history.filter((h) => h.field === "content");
    expect(content[0]).toMatchObject({ actorName: "市发展改革委 社会处（drc）", action: "修改", via: "API", fieldLabel: "建设内容和规模", newValue: "发改委先保存" });
    const total = history.find((h) => h.field === "total")!;
    expect([total.oldValue, total.newValue]).toEqual(["10000000 万元", "11000000 万元"]);
    expect(history.some((h) => h.field === "period" && h.oldValue === "2021-2025" && h.newValue === "2021-2026")).toBe(true);
  });

  it("cannot be edited or deleted, even with SQL", async () => {
    await expect(db.prisma.$executeRaw`UPDATE "ProjectChange" SET "newValue" = 'x'`).rejects.toThrow(/不可修改或删除/);
    await expect(db.prisma.$executeRaw`DELETE FROM "ProjectChange"`).rejects.toThrow(/不可修改或删除/);
  });
});

describe("create, delete and restore", () => {
  it("lets the DRC create a project, numbered after the last, and records it", async () => {
    const domain = await db.prisma.domain.findFirstOrThrow({ where: { name: "教育" } });
    const input: ProjectCreateInput = {
      domainId: domain.id,
      name: "温州市第二十一中学迁建",
      type: "新建",
      period: "2022-2025",
      locationText: "瓯海区",
      content: "新建校舍 5 万平方米。",
      total: { text: "8.5", unit: "亿元" },
      fyp: { text: "85000", unit: "万元" },
      units: ["市教育局"],
    };
    const created = await runAs(db.prisma, actors.drc, createProjectMutation, { planCode: "wenzhou-2021", project: input });
    expect([created.seq, created.regionName, created.total.wan, created.fyp.wan]).toEqual([70, "瓯海区", "85000", "85000"]);
    const history = await listProjectHistory(db.prisma, created.id);
    expect(history.every((h) => h.action === "新建")).toBe(true);
    expect(history.map((h) => h.field)).toEqual(expect.arrayContaining(["name", "domainId", "total", "units", "locationText"]));
  });

  it("refuses creation to editors and viewers", async () => {
    const domain = await db.prisma.domain.findFirstOrThrow({ where: { name: "教育" } });
    const input: ProjectCreateInput = { domainId: domain.id, name: "x", type: "新建", period: "2022", locationText: "", content: "", total: { text: "待定", unit: "亿元" }, fyp: { text: "待定", unit: "亿元" }, units: ["市教育局"] };
    for (const who of ["zjj", "viewer"] as const) {
      expect((await errorOf(runAs(db.prisma, actors[who], createProjectMutation, { planCode: "wenzhou-2021", project: input }))).status).toBe(403);
    }
  });

  it("deletes softly, lists the deleted, and restores (reviewer only)", async () => {
    const id = await projectId(2);
    expect((await errorOf(runAs(db.prisma, actors.zjj, deleteProjectMutation, { projectId: id, version: await version(id) }))).status).toBe(403);
    expect((await errorOf(runAs(db.prisma, actors.drc, deleteProjectMutation, { projectId: id, version: (await version(id)) + 1 }))).status).toBe(409);
    await runAs(db.prisma, actors.drc, deleteProjectMutation, { projectId: id, version: await version(id) });
    expect((await errorOf(getAnnexRow(db.prisma, id))).status).toBe(404);
    expect((await listDeletedProjects(db.prisma, "wenzhou-2021")).map((p) => p.id)).toEqual([id]);
    expect((await errorOf(runAs(db.prisma, actors.viewer, restoreProjectMutation, { projectId: id }))).status).toBe(403);
    await runAs(db.prisma, actors.drc, restoreProjectMutation, { projectId: id });
    expect((await getAnnexRow(db.prisma, id)).seq).toBe(2);
    const actions = (await listProjectHistory(db.prisma, id)).map((h) => h.action);
    expect(actions.slice(0, 2)).toEqual(["恢复", "删除"]);
  });
});

describe("change requests go from a unit to the DRC and back", () => {
  it("a unit proposes, the DRC accepts, the values are applied and the history names the request", async () => {
    const input: ChangeRequestInput = { total: { text: "1200", unit: "亿元" }, reason: "增加安置房建设规模" };
    expect((await errorOf(runAs(db.prisma, actors.jyj, createChangeRequestMutation, { projectId: housingId, request: input }))).status).toBe(403);
    const { id } = await runAs(db.prisma, actors.zjj, createChangeRequestMutation, { projectId: housingId, request: input });
    const open = await listChangeRequests(db.prisma, actors.drc, { status: "OPEN" });
    expect(open.map((r) => r.id)).toContain(id);
    expect(open.find((r) => r.id === id)!.items).toEqual([{ field: "total", label: "总投资（亿元）", current: "1100", proposed: "1200" }]);
    // The unit sees its own requests too; another unit does not.
    expect((await listChangeRequests(db.prisma, actors.zjj, {})).map((r) => r.id)).toContain(id);
    expect((await listChangeRequests(db.prisma, actors.jyj, {})).map((r) => r.id)).not.toContain(id);

    expect((await errorOf(runAs(db.prisma, actors.zjj, decideChangeRequestMutation, { requestId: id, decision: { decision: "accept" } }))).status).toBe(403);
    await runAs(db.prisma, actors.drc, decideChangeRequestMutation, { requestId: id, decision: { decision: "accept" } });
    expect((await getAnnexRow(db.prisma, housingId)).total.wan).toBe("12000000");
    const entry = (await listProjectHistory(db.prisma, housingId)).find((h) => h.changeRequestId === id)!;
    expect(entry).toMatchObject({ action: "采纳变更申请", via: `变更申请 #${id}`, field: "total", newValue: "12000000 万元" });
    expect((await errorOf(runAs(db.prisma, actors.drc, decideChangeRequestMutation, { requestId: id, decision: { decision: "reject", comment: "再处理一次" } }))).status).toBe(409);
  });

  it("a rejection carries the DRC's comment and changes nothing", async () => {
    const before = await getAnnexRow(db.prisma, housingId);
    const { id } = await runAs(db.prisma, actors.zjj, createChangeRequestMutation, { projectId: housingId, request: { seq: 5, reason: "希望调整序号" } });
    await runAs(db.prisma, actors.drc, decideChangeRequestMutation, { requestId: id, decision: { decision: "reject", comment: "序号按领域统一编排" } });
    const request = (await listChangeRequests(db.prisma, actors.zjj, { projectId: housingId })).find((r) => r.id === id)!;
    expect([request.status, request.decisionComment]).toEqual(["REJECTED", "序号按领域统一编排"]);
    expect((await getAnnexRow(db.prisma, housingId)).seq).toBe(before.seq);
  });
});

describe("the units register", () => {
  it("merges 市卫健委 into 市卫生健康委 without losing which projects each name was on", async () => {
    const [short, long] = await Promise.all(["市卫健委", "市卫生健康委"].map((name) => db.prisma.unit.findUniqueOrThrow({ where: { name } })));
    const shortProjects = (await db.prisma.projectUnit.findMany({ where: { unitId: short!.id } })).map((l) => l.projectId);
    expect((await errorOf(runAs(db.prisma, actors.zjj, mergeUnitsMutation, { unitId: short!.id, merge: { intoUnitId: long!.id } }))).status).toBe(403);
    await runAs(db.prisma, actors.drc, mergeUnitsMutation, { unitId: short!.id, merge: { intoUnitId: long!.id } });
    expect(await db.prisma.unit.findUnique({ where: { name: "市卫健委" } })).toBeNull();
    const merged = await db.prisma.unit.findUniqueOrThrow({ where: { name: "市卫生健康委" } });
    expect(merged.aliases).toContain("市卫健委");
    for (const projectId of shortProjects) {
      const link = await db.prisma.projectUnit.findUniqueOrThrow({ where: { projectId_unitId: { projectId, unitId: long!.id } } });
      expect(link.publishedName).toBe("市卫健委");
      expect((await listProjectHistory(db.prisma, projectId))[0]).toMatchObject({ action: "合并单位", oldValue: "市卫健委（原文：市卫健委）" });
    }
  });

  it("renames a unit and keeps the old name as an alias; refuses a name in use", async () => {
    const unit = await runAs(db.prisma, actors.admin, createUnitMutation, { name: "市测试局" });
    await runAs(db.prisma, actors.drc, renameUnitMutation, { unitId: unit.id, rename: { name: "市测试管理局" } });
    expect((await db.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).aliases).toEqual(["市测试局"]);
    expect((await errorOf(runAs(db.prisma, actors.drc, renameUnitMutation, { unitId: unit.id, rename: { name: "市住建局" } }))).status).toBe(409);
    expect((await errorOf(runAs(db.prisma, actors.zjj, createUnitMutation, { name: "市另一局" }))).status).toBe(403);
  });
});
