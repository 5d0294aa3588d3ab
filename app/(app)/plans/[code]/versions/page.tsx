import Link from "next/link";
import { NewAdjustmentForm } from "@/components/versions/NewAdjustmentForm";
import { formatWanTextAsYi } from "@/lib/money/amount-view";
import { can } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { formatDateTime } from "@/lib/time/time-zone";
import { listAdjustments } from "@/lib/versions/adjustments";
import { readScope } from "@/lib/auth/scope";
import { listVersions } from "@/lib/versions/plan-versions";

/** 亿元 with two decimals: a change of a few 万元 shows. */
const yi = (wan: string) => formatWanTextAsYi(wan, 2);

export const dynamic = "force-dynamic";
export const metadata = { title: "版本与中期调整" };

/** The plan's versions (the baseline and each approved 中期调整) with their totals, and the adjustments in preparation. */
export default async function VersionsPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requirePage("annex.read");
  const { code } = await params;
  const planCode = decodeURIComponent(code);
  const [versions, adjustments] = await orNotFound(Promise.all([listVersions(prisma(), planCode, readScope(actor)), listAdjustments(prisma(), planCode, readScope(actor))]));
  const base = `/plans/${encodeURIComponent(planCode)}`;
  const exportHref = (query: string) => `/api/plans/${encodeURIComponent(planCode)}/export?${query}`;
  return (
    <>
      <h1>版本与中期调整</h1>
      <p className="muted">
        第 1 版是导入时的原规划（基线），冻结不变；之后对项目的编辑只改变现行数据。每次批准的中期调整生成新的版本。各版本的导出文件任何时候导出都完全相同。
      </p>
      <table className="plain" data-testid="versions">
        <thead>
          <tr>
            <th>版本</th>
            <th>名称</th>
            <th>生效时间</th>
            <th>批准人</th>
            <th className="num">项目数</th>
            <th className="num">总投资（亿元）</th>
            <th className="num">“十四五”投资（亿元）</th>
            <th>导出</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.number}>
              <td>第 {v.number} 版</td>
              <td>
                <Link prefetch={false} href={`${base}/versions/${v.number}`}>{v.label}</Link>
                {v.splitProjects > 0 && <span className="muted">（{v.splitProjects} 个项目按区县拆分）</span>}
                {v.sharesBackfilled && (
                  <span className="muted" data-testid="shares-backfilled">
                    （早于按版本冻结区县拆分：其拆分为该功能上线时的现行拆分）
                  </span>
                )}
              </td>
              <td>{formatDateTime(v.approvedAt)}</td>
              <td>{v.approvedBy}</td>
              <td className="num">{v.projects}</td>
              <td className="num">
                {yi(v.totalWan)}
                {v.totalNotNumbers > 0 && <span className="muted">（另有 {v.totalNotNumbers} 项待定/不适用）</span>}
              </td>
              <td className="num">{yi(v.fypWan)}</td>
              <td>
                <a href={exportHref(`format=xlsx&table=annex&version=${v.number}`)}>项目表 xlsx</a> · <a href={exportHref(`format=docx&table=annex&version=${v.number}`)}>docx</a> ·{" "}
                <a href={exportHref(`format=pdf&table=annex&version=${v.number}`)}>pdf</a> · <a href={exportHref(`format=xlsx&table=summary&version=${v.number}`)}>分类汇总 xlsx</a>
                {v.number > 1 && (
                  <>
                    {" "}
                    · <a href={exportHref(`format=xlsx&table=changes&version=${v.number}`)}>调整前后对照表 xlsx</a>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>中期调整</h2>
      {adjustments.length === 0 ? (
        <p className="muted">还没有中期调整。</p>
      ) : (
        <table className="plain" data-testid="adjustments">
          <thead>
            <tr>
              <th>编号</th>
              <th>名称</th>
              <th>状态</th>
              <th>编制人</th>
              <th className="num">调整行</th>
              <th>生成版本</th>
            </tr>
          </thead>
          <tbody>
            {adjustments.map((a) => (
              <tr key={a.id}>
                <td>#{a.id}</td>
                <td>
                  <Link prefetch={false} href={`${base}/adjustments/${a.id}`}>{a.title}</Link>
                </td>
                <td>{a.stateLabel}</td>
                <td>{a.preparedBy}</td>
                <td className="num">{a.lines}</td>
                <td>{a.resultVersion ? `第 ${a.resultVersion} 版` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(actor, "plan-adjustment.prepare") && <NewAdjustmentForm planCode={planCode} />}
    </>
  );
}
