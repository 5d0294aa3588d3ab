import Link from "next/link";
import { Suspense } from "react";
import { BasisSelect } from "@/components/progress/BasisSelect";
import { MonthSelect } from "@/components/progress/MonthSelect";
import { PrintButton } from "@/components/print/PrintButton";
import { RollupTable } from "@/components/rollups/RollupTable";
import { readScope } from "@/lib/auth/scope";
import { heavyRead } from "@/lib/db/read-replica";
import { formatWanTextAsYi } from "@/lib/money/amount-view";
import { pageParam, requirePage } from "@/lib/pages/require-page";
import { listPlans } from "@/lib/plans/plans";
import { formatRate } from "@/lib/progress/progress-format";
import { monthParamSchema } from "@/lib/progress/progress-input";
import { BASIS_NOTES, basisLine, basisParamSchema, basisQuery } from "@/lib/progress/report-basis";
import { monthKey, monthLabel, type YearMonth } from "@/lib/progress/reporting-calendar";
import { rollupsTogether, type OneRowDimension } from "@/lib/rollups/rollups";

export const dynamic = "force-dynamic";
export const metadata = { title: "全部规划汇总" };

const SECTIONS: { by: Exclude<OneRowDimension, "plan">; title: string; groupLabel: string; note?: string }[] = [
  { by: "county", title: "按区县", groupLabel: "区县", note: "项目按建设地点归入区县；全市、各功能区、未定和无法识别的单列。" },
  { by: "type", title: "按项目类型", groupLabel: "项目类型" },
  { by: "status", title: "按项目状态", groupLabel: "项目状态", note: "按截至所选月份最近一次计入的填报；没有任何填报的项目列为“未报送”。" },
];

const yi = formatWanTextAsYi;

/**
 * Every plan the person may read, together: a row per plan, then the projects of
 * all of them by county, type and status, as of a month — what a DRC that keeps
 * several plans (or a province over its cities') reads first.
 */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ month?: string; basis?: string }> }) {
  const actor = await requirePage("progress.read");
  // Heavy reads: from the read replica when there is one (lib/db/read-replica.ts).
  const { db } = await heavyRead();
  const search = await searchParams;
  const asOf = pageParam(monthParamSchema, search.month ?? null);
  const basis = pageParam(basisParamSchema, search.basis ?? null);
  const b = basisQuery(basis);
  // A regional account: the plans and projects it reads (lib/auth/scope.ts).
  const scope = readScope(actor);
  const options = { asOf, basis, scope };
  // Every table from one reading of the projects' figures (GROUPING SETS), begun now: the page's
  // shell goes out at once and its figures follow when that reading is done (streamed, Suspense),
  // so that the browser loads and hydrates the page meanwhile.
  const together = rollupsTogether(db, null, ["plan", ...SECTIONS.map((s) => s.by)], options);
  together.catch(() => undefined);
  const plans = await listPlans(db, scope);
  const codeOf = new Map(plans.map((p) => [p.name, p.code]));
  const startYear = Math.min(...plans.map((p) => p.startYear), asOf.year);
  return (
    <>
      <h1>全部规划：汇总</h1>
      <p className="muted" data-testid="basis-line">
        {basisLine(basis)}
        {BASIS_NOTES[basis]} 金额单位：亿元（由数据库按万元精确求和后取一位小数）；进度截至{monthLabel(asOf)}。
      </p>
      <div className="toolbar">
        <Suspense>
          <MonthSelect label="进度截至" value={asOf} startYear={startYear} />
          <BasisSelect value={basis} />
        </Suspense>
        <PrintButton />
      </div>
      {/* One boundary for the summary line and every table: the browser reveals streamed boundaries
          in batches at least 300 ms apart, so two would make the tables wait on the summary. */}
      <Suspense fallback={<p className="muted">正在计算…</p>}>
        <Summary together={together} plans={plans.length} asOf={asOf} />
        <Tables together={together} link={(name) => `/plans/${codeOf.get(name) ?? ""}/dashboard?month=${monthKey(asOf)}${b}`} />
      </Suspense>
      <p className="muted">
        各规划的明细、排名和领域 × 区县表见各规划的 <Link prefetch={false} href="/">汇总页</Link>。
      </p>
    </>
  );
}

type Together = ReturnType<typeof rollupsTogether<"plan" | (typeof SECTIONS)[number]["by"]>>;

async function Summary({ together, plans, asOf }: { together: Together; plans: number; asOf: YearMonth }) {
  const { total } = await together;
  const p = total.progress;
  return (
    <p className="muted">
      {plans} 个规划 · {total.projects} 个重大项目 · 总投资 {yi(total.totalWan)} 亿元 · “十四五”投资 {yi(total.fypWan)} 亿元
      {p && (
        <>
          {" "}
          · {asOf.year} 年度计划 {yi(p.annualPlanWan)} 亿元 · 1–{asOf.month} 月累计完成 {yi(p.yearToDateWan)} 亿元（完成率 {formatRate(p.annualRate)}）
        </>
      )}
    </p>
  );
}

async function Tables({ together, link }: { together: Together; link: (planName: string) => string }) {
  const { rows: by, total } = await together;
  return (
    <>
      <section id="overview-plan" data-testid="overview-by-plan">
        <h2>按规划</h2>
        <RollupTable rows={by.plan} total={total} groupLabel="规划" link={link} />
      </section>
      {SECTIONS.map((section) => (
        <section key={section.by} id={`overview-${section.by}`} data-testid={`overview-by-${section.by}`}>
          <h2>{section.title}</h2>
          {section.note && <p className="muted">{section.note}</p>}
          <RollupTable rows={by[section.by]} total={total} groupLabel={section.groupLabel} />
        </section>
      ))}
    </>
  );
}
