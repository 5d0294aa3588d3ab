// A project's split by county never exceeds the project: setCountyShares checks
// the rows against the amounts, and this checks the amounts against the rows
// when the amounts change (an edit, an accepted change request, a 中期调整's
// 调整投资). Without it a lowered amount would leave a negative 未拆分 in the
// rollups, and a version could not freeze the split (lib/versions/version-shares.ts).
// Kept apart from county-shares.ts, which imports apply-changes.ts.
import Decimal from "decimal.js";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DbAmount } from "@/lib/money/amount";

const LABELS = { total: "总投资", fyp: "“十四五”投资" } as const;
const wanText = (d: Decimal) => d.toFixed();

/** Why the project's current split does not fit these amounts (empty when it does, or there is none). */
export async function sharesOverAmounts(tx: Prisma.TransactionClient, projectId: number, amounts: { total?: DbAmount; fyp?: DbAmount }): Promise<string[]> {
  const shares = await tx.projectCountyShare.findMany({ where: { projectId }, select: { totalWan: true, fypWan: true } });
  if (!shares.length) return [];
  const problems: string[] = [];
  for (const pick of ["total", "fyp"] as const) {
    const amount = amounts[pick];
    if (!amount) continue;
    const sum = shares.reduce((s, r) => s.plus((pick === "total" ? r.totalWan : r.fypWan).toString()), new Decimal(0));
    if (sum.isZero()) continue;
    if (amount.state !== "VALUE") {
      problems.push(`项目已按区县拆分${LABELS[pick]}（合计 ${wanText(sum)} 万元），不能改为${amount.state === "PENDING" ? "待定" : "不适用"}，请先修改按区县拆分`);
    } else if (sum.greaterThan(amount.wan!)) {
      problems.push(`项目已按区县拆分的各区县${LABELS[pick]}合计 ${wanText(sum)} 万元，超过修改后的${LABELS[pick]} ${wanText(new Decimal(amount.wan!))} 万元，请先修改按区县拆分`);
    }
  }
  return problems;
}
