import Link from "next/link";
import { redirect } from "next/navigation";
import { RollupBarChart } from "@/components/rollups/RollupBarChart";
import { orNotFound } from "@/lib/api/page-errors";
import { currentActor } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { formatWanAsYi } from "@/lib/money/amount-view";
import { getPlanWithDomains } from "@/lib/plans/plans";
import { domainByCounty } from "@/lib/rollups/cross-table";
import { rollup, type RollupDimension, type RollupRow } from "@/lib/rollups/rollups";
import Decimal from "decimal.js";

export const dynamic = "force-dynamic";

const SECTIONS: { by: RollupDimension; title: string; filter: string; note?: string }[] = [
  { by: "domain", title: "按领域", filter: "domain" },
  { by: "county", title: "按区县", filter: "county", note: "项目按建设地点归入区县；全市、各功能区、未定和无法识别的单列，不会被略去。" },
  { by: "type", title: "按项目类型", filter: "type" },
  { by: "unit", title: "按实施单位", filter: "unit", note: "一个项目有多个实施单位时，在每个单位下各计一次，因此各行之和大于项目总数；末行为不重复计算的合计。" },
];

const yi = (wan: string) => formatWanAsYi(new Decimal(wan));

export default async function RollupsPage({ params }: { params: Promise<{ code: string }> }) {
  if (!(await currentActor())) redirect("/login");
  const { code } = await params;
  const db = prisma();
  const plan = await orNotFound(getPlanWithDomains(db, decodeURIComponent(code)));
  const results = await Promise.all(SECTIONS.map((s) => rollup(db, plan.code, s.by)));
  const cross = await domainByCounty(db, plan.code);
  const counties = [...new Set(cross.map((c) => c.county))];
  const all = results[0]!;
  const distinct = {
    projects: all.reduce((n, r) => n + r.projects, 0),
    total: all.reduce((s, r) => s.plus(r.totalWan), new Decimal(0)).toFixed(),
    fyp: all.reduce((s, r) => s.plus(r.fypWan), new Decimal(0)).toFixed(),
  };
  const annex = (filter: string, key: string) => `/plans/${plan.code}?${filter}=${encodeURIComponent(key)}`;

  return (
    <>
      <p className="muted">
        <Link href={`/plans/${plan.code}`}>← 重大项目表</Link> · <Link href={`/plans/${plan.code}/reconciliation`}>与公布的分类汇总表核对</Link> ·{" "}
        <Link href={`/plans/${plan.code}/quality`}>数据质量检查</Link>
      </p>
      <h1>{plan.name}：汇总</h1>
      <p className="muted">金额单位：亿元（由数据库按万元精确求和后取一位小数）。待定和不适用的金额不计入合计，个数单独列出。点击任一数字可在重大项目表中查看对应项目。</p>
      {SECTIONS.map((section, i) => (
        <section key={section.by} data-testid={`rollup-${section.by}`}>
          <h2>{section.title}</h2>
          {section.note && <p className="muted">{section.note}</p>}
          {(section.by === "domain" || section.by === "county") && (
            <RollupBarChart data={results[i]!.map((r) => ({ key: r.key, totalYi: yi(r.totalWan), fypYi: yi(r.fypWan) }))} />
          )}
          <RollupTable rows={results[i]!} link={(key) => annex(section.filter, key)} />
          {section.by === "unit" && (
            <p data-testid="unit-distinct-total">
              不重复计算合计：{distinct.projects} 个项目，总投资 {yi(distinct.total)} 亿元，“十四五”投资 {yi(distinct.fyp)} 亿元
            </p>
          )}
        </section>
      ))}
      <section data-testid="rollup-cross">
        <h2>领域 × 区县（项目数 / 总投资亿元）</h2>
        <div style={{ overflowX: "auto" }}>
          <table className="plain compact">
            <thead>
              <tr>
                <th>领域</th>
                {counties.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {plan.domains.map((d) => (
                <tr key={d.id}>
                  <td>{d.name}</td>
                  {counties.map((c) => {
                    const cell = cross.find((x) => x.domain === d.name && x.county === c);
                    return (
                      <td key={c} className="num">
                        {cell ? (
                          <Link href={`/plans/${plan.code}?domain=${encodeURIComponent(d.name)}&county=${encodeURIComponent(c)}`}>
                            {cell.projects} / {yi(cell.totalWan)}
                          </Link>
                        ) : (
                          ""
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function RollupTable({ rows, link }: { rows: RollupRow[]; link: (key: string) => string }) {
  return (
    <table className="plain rollup">
      <thead>
        <tr>
          <th>分组</th>
          <th>项目数</th>
          <th>总投资（亿元）</th>
          <th>“十四五”投资（亿元）</th>
          <th>总投资待定 / 不适用</th>
          <th>“十四五”待定 / 不适用</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>
              <Link href={link(r.key)}>{r.key}</Link>
            </td>
            <td className="num">
              <Link href={link(r.key)}>{r.projects}</Link>
            </td>
            <td className="num">{yi(r.totalWan)}</td>
            <td className="num">{yi(r.fypWan)}</td>
            <td className="num">
              {r.totalPending} / {r.totalNotApplicable}
            </td>
            <td className="num">
              {r.fypPending} / {r.fypNotApplicable}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
