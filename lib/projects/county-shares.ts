// One project, several counties: a project in 全市 (or across counties) split
// into shares of its total and 十四五 investment by county or functional zone,
// entered by the DRC, or proposed by a unit for its own project as a change
// request (lib/change-requests) that the DRC accepts — the one path that then
// writes the split is setCountyShares, whoever typed the rows. The shares add up to at most the project's amounts; what
// is left is the unsplit remainder, which the rollup by county shows apart
// (never spread over the counties by a guess). A split over the project's
// amounts is refused. Replacing the split is one write guarded by the
// project's version, like any edit of the project.
import { editableProjectsScope } from "@/lib/auth/scope";
import Decimal from "decimal.js";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/errors";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import { amountFromDb, formatWan, trimDecimal } from "@/lib/money/amount";
import { z } from "@/lib/validation/zod";
import { recordChanges, staleVersion } from "./apply-changes";
import { actorName } from "./project-access";
import type { Actor } from "@/lib/auth/actor";
import { projectProgressAsOf } from "@/lib/progress/progress-figures";
import { countySharesProposalSchema, countySharesSchema } from "./county-shares-input";
import { assertPermission } from "@/lib/auth/actor";
import { readsWholePlan } from "@/lib/auth/scope";
import { forbidden } from "@/lib/errors";
import { loadEditableProject } from "./project-access";
import { listAnnexRows } from "./list-projects";
import { versionProjectsSql, type VersionRef } from "@/lib/versions/plan-versions";

export { countySharesProposalSchema, countySharesSchema };



export type CountyShareView = { regionCode: string; regionName: string; totalWan: string; fypWan: string };
export type CountySplit = {
  projectId: number;
  version: number;
  /** The project's amounts (万元; null when 待定 or 不适用, which cannot be split). */
  totalWan: string | null;
  fypWan: string | null;
  shares: CountyShareView[];
  /** What the shares leave of each amount: shown as 未拆分. */
  unsplitTotalWan: string | null;
  unsplitFypWan: string | null;
};

const wan = (d: Decimal) => trimDecimal(d.toFixed(4));

export async function getCountySplit(db: PrismaClient | Tx, projectId: number): Promise<CountySplit> {
  const project = await db.project.findFirst({ where: { id: projectId, deletedAt: null }, include: { countyShares: { include: { region: true }, orderBy: { position: "asc" } } } });
  if (!project) throw notFound("项目");
  const shares = project.countyShares.map((s) => ({ regionCode: s.region.code, regionName: s.region.name, totalWan: trimDecimal(s.totalWan.toString()), fypWan: trimDecimal(s.fypWan.toString()) }));
  const rest = (amount: Prisma.Decimal | null, pick: "totalWan" | "fypWan") =>
    amount === null ? null : wan(shares.reduce((left, s) => left.minus(s[pick]), new Decimal(amount.toString())));
  return {
    projectId,
    version: project.version,
    totalWan: project.totalState === "VALUE" ? trimDecimal(project.totalWan!.toString()) : null,
    fypWan: project.fypState === "VALUE" ? trimDecimal(project.fypWan!.toString()) : null,
    shares,
    unsplitTotalWan: project.totalState === "VALUE" ? rest(project.totalWan, "totalWan") : null,
    unsplitFypWan: project.fypState === "VALUE" ? rest(project.fypWan, "fypWan") : null,
  };
}

type ShareRows = z.output<typeof countySharesSchema>["shares"];
type ProjectWithPlan = Prisma.ProjectGetPayload<{ include: { plan: { include: { region: true } } } }>;

/**
 * The rules a split obeys, whether the DRC saves it or a unit proposes it: each row
 * a county or zone of the plan's region, each amount's rows adding up to at most the
 * project's (the rest is 未拆分), never a split of a 待定 or 不适用 amount. Returns
 * the regions by code.
 */
