// 调整前后对照表: what changed from one version to the next, per project —
// 调增, 调减, 新增, 取消, or 调整期限/内容 — with the amounts before and after,
// per-domain subtotals and a 合计. Computed from the two versions' rows (not
// from the adjustment's lines), so that it shows exactly the difference of the
// versions; the lines only give each project its reason.
import Decimal from "decimal.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { AmountView, AnnexRow } from "@/lib/projects/annex-row";
import { findVersion, versionAnnexRows } from "./plan-versions";

export type ChangeKind = "调增" | "调减" | "新增" | "取消" | "调整期限/内容";

/** Sums of the amounts that are numbers (待定 and 不适用 count as nothing), 万元, exact decimal text. */
export type ChangeFigures = { totalBefore: string; totalAfter: string; totalDelta: string; fypBefore: string; fypAfter: string; fypDelta: string };

export type ChangeLine = ChangeFigures & {
  projectId: number;
  seq: number;
  name: string;
  kind: ChangeKind;
  /** As each version has it (null: not in that version). */
  before: { total: AmountView; fyp: AmountView; periodText: string } | null;
  after: { total: AmountView; fyp: AmountView; periodText: string } | null;
  reason: string;
};

export type ChangesTable = {
  planCode: string;
  planName: string;
  title: string;
  from: { number: number; label: string };
  to: { number: number; label: string; approvedAt: Date };
  groups: { domainPosition: number; domainName: string; lines: ChangeLine[]; subtotal: ChangeFigures }[];
  total: ChangeFigures;
};

const valueOf = (a: AmountView | undefined): Decimal => (a && a.state === "VALUE" && a.wan !== null ? new Decimal(a.wan) : new Decimal(0));
const sameAmount = (a: AmountView, b: AmountView) => a.state === b.state && valueOf(a).equals(valueOf(b));

function figures(before: AnnexRow | undefined, after: AnnexRow | undefined): ChangeFigures {
  const [tb, ta, fb, fa] = [valueOf(before?.total), valueOf(after?.total), valueOf(before?.fyp), valueOf(after?.fyp)];
  return { totalBefore: tb.toFixed(), totalAfter: ta.toFixed(), totalDelta: ta.minus(tb).toFixed(), fypBefore: fb.toFixed(), fypAfter: fa.toFixed(), fypDelta: fa.minus(fb).toFixed() };
}

function add(sum: ChangeFigures, f: ChangeFigures): ChangeFigures {
  const k = Object.keys(sum) as (keyof ChangeFigures)[];
  return Object.fromEntries(k.map((key) => [key, new Decimal(sum[key]).plus(f[key]).toFixed()])) as ChangeFigures;
}

const ZERO: ChangeFigures = { totalBefore: "0", totalAfter: "0", totalDelta: "0", fypBefore: "0", fypAfter: "0", fypDelta: "0" };

function kindOf(before: AnnexRow | undefined, after: AnnexRow | undefined, f: ChangeFigures): ChangeKind | null {
  if (!before) return "新增";
  if (!after) return "取消";
  const amountsChanged = !sameAmount(before.total, after.total) || !sameAmount(before.fyp, after.fyp);
  if (amountsChanged) {
    // By the total's direction; when the total stays, by the 十四五 amount's.
    const delta = new Decimal(f.totalDelta).isZero() ? new Decimal(f.fypDelta) : new Decimal(f.totalDelta);
    return delta.isNegative() ? "调减" : "调增";
  }
  if (before.periodText !== after.periodText || before.content !== after.content) return "调整期限/内容";
  return null;
}

/** Version `number` (default: the latest) against the one before it. */
export async function changesTable(db: PrismaClient, planCode: string, number?: number): Promise<ChangesTable> {
  const to = await findVersion(db, planCode, number);
  if (to.number === 1) throw new AppError("invalid_input", "第 1 版是原规划（基线），没有调整前后对照；请指定第 2 版或以后的版本");
  const from = await findVersion(db, planCode, to.number - 1);
  const plan = await db.plan.findUniqueOrThrow({ where: { id: to.planId } });
  const [beforeRows, afterRows] = await Promise.all([versionAnnexRows(db, from), versionAnnexRows(db, to)]);
  const before = new Map(beforeRows.map((r) => [r.id, r]));
  const after = new Map(afterRows.map((r) => [r.id, r]));
  const version = await db.planVersion.findUniqueOrThrow({ where: { id: to.id }, include: { adjustment: { include: { lines: true } } } });
  const reasons = new Map<number, string[]>();
  for (const l of version.adjustment?.lines ?? []) if (l.projectId) reasons.set(l.projectId, [...(reasons.get(l.projectId) ?? []), l.reason]);

  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const groups = new Map<number, ChangesTable["groups"][number]>();
  for (const id of ids) {
    const b = before.get(id);
    const a = after.get(id);
    const f = figures(b, a);
    const kind = kindOf(b, a, f);
    if (!kind) continue;
    const shown = (a ?? b)!;
    const group = groups.get(shown.domainPosition) ?? { domainPosition: shown.domainPosition, domainName: shown.domainName, lines: [], subtotal: ZERO };
    group.lines.push({
      ...f,
      projectId: id,
      seq: shown.seq,
      name: shown.name,
      kind,
      before: b ? { total: b.total, fyp: b.fyp, periodText: b.periodText } : null,
      after: a ? { total: a.total, fyp: a.fyp, periodText: a.periodText } : null,
      reason: (reasons.get(id) ?? []).join("；"),
    });
    group.subtotal = add(group.subtotal, f);
    groups.set(shown.domainPosition, group);
  }
  const sorted = [...groups.values()].sort((x, y) => x.domainPosition - y.domainPosition);
  for (const g of sorted) g.lines.sort((x, y) => x.seq - y.seq || x.projectId - y.projectId);
  return {
    planCode,
    planName: plan.name,
    title: `${plan.name}重大项目调整前后对照表`,
    from: { number: from.number, label: from.label },
    to: { number: to.number, label: to.label, approvedAt: to.approvedAt },
    groups: sorted,
    total: sorted.reduce((s, g) => add(s, g.subtotal), ZERO),
  };
}
