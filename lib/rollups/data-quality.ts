// What a DRC clerk checks before publishing: each finding names the projects
// (with links) or units it concerns. Computed in PostgreSQL where it is a query.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readableProjectsScope, readableProjectsSql, type ReadScope } from "@/lib/auth/scope";
import { findReadablePlan } from "@/lib/plans/plans";
import { looksLikeAliases } from "@/lib/units/unit-names";

export type QualityFinding = {
  check: string;
  title: string;
  /** Why it matters, for the clerk. */
  hint: string;
  /** Each finding: the projects it concerns (named, to link to) and why, said once. */
  items: { projects: P[]; reason: string }[];
};

type P = { id: number; seq: number; name: string };

export async function dataQuality(db: PrismaClient, planCode: string, scope: ReadScope = null): Promise<QualityFinding[]> {
  const plan = await findReadablePlan(db, planCode, scope);
  const live = { planId: plan.id, deletedAt: null, ...readableProjectsScope(scope) };
  const readable = readableProjectsSql(scope, "Project");
  const select = { id: true, seq: true, name: true } as const;

  const duplicates = await db.$queryRaw<{ name: string; projects: P[] }[]>`
    SELECT name, json_agg(json_build_object('id', id, 'seq', seq, 'name', name) ORDER BY seq) AS projects FROM "Project"
     WHERE "planId" = ${plan.id} AND "deletedAt" IS NULL AND ${readable} GROUP BY name HAVING count(*) > 1 ORDER BY min(seq)`;
  const fypAboveTotal = await db.$queryRaw<P[]>`
    SELECT id, seq, name FROM "Project" WHERE "planId" = ${plan.id} AND "deletedAt" IS NULL AND ${readable}
       AND "totalState" = 'VALUE' AND "fypState" = 'VALUE' AND "fypWan" > "totalWan" ORDER BY seq`;
  const outside = await db.project.findMany({
    where: { ...live, OR: [{ periodEnd: { lt: plan.startYear } }, { periodStart: { gt: plan.endYear } }] },
    select: { ...select, periodText: true },
    orderBy: { seq: "asc" },
  });
  const unresolved = await db.project.findMany({
    where: { ...live, locationResolution: { in: ["UNRESOLVED", "UNDECIDED"] } },
    select: { ...select, locationText: true, locationResolution: true, locationRule: true },
    orderBy: { seq: "asc" },
  });
  const pending = await db.project.findMany({ where: { ...live, OR: [{ totalState: "PENDING" }, { fypState: "PENDING" }] }, select, orderBy: { seq: "asc" } });
  const noUnit = await db.project.findMany({ where: { ...live, units: { none: {} } }, select, orderBy: { seq: "asc" } });
  const units = await db.unit.findMany({
    where: { projects: { some: { project: live } } },
    select: { name: true, projects: { where: { project: live }, select: { project: { select } } } },
    orderBy: { name: "asc" },
  });
  const aliasPairs: QualityFinding["items"] = [];
  for (const [i, a] of units.entries()) {
    for (const b of units.slice(i + 1)) {
      if (looksLikeAliases(a.name, b.name)) {
        const projects = [...a.projects, ...b.projects].map((p) => p.project).sort((x, y) => x.seq - y.seq);
        aliasPairs.push({ reason: `“${a.name}”与“${b.name}”`, projects: projects.filter((p, i) => projects.findIndex((q) => q.id === p.id) === i) });
      }
    }
  }

  const projectItems = (list: P[], reason?: (p: P) => string) => list.map((p) => ({ projects: [{ id: p.id, seq: p.seq, name: p.name }], reason: reason ? reason(p) : "" }));
  return [
    {
      check: "duplicate-names",
      title: "同名项目",
      hint: "同一规划中名称相同的项目：可能是重复录入，也可能确为不同领域的两个项目，请发改委确认。",
      items: duplicates.map((d) => ({ reason: `同名项目 ${d.projects.length} 个`, projects: d.projects })),
    },
    { check: "fyp-above-total", title: "“十四五”投资大于总投资", hint: "“十四五”投资是总投资的一部分，不应大于总投资。", items: projectItems(fypAboveTotal) },
    {
      check: "period-outside-plan",
      title: `项目期限不在规划期（${plan.startYear}—${plan.endYear} 年）内`,
      hint: "项目期限与规划期没有交集：可能已完工或尚未开始，是否列入重大项目表请确认。",
      items: projectItems(outside, (p) => `项目期限 ${(p as (typeof outside)[number]).periodText}`),
    },
    {
      check: "unresolved-location",
      title: "建设地点未对应到区县",
      hint: "这些项目在按区县汇总时单列为“未定”或“无法识别”；可在项目页指定所属区县。",
      items: projectItems(unresolved, (p) => locationReason(p as (typeof unresolved)[number])),
    },
    { check: "pending-amounts", title: "投资额待定", hint: "待定金额不计入合计，汇总表会单独列出个数。", items: projectItems(pending) },
    { check: "unit-aliases", title: "疑似同一单位的不同名称", hint: "可在单位名录中合并；合并后各项目仍保留原公布的名称。", items: aliasPairs },
    { check: "no-unit", title: "没有实施单位的项目", hint: "每个项目至少应有一个组织实施单位。", items: projectItems(noUnit) },
  ];
}

/** Why a location did not resolve, said once: the rule already quotes the text where it names it. */
function locationReason(p: { locationText: string; locationRule: string }): string {
  if (!p.locationRule) return `建设地点“${p.locationText}”`;
  return p.locationRule.includes(p.locationText) ? p.locationRule : `建设地点“${p.locationText}”：${p.locationRule}`;
}
