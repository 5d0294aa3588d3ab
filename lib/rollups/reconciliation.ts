// The published rollup (分类汇总表, as printed) held against the rollup of the
// detail rows. The detail rows are the source of truth; every difference is shown.
import Decimal from "decimal.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readablePlansScope, readsWholePlan, type ReadScope } from "@/lib/auth/scope";
import { notFound } from "@/lib/errors";
import { rollup } from "./rollups";

export type ReconciliationLine = {
  label: string;
  published: { projects: number | null; total: string; fyp: string };
  detail: { projects: number; total: string; fyp: string };
  /** Which figures differ: 项目数, 总投资, “十四五”投资. */
  differences: string[];
};

/** "——" where no amount of the group is a number, else the exact 万元 sum. */
function shown(state: string, wan: string | null): string {
  return state === "VALUE" ? new Decimal(wan!).toFixed() : state === "PENDING" ? "待定" : "——";
}

/**
 * The detail rows against the published rollup; null when there is none to hold
 * them against — no published rollup, or a reader of a plan above its region,
 * whose share of the plan is not what the plan published (lib/auth/scope.ts).
 */
export async function reconcile(db: PrismaClient, planCode: string, scope: ReadScope = null): Promise<ReconciliationLine[] | null> {
  const plan = await db.plan.findFirst({ where: { code: planCode, ...readablePlansScope(scope) }, include: { publishedRollup: { orderBy: { position: "asc" } } } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  if (plan.publishedRollup.length === 0 || !readsWholePlan(scope, plan.regionId)) return null;

  const byDomain = await rollup(db, planCode, "domain", { scope });
  const detailOf = (rows: typeof byDomain) => {
    const projects = rows.reduce((n, r) => n + r.projects, 0);
    const numeric = (pick: "total" | "fyp") => rows.some((r) => r.projects > (pick === "total" ? r.totalPending + r.totalNotApplicable : r.fypPending + r.fypNotApplicable));
    const sum = (pick: "totalWan" | "fypWan") => rows.reduce((s, r) => s.plus(r[pick]), new Decimal(0)).toFixed();
    return { projects, total: numeric("total") ? sum("totalWan") : "——", fyp: numeric("fyp") ? sum("fypWan") : "——" };
  };

  return plan.publishedRollup.map((p) => {
    const rows = p.domainName === null ? byDomain : byDomain.filter((r) => r.key === p.domainName);
    const detail = detailOf(rows);
    const published = { projects: p.projectCount, total: shown(p.totalState, p.totalWan?.toString() ?? null), fyp: shown(p.fypState, p.fypWan?.toString() ?? null) };
    const differences = [
      published.projects !== detail.projects ? "项目数" : null,
      published.total !== detail.total ? "总投资" : null,
      published.fyp !== detail.fyp ? "“十四五”投资" : null,
    ].filter((d): d is string => d !== null);
    return { label: p.label, published, detail, differences };
  });
}
