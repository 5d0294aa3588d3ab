import { readScope } from "@/lib/auth/scope";
import Link from "next/link";
import Decimal from "decimal.js";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { prisma } from "@/lib/db/client";
import { formatWanAsYi } from "@/lib/money/amount-view";
import { reconcile } from "@/lib/rollups/reconciliation";

export const dynamic = "force-dynamic";
export const metadata = { title: "核对分类汇总表" };

const yi = (v: string) => (/^\d/.test(v) ? formatWanAsYi(new Decimal(v)) : v);

export default async function ReconciliationPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requirePage("annex.read");
  const { code } = await params;
  const lines = await orNotFound(reconcile(prisma(), decodeURIComponent(code), readScope(actor)));
  const mismatches = lines?.filter((l) => l.differences.length > 0).length ?? 0;
  return (
    <>
      <p className="muted">
        <Link prefetch={false} href={`/plans/${code}/rollups`}>← 汇总</Link>
      </p>
      <h1>分类汇总表核对</h1>
      {!lines ? (
        <p className="muted">
          {actor.region
            ? "本规划没有公布的分类汇总表，或这是上级规划（只列出本地区的项目，不能与全规划公布的汇总表核对）。"
            : "本规划没有公布的分类汇总表（导入含“分类汇总”工作表的 Excel 文件后即可核对）。"}
        </p>
      ) : (
        <>
          <p data-testid="reconciliation-summary" className={mismatches ? "warn-text" : "ok-text"}>
            {mismatches ? `公布的汇总表有 ${mismatches} 行与明细不符。以明细为准，差异如下（金额：亿元）。` : "公布的汇总表与明细一致。"}
          </p>
          <table className="plain" data-testid="reconciliation">
            <thead>
              <tr>
                <th rowSpan={2}>领域</th>
                <th colSpan={3}>公布的汇总表</th>
                <th colSpan={3}>明细合计</th>
                <th rowSpan={2}>不一致</th>
              </tr>
              <tr>
                <th>项目数</th>
                <th>总投资</th>
                <th>“十四五”投资</th>
                <th>项目数</th>
                <th>总投资</th>
                <th>“十四五”投资</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.label} className={l.differences.length ? "mismatch" : ""}>
                  <td className="name">{l.label}</td>
                  <td className="num">{l.published.projects ?? "—"}</td>
                  <td className="num">{yi(l.published.total)}</td>
                  <td className="num">{yi(l.published.fyp)}</td>
                  <td className="num">{l.detail.projects}</td>
                  <td className="num">{yi(l.detail.total)}</td>
                  <td className="num">{yi(l.detail.fyp)}</td>
                  <td>{l.differences.join("、")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