async function checkCountyShares(tx: Tx, project: ProjectWithPlan, shares: ShareRows) {
  const problems: string[] = [];
  const regions = await tx.region.findMany({ where: { code: { in: shares.map((s) => s.regionCode) } } });
  const byCode = new Map(regions.map((r) => [r.code, r]));
  for (const s of shares) {
    const region = byCode.get(s.regionCode);
    if (!region || region.parentId !== project.plan.regionId) problems.push(`“${s.regionCode}”不是${project.plan.region.name}的区县或功能区`);
  }
  const check = (label: string, state: string, amount: Prisma.Decimal | null, pick: "total" | "fyp") => {
    const sum = shares.reduce((acc, s) => acc.plus(s[pick].wan!), new Decimal(0));
    if (sum.isZero()) return;
    if (state !== "VALUE") problems.push(`项目${label}为${state === "PENDING" ? "待定" : "不适用"}，不能按区县拆分`);
    else if (sum.greaterThan(amount!.toString())) {
      problems.push(`各区县${label}合计 ${formatWan(amountFromDb({ state: "VALUE", wan: sum.toFixed() }))} 万元，超过项目${label} ${formatWan(amountFromDb({ state: "VALUE", wan: amount!.toString() }))} 万元`);
    }
  };
  check("总投资", project.totalState, project.totalWan, "total");
  check("“十四五”投资", project.fypState, project.fypWan, "fyp");
  if (problems.length) throw new AppError("invalid_input", problems.join("；"), { problems });
  return byCode;
}

/** How the history and a change request name a split: “鹿城区 1000/300；…” (万元, 总投资/十四五). */
export const describeShares = (shares: { regionName: string; totalWan: string; fypWan: string }[]) =>
  shares.map((s) => `${s.regionName} ${s.totalWan}/${s.fypWan}`).join("；") || "未拆分";

/**
 * Replaces the project's split. `via` names where the rows came from when not
 * typed by the actor (a unit's change request the actor accepted): the history
 * row then names the request.
 */
export async function setCountyShares(
  tx: Tx,
  actor: Actor,
  input: z.output<typeof countySharesSchema>,
  via: { via: string; changeRequestId: number } | null = null,
): Promise<CountySplit> {
  // Only a project the actor may edit every field of (a regional DRC: those it reads; lib/auth/scope.ts).
  const project = await tx.project.findFirst({ where: { id: input.projectId, deletedAt: null, ...editableProjectsScope(actor) }, include: { plan: { include: { region: true } } } });
  if (!project) throw notFound("项目");
  // Shares move amounts between the plan's counties: the DRC of the whole plan decides them, not a county's.
  if (!readsWholePlan(actor, project.plan.regionId)) throw forbidden("按区县拆分由本级规划的发改委录入或审核");
  const byCode = await checkCountyShares(tx, project, input.shares);

  const before = await getCountySplit(tx, project.id);
  const { count } = await tx.project.updateMany({ where: { id: project.id, version: input.version, deletedAt: null }, data: { version: { increment: 1 } } });
  if (count === 0) throw staleVersion();
  await tx.projectCountyShare.deleteMany({ where: { projectId: project.id } });
  await tx.projectCountyShare.createMany({
    data: input.shares.map((s, position) => ({ projectId: project.id, regionId: byCode.get(s.regionCode)!.id, position, totalWan: s.total.wan!, fypWan: s.fyp.wan! })),
  });
  const after = await getCountySplit(tx, project.id);
  const context = via
    ? { actor, actorName: actorName(actor), action: "CHANGE_REQUEST_ACCEPTED" as const, via: via.via, changeRequestId: via.changeRequestId }
    : { actor, actorName: actorName(actor), action: "UPDATE" as const, via: "按区县拆分" };
  await recordChanges(tx, project.id, context, [
    { field: "*", oldValue: `区县拆分（万元，总投资/十四五）：${describeShares(before.shares)}`, newValue: `区县拆分（万元，总投资/十四五）：${describeShares(after.shares)}` },
  ]);
  return after;
}

/**
 * A unit proposes its own project's split: checked by the same rules as the DRC's
 * (refused when over the project's amounts), stored as a change request carrying
 * the rows (proposed.countyShares), which the DRC accepts or returns.
 */
