import Link from "next/link";
import { formatWanTextAsYi } from "@/lib/money/amount-view";
import { prisma } from "@/lib/db/client";
import { domainLabel } from "@/lib/export/annex-table";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { formatDateTime } from "@/lib/time/time-zone";
import { idParam } from "@/lib/validation/ids";
import { changesTable, type ChangeFigures, type ChangesTable } from "@/lib/versions/changes";
import { findVersion, listVersions, versionRollup } from "@/lib/versions/plan-versions";
import { rollupByCountyWithShares } from "@/lib/projects/county-shares";
import { readScope } from "@/lib/auth/scope";

/** 亿元 with two decimals: a change of a few 万元 shows. */
const yi = (wan: string) => formatWanTextAsYi(wan, 2);

function RollupTable({ title, rows }: { title: string; rows: { key: string; projects: number; totalWan: string; fypWan: string }[] }) {
  return (
    <>
      <h2>{title}</h2>
      <table className="plain">
        <thead>
          <tr>
            <th />
            <th className="num">项目数</th>
            <th className="num">总投资（亿元）</th>
            <th className="num">“十四五”投资（亿元）</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.key}</td>
              <td className="num">{r.projects}</td>
              <td className="num">{yi(r.totalWan)}</td>
              <td className="num">{yi(r.fypWan)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export const dynamic = "force-dynamic";
export const metadata = { title: "规划版本" };

function Figures({ f }: { f: ChangeFigures }) {
  return (
    <>
      <td className="num">{yi(f.totalBefore)}</td>
      <td className="num">{yi(f.totalAfter)}</td>
      <td className="num">{yi(f.totalDelta)}</td>
      <td className="num">{yi(f.fypBefore)}</td>
      <td className="num">{yi(f.fypAfter)}</td>
      <td className="num">{yi(f.fypDelta)}</td>
    </>
  );
}

/** A version: its rollups by domain and county and, after the baseline, its 调整前后对照表 (version N against N − 1, per project, per-domain subtotals and the 合计). */
export default async function VersionPage({ params }: { params: Promise<{ code: string; number: string }> }) {
  const actor = await requirePage("annex.read");
  const { code, number } = await params;
  const planCode = decodeURIComponent(code);
  const version = await orNotFound(Promise.resolve().then(() => findVersion(prisma(), planCode, idParam(number, "版本"), readScope(actor))));
  const [byDomain, byCounty, withShares, summaries] = await Promise.all([
    versionRollup(prisma(), version, "domain"),
    versionRollup(prisma(), version, "county"),
    rollupByCountyWithShares(prisma(), planCode, { version }),
    listVersions(prisma(), planCode, readScope(actor)),
  ]);
  const backfilled = summaries.find((v) => v.number === version.number)?.sharesBackfilled ?? false;
  const table = version.number > 1 ? await changesTable(prisma(), planCode, version.number) : null;
  return (
    <>
      <p className="muted">
        <Link prefetch={false} href={`/plans/${encodeURIComponent(planCode)}/versions`}>← 版本与中期调整</Link>
      </p>
      {table ? <ChangesSection planCode={planCode} table={table} /> : <h1>第 1 版：{version.label}</h1>}
      <RollupTable title={`第 ${version.number} 版按领域汇总`} rows={byDomain} />
      <RollupTable title={`第 ${version.number} 版按区县汇总`} rows={byCounty} />
      {withShares.some((r) => r.splitProjects > 0) && (
        <section data-testid="version-county-shares">
          <RollupTable title={`第 ${version.number} 版按区县汇总（含按区县拆分的项目）`} rows={withShares} />
          <p className="muted">
            已拆分的项目按本版批准时的各区县份额计入各区县，剩余金额单列为“已拆分项目未拆分部分”，各行之和等于本版合计；之后对拆分的修改不影响本版。
            {backfilled && "本版早于按版本冻结拆分的功能：其拆分是该功能上线时的现行拆分（此前的拆分未有记录），超出本版金额的拆分未计入。"}
          </p>
        </section>
      )}
    </>
  );
}

function ChangesSection({ planCode, table }: { planCode: string; table: ChangesTable }) {
  const exportHref = (format: string) => `/api/plans/${encodeURIComponent(planCode)}/export?format=${format}&table=changes&version=${table.to.number}`;
  return (
    <>
      <h1>调整前后对照表</h1>
      <p>
        第 {table.from.number} 版（{table.from.label}）→ 第 {table.to.number} 版（{table.to.label}，{formatDateTime(table.to.approvedAt)} 生效）。导出：
        <a href={exportHref("xlsx")}>xlsx</a> · <a href={exportHref("docx")}>docx</a> · <a href={exportHref("pdf")}>pdf</a>
      </p>
      <table className="plain" data-testid="changes-table">
        <thead>
          <tr>
            <th>序号</th>
            <th>项目名称</th>
            <th>调整类型</th>
            <th className="num">调整前总投资（亿元）</th>
            <th className="num">调整后总投资（亿元）</th>
            <th className="num">增减</th>
            <th className="num">调整前“十四五”（亿元）</th>
            <th className="num">调整后“十四五”（亿元）</th>
            <th className="num">增减</th>
            <th>理由</th>
          </tr>
        </thead>
        <tbody>
          <tr className="total">
            <th colSpan={3}>合计</th>
            <Figures f={table.total} />
            <td />
          </tr>
          {table.groups.flatMap((g) => [
            <tr key={`g${g.domainPosition}`}>
              <th colSpan={10} style={{ textAlign: "left" }}>
                {domainLabel(g.domainPosition, g.domainName)}
              </th>
            </tr>,
            ...g.lines.map((l) => (
              <tr key={l.projectId}>
                <td>{l.seq}</td>
                <td>{l.name}</td>
                <td>{l.kind}</td>
                <Figures f={l} />
                <td>{l.reason}</td>
              </tr>
            )),
            <tr key={`s${g.domainPosition}`} className="total">
              <th colSpan={3}>小计</th>
              <Figures f={g.subtotal} />
              <td />
            </tr>,
          ])}
        </tbody>
      </table>
      <p className="muted">金额按数字金额相加（待定、不适用不计）；增减 = 调整后 − 调整前，即两个版本项目表之差。页面以亿元显示，导出文件为万元精确值。</p>
    </>
  );
}
