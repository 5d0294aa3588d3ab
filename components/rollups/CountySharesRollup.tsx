// The rollup by county with the projects split by county (lib/projects/county-shares.ts):
// a server component of its own, shown on the rollups page only once a project is split.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formatWanTextAsYi } from "@/lib/money/amount-view";
import { countyProgressByShare, rollupByCountyWithShares } from "@/lib/projects/county-shares";
import { monthLabel, type YearMonth } from "@/lib/progress/reporting-calendar";

export async function CountySharesRollup({ db, planCode, asOf }: { db: PrismaClient; planCode: string; asOf: YearMonth }) {
  const rows = await rollupByCountyWithShares(db, planCode);
  if (!rows.some((r) => r.splitProjects > 0)) return null;
  const progress = new Map((await countyProgressByShare(db, planCode, asOf)).map((p) => [p.key, p]));
  return (
    <section id="county-shares" data-testid="county-shares-rollup">
      <h2>按区县（含按区县拆分的项目）</h2>
      <p className="muted">已按区县拆分的项目按各区县份额计入各区县（项目数中各计一次），拆分后剩余的金额单列为“已拆分项目未拆分部分”；各行金额之和等于全部项目合计。截至{monthLabel(asOf)}的本年累计、“十四五”累计：单位按项目填报一次，已拆分项目的完成额按各区县占总投资的份额分摊（不是各区县分别填报的数字）。</p>
      <table className="plain">
        <thead>
          <tr>
            <th>区县</th>
            <th className="num">项目数</th>
            <th className="num">其中拆分计入</th>
            <th className="num">总投资（亿元）</th>
            <th className="num">“十四五”投资（亿元）</th>
            <th className="num">本年累计（亿元，按份额分摊）</th>
            <th className="num">“十四五”累计（亿元，按份额分摊）</th>
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
              <td className="num">{formatWanTextAsYi(progress.get(r.key)?.yearToDateWan ?? "0")}</td>
              <td className="num">{formatWanTextAsYi(progress.get(r.key)?.planToDateWan ?? "0")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