export async function proposeCountyShares(tx: Tx, actor: Actor, input: z.output<typeof countySharesProposalSchema>): Promise<{ id: number }> {
  assertPermission(actor, "change-request.create");
  // Its own project only: another unit's is a 403, one outside its regions a 404.
  await loadEditableProject(tx, actor, input.projectId);
  const project = await tx.project.findUniqueOrThrow({ where: { id: input.projectId }, include: { plan: { include: { region: true } } } });
  const byCode = await checkCountyShares(tx, project, input.shares);
  const proposed = input.shares.map((s) => ({ regionCode: s.regionCode, regionName: byCode.get(s.regionCode)!.name, totalWan: trimDecimal(s.total.wan!), fypWan: trimDecimal(s.fyp.wan!) }));
  const current = await getCountySplit(tx, project.id);
  if (describeShares(current.shares) === describeShares(proposed)) throw new AppError("invalid_input", "申请的拆分与现有拆分相同，无需变更");
  const request = await tx.changeRequest.create({
    data: { projectId: project.id, requestedById: actor.userId, proposed: { countyShares: proposed }, reason: input.reason, baseVersion: project.version },
  });
  return { id: request.id };
}

export const proposeCountySharesMutation = defineMutation({
  name: "change-request.county-shares",
  permission: "change-request.create",
  schema: countySharesProposalSchema,
  run: (tx, actor, input) => proposeCountyShares(tx, actor, input),
  audit: (_input, result) => ({ target: { type: "ChangeRequest", id: result.id } }),
});

export const setCountySharesMutation = defineMutation({
  name: "project.county-shares",
  permission: "project.county-shares",
  schema: countySharesSchema,
  run: (tx, actor, input) => setCountyShares(tx, actor, input),
  audit: (input) => ({ target: { type: "Project", id: input.projectId } }),
});

export type SuggestedShare = { regionCode: string; regionName: string; weight: string; totalWan: string; fypWan: string };

/**
 * County rows suggested from the project's content, as the Wenzhou annex's
 * 全市棚户区改造安置工程 lists them (“鹿城区4201套，龙湾区11388套…”): each
 * county or zone named with a figure, its share of the amounts in proportion
 * to the figures, rounded down to 0.0001 万元 so that the rows never exceed the
 * project; what the content gives to no county (市城发集团 9336套) and the
 * rounding stay unsplit. A suggestion for the form, saved only when the DRC saves it.
 */
export function suggestCountyShares(
  content: string,
  regions: { code: string; name: string; aliases: string[] }[],
  amounts: { totalWan: string | null; fypWan: string | null },
): SuggestedShare[] {
  const names = regions.flatMap((r) => [r.name, ...r.aliases].map((n) => ({ n, r }))).sort((a, b) => b.n.length - a.n.length);
  const pattern = /([\u4e00-\u9fa5]{2,12}?)(\d+(?:\.\d+)?)\s*(套|个|万元|亿元|所|张|床)/g;
  const found = new Map<string, { region: (typeof regions)[number]; weight: Decimal }>();
  let named = new Decimal(0);
  for (const m of content.matchAll(pattern)) {
    // “共75448套”, “合计…”: the whole, not a part.
    if (/(共|合计|总计|总共|约)$/.test(m[1]!)) continue;
    const weight = new Decimal(m[2]!);
    named = named.plus(weight);
    const hit = names.find(({ n }) => m[1]!.endsWith(n));
    if (!hit) continue;
    const prior = found.get(hit.r.code);
    found.set(hit.r.code, { region: hit.r, weight: (prior?.weight ?? new Decimal(0)).plus(weight) });
  }
  if (found.size === 0 || named.isZero()) return [];
  const part = (amount: string | null, weight: Decimal) => (amount === null ? "0" : wan(new Decimal(amount).times(weight).dividedBy(named).toDecimalPlaces(4, Decimal.ROUND_DOWN)));
  return [...found.values()].map(({ region, weight }) => ({
    regionCode: region.code,
    regionName: region.name,
    weight: weight.toFixed(),
    totalWan: part(amounts.totalWan, weight),
    fypWan: part(amounts.fypWan, weight),
  }));
}

