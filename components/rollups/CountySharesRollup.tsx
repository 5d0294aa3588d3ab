// The rollup by county with the projects split by county (lib/projects/county-shares.ts):
// a server component of its own, shown on the rollups page only once a project is split.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formatWanTextAsYi } from "@/lib/money/amount-view";
import { rollupByCountyWithShares } from "@/lib/projects/county-shares";

export async function CountySharesRollup({ db, planCode }: { db: PrismaClient; planCode: string }) {
  const rows = await rollupByCountyWithShares(db, planCode);
  if (!rows.some((r) => r.splitProjects > 0)) return null;
  return (
    <section id="county-shares" data-testid="county-shares-rollup">
      <h2>按区县（含按区县拆分的项目）</h2>
      <p className="muted">已按区县拆分的项目按各区县份额计入各区县（项目数中各计一次），拆分后剩余的金额单列为“已拆分项目未拆分部分”；各行金额之和等于全部项目合计。</p>
      <table className="plain">
        <thead>
          <tr>
            <th>区县</th>
            <th className="num">项目数</th>
            <th className="num">其中拆分计入</th>
            <th className="num">总投资（亿元）</th>
            <th className="num">“十四五”投资（亿元）</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.key}</td>
              <td className="num">{r.projects}</td>
              <td className="num">{r.splitProjects}</td>
              <td className="num">{formatWanTextAsYi(r.totalWan)}</td>
              <td className="num">{formatWanTextAsYi(r.fypWan)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
