// The rollup by county with the projects split by county (lib/projects/county-shares.ts):
// a server component of its own, shown on the rollups page only once a project is split.
// As of a version it reads the version's rows and the shares it froze, without progress
// (progress belongs to months, not versions).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formatWanTextAsYi } from "@/lib/money/amount-view";
import { countyProgressByShare, rollupByCountyWithShares } from "@/lib/projects/county-shares";
import { monthLabel, type YearMonth } from "@/lib/progress/reporting-calendar";
import type { VersionRef } from "@/lib/versions/plan-versions";

export async function CountySharesRollup({
  db,
  planCode,
  asOf,
  version,
}: {
  db: PrismaClient;
  planCode: string;
  asOf: YearMonth;
  /** As of this version; sharesBackfilled: its shares were copied from the register when versions began to freeze them. */
  version?: { ref: VersionRef; sharesBackfilled: boolean };
}) {
  const rows = await rollupByCountyWithShares(db, planCode, { version: version?.ref });
  if (!rows.some((r) => r.splitProjects > 0)) {
    return version ? (
      <p className="muted" data-testid="version-shares-note">
        第 {version.ref.number} 版没有按区县拆分的项目。
      </p>
    ) : null;
  }
  const progress = version ? null : new Map((await countyProgressByShare(db, planCode, asOf)).map((p) => [p.key, p]));
  return (
    <section id="county-shares" data-testid="county-shares-rollup">
      <h2>按区县（含按区县拆分的项目）</h2>
      <p className="muted">
        已按区县拆分的项目按各区县份额计入各区县（项目数中各计一次），拆分后剩余的金额单列为“已拆分项目未拆分部分”；各行金额之和等于全部项目合计。
        {version ? (
          <span data-testid="version-shares-note">
            按第 {version.ref.number} 版批准时的拆分计算，之后对拆分的修改不影响本版。
            {version.sharesBackfilled && "本版早于按版本冻结拆分的功能：其拆分是该功能上线时的现行拆分（此前的拆分未有记录），超出本版金额的拆分未计入。"}
          </span>
        ) : (
          `截至${monthLabel(asOf)}的本年累计、“十四五”累计：单位按项目填报一次，已拆分项目的完成额按各区县占总投资的份额分摊（不是各区县分别填报的数字）。`
        )}
      </p>
      <table className="plain">
        <thead>
          <tr>
            <th>区县</th>
            <th className="num">项目数</th>
            <th className="num">其中拆分计入</th>
            <th className="num">总投资（亿元）</th>
            <th className="num">“十四五”投资（亿元）</th>
            {progress && (
              <>
                <th className="num">本年累计（亿元，按份额分摊）</th>
                <th className="num">“十四五”累计（亿元，按份额分摊）</th>
              </>
            )}
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
              {progress && (
                <>
                  <td className="num">{formatWanTextAsYi(progress.get(r.key)?.yearToDateWan ?? "0")}</td>
                  <td className="num">{formatWanTextAsYi(progress.get(r.key)?.planToDateWan ?? "0")}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