export const UNSPLIT_LABEL = "已拆分项目未拆分部分";

export type CountyShareRollupRow = { key: string; kind: "county" | "zone" | "city" | "undecided" | "unresolved" | "unsplit"; projects: number; splitProjects: number; totalWan: string; fypWan: string };

/**
 * The rollup by county with the shares: a split project counts in each county
 * it has a share in, with its share's amounts; the rest of its amounts is one
 * line of its own, 已拆分项目未拆分部分. Projects without shares are grouped by
 * their location as in the plain rollup (全市, 未定 … included). The lines
 * add up exactly to the plan's total. A separate query from the plain rollup
 * (lib/rollups), which stays as it is. With `version`: that version's rows and
 * the shares it froze, adding up to the version's total.
 */
export async function rollupByCountyWithShares(db: PrismaClient, planCode: string, options: { version?: VersionRef } = {}): Promise<CountyShareRollupRow[]> {
  const plan = await db.plan.findUnique({ where: { code: planCode }, select: { id: true } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const { version } = options;
  if (version && version.planId !== plan.id) throw notFound(`规划“${planCode}”的第 ${version.number} 版`);
  // As of a version: its frozen rows and the shares it froze (lib/versions/version-shares.ts); else the register's.
  const projects = version ? versionProjectsSql(version.id) : Prisma.sql`SELECT p.* FROM "Project" p WHERE p."planId" = ${plan.id} AND p."deletedAt" IS NULL`;
  const shares = version
    ? Prisma.sql`SELECT s."projectId", s."regionId", s."totalWan", s."fypWan" FROM "PlanVersionCountyShare" s WHERE s."versionId" = ${version.id}`
    : Prisma.sql`SELECT s."projectId", s."regionId", s."totalWan", s."fypWan" FROM "ProjectCountyShare" s JOIN live ON live.id = s."projectId"`;
  const rows = await db.$queryRaw<{ key: string; ord: string; projects: number; split: number; total: string; fyp: string }[]>`
    WITH live AS (${projects}), split AS (${shares}), parts AS (
      -- Projects without shares, where they are located.
      SELECT CASE p."locationResolution" WHEN 'WHOLE_CITY' THEN '全市' WHEN 'UNDECIDED' THEN '未定' WHEN 'UNRESOLVED' THEN '无法识别' ELSE r.name END AS key,
             CASE p."locationResolution" WHEN 'COUNTY' THEN '0' || r.code WHEN 'FUNCTIONAL_ZONE' THEN '1' || r.code WHEN 'WHOLE_CITY' THEN '2' WHEN 'UNDECIDED' THEN '3' ELSE '4' END AS ord,
             p.id, 0 AS split, p."totalWan" AS total, p."fypWan" AS fyp
        FROM live p LEFT JOIN "Region" r ON r.id = p."regionId"
       WHERE NOT EXISTS (SELECT 1 FROM split s WHERE s."projectId" = p.id)
      UNION ALL
      -- Each share, in its county.
      SELECT r.name, CASE WHEN r.kind = 'FUNCTIONAL_ZONE' THEN '1' ELSE '0' END || r.code, s."projectId", 1, s."totalWan", s."fypWan"
        FROM split s JOIN "Region" r ON r.id = s."regionId"
      UNION ALL
      -- What the shares leave of a split project.
      SELECT ${UNSPLIT_LABEL}::text, '5', p.id, 1,
             p."totalWan" - (SELECT sum(s."totalWan") FROM split s WHERE s."projectId" = p.id),
             p."fypWan" - (SELECT sum(s."fypWan") FROM split s WHERE s."projectId" = p.id)
        FROM live p WHERE EXISTS (SELECT 1 FROM split s WHERE s."projectId" = p.id)
         AND (p."totalWan" IS DISTINCT FROM (SELECT sum(s."totalWan") FROM split s WHERE s."projectId" = p.id)
              OR p."fypWan" IS DISTINCT FROM (SELECT sum(s."fypWan") FROM split s WHERE s."projectId" = p.id))
    )
    SELECT key, min(ord) AS ord, count(DISTINCT id)::int AS projects, sum(split)::int AS split,
           coalesce(sum(total), 0)::text AS total, coalesce(sum(fyp), 0)::text AS fyp
      FROM parts GROUP BY key ORDER BY 2, 1`;
  const KINDS: Record<string, CountyShareRollupRow["kind"]> = { "0": "county", "1": "zone", "2": "city", "3": "undecided", "4": "unresolved", "5": "unsplit" };
  return rows.map((r) => ({ key: r.key, kind: KINDS[r.ord.charAt(0)] ?? "unresolved", projects: r.projects, splitProjects: r.split, totalWan: trimDecimal(r.total), fypWan: trimDecimal(r.fyp) }));
}

export type CountyShareProgress = { key: string; yearToDateWan: string; planToDateWan: string };

/**
 * Monthly progress by county with the split projects' progress allocated by
 * share: units report a project once, so a split project's 本年累计 and
 * 十四五累计 as of the month are divided in proportion to its shares of the
 * total investment (of the 十四五 investment when the total is not a number),
 * rounded down to 0.0001 万元; what the shares leave, rounding included, goes to
 * 已拆分项目未拆分部分, so that the lines add up exactly to the plan's figures.
 */
export async function countyProgressByShare(db: PrismaClient, planCode: string, asOf: { year: number; month: number }): Promise<CountyShareProgress[]> {
  const plan = await db.plan.findUnique({ where: { code: planCode }, select: { id: true } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const [figures, rows, shares] = await Promise.all([
    projectProgressAsOf(db, plan.id, asOf),
    listAnnexRows(db, planCode),
    db.projectCountyShare.findMany({ where: { project: { planId: plan.id, deletedAt: null } }, include: { region: true }, orderBy: [{ projectId: "asc" }, { position: "asc" }] }),
  ]);
  const sharesOf = new Map<number, typeof shares>();
  for (const s of shares) sharesOf.set(s.projectId, [...(sharesOf.get(s.projectId) ?? []), s]);
  const sums = new Map<string, { ytd: Decimal; ptd: Decimal }>();
  const add = (key: string, ytd: Decimal, ptd: Decimal) => {
    const sum = sums.get(key) ?? { ytd: new Decimal(0), ptd: new Decimal(0) };
    sums.set(key, { ytd: sum.ytd.plus(ytd), ptd: sum.ptd.plus(ptd) });
  };
  for (const row of rows) {
    const f = figures.get(row.id);
    const ytd = new Decimal(f?.yearToDateWan ?? 0);
    const ptd = new Decimal(f?.planToDateWan ?? 0);
    const split = sharesOf.get(row.id);
    const basis = (a: { state: string; wan: string | null }) => (a.state === "VALUE" && !new Decimal(a.wan!).isZero() ? new Decimal(a.wan!) : null);
    const byTotal = basis(row.total);
    const whole = byTotal ?? basis(row.fyp);
    if (!split || !whole) {
      add(row.countyLabel, ytd, ptd);
      continue;
    }
    let [leftYtd, leftPtd] = [ytd, ptd];
    for (const s of split) {
      const ratio = new Decimal((byTotal ? s.totalWan : s.fypWan).toString()).dividedBy(whole);
      const [y, p] = [ytd.times(ratio).toDecimalPlaces(4, Decimal.ROUND_DOWN), ptd.times(ratio).toDecimalPlaces(4, Decimal.ROUND_DOWN)];
      add(s.region.name, y, p);
      leftYtd = leftYtd.minus(y);
      leftPtd = leftPtd.minus(p);
    }
    add(UNSPLIT_LABEL, leftYtd, leftPtd);
  }
  return [...sums.entries()].map(([key, s]) => ({ key, yearToDateWan: wan(s.ytd), planToDateWan: wan(s.ptd) }));
}
