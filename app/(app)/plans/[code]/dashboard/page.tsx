import { readScope } from "@/lib/auth/scope";
import Decimal from "decimal.js";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { PrintButton } from "@/components/print/PrintButton";
import { PlanProgressChart } from "@/components/progress/PlanProgressChart";
import { MonthSelect } from "@/components/progress/MonthSelect";
import { BasisSelect } from "@/components/progress/BasisSelect";
import { BASIS_NOTES, basisLine, basisParamSchema, basisQuery } from "@/lib/progress/report-basis";
import { versionInForce, versionLine } from "@/lib/versions/in-force";
import { RollupBarChart } from "@/components/rollups/RollupBarChart";
import { RollupTable } from "@/components/rollups/RollupTable";
import { orNotFound, pageParam, requirePage } from "@/lib/pages/require-page";
import { heavyRead } from "@/lib/db/read-replica";
import { formatWanTextAsYi } from "@/lib/money/amount-view";
import { getPlanWithDomains } from "@/lib/plans/plans";
import { planHeadline, planProgressByMonth, type PlanHeadline, type PlanMonthPoint } from "@/lib/progress/plan-progress";
import { formatLag, formatRate, formatWanText, NOT_STARTED_LABEL } from "@/lib/progress/progress-format";
import { monthParamSchema } from "@/lib/progress/progress-input";
import { monthKey, monthLabel, type YearMonth } from "@/lib/progress/reporting-calendar";
import { lateReporters, type LateReporters as LateReportersFigures } from "@/lib/progress/reporting-months";
import { rollupsTogether, type RollupRow } from "@/lib/rollups/rollups";
import { ShowAllRows } from "@/components/tables/ShowAllRows";
import { collapsedRows, openedTables, openTableHref } from "@/lib/pages/long-tables";

export const dynamic = "force-dynamic";
export const metadata = { title: "概览" };

const yi = formatWanTextAsYi;

/** 概览: the plan's home for the DRC — headline figures, charts, projects behind schedule, late reporters. */
export default async function DashboardPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ month?: string; basis?: string; all?: string }> }) {
  const actor = await requirePage("progress.read");
  const { code } = await params;
  // Heavy reads: from the read replica when there is one (lib/db/read-replica.ts).
  const { db } = await heavyRead();
  const scope = readScope(actor);
  const plan = await orNotFound(getPlanWithDomains(db, decodeURIComponent(code), scope));
  const search = await searchParams;
  const asOf = pageParam(monthParamSchema, search.month ?? null);
  // Whose figures: 已审核 unless ?basis=submitted asks for the submitted ones too.
  const basis = pageParam(basisParamSchema, search.basis ?? null);
  const b = basisQuery(basis);
  // The grid with the month's progress columns: where every figure here drills down to.
  const grid = `/plans/${plan.code}?progress=${monthKey(asOf)}${b}`;
  // The month's figures use the version of the plan in force for it (lib/versions/in-force.ts).
  const version = await versionInForce(db, plan.id, asOf);
  const versions = version ? [version] : [];
  // Every section's reading starts now, all together; the page's shell goes out at once and its
  // figures follow when they are in (streamed, Suspense), so the browser loads and hydrates the
  // shell while the readings run, and the server renders each section as its reading comes in.
  const headline = started(planHeadline(db, plan.id, asOf, { basis, scope, versions }));
  const months = started(planProgressByMonth(db, plan.id, asOf.year, { basis, scope }));
  // Both tables and their 合计 from one reading of the projects' figures.
  const together = started(rollupsTogether(db, plan.code, ["domain", "county"], { asOf, basis, scope, versions }));
  const late = started(lateReporters(db, actor, plan.code, asOf));
  const gridWith = (param: string, value: string) => `${grid}&${param}=${encodeURIComponent(value)}`;
  const showAllHref = openTableHref(`/plans/${plan.code}/dashboard`, { month: search.month, basis: search.basis, all: search.all }, "late-reporters");
  const lateOpened = openedTables(search.all).has("late-reporters");
  return (
    <>
      <h1>{plan.name}：概览</h1>
      <div className="toolbar">
        <Suspense>
          <MonthSelect label="截至" value={asOf} startYear={plan.startYear} />
          <BasisSelect value={basis} />
        </Suspense>
        <Link prefetch={false} className="button" href={grid}>
          重大项目表（含进度）
        </Link>
        <Link prefetch={false} className="button" href={`/plans/${plan.code}/rollups?month=${monthKey(asOf)}${b}`}>
          汇总与排名
        </Link>
        <Link prefetch={false} className="button" href={`/plans/${plan.code}/bulletin?month=${monthKey(asOf)}${b}`}>
          月度通报
        </Link>
        <Link prefetch={false} className="button" href={`/plans/${plan.code}/progress?month=${monthKey(asOf)}`}>
          进度填报
        </Link>
        <PrintButton />
      </div>
      <p className="muted" data-testid="basis-line">
        {basisLine(basis)}
        {BASIS_NOTES[basis]}
      </p>
      <p className="muted" data-testid="version-line">
        项目及投资{versionLine(version)}
      </p>
      {/* One boundary for every figure: the browser reveals streamed boundaries in batches at least
          300 ms apart, so sections arriving one by one would each wait on the one before. The
          sections still render one by one on the server, each as its own reading comes in. */}
      <Suspense fallback={<Pending />}>
        <Headline headline={headline} asOf={asOf} grid={grid} gridWith={gridWith} />

        <h2>{asOf.year} 年逐月完成投资</h2>
        <MonthCurve months={months} lastMonth={asOf.month} />

        <ByDomainAndCounty together={together} grid={grid} gridWith={gridWith} />

        <div className="two-columns">
          <BehindSchedule headline={headline} asOf={asOf} gridWith={gridWith} />
          <LateReporters late={late} asOf={asOf} planCode={plan.code} opened={lateOpened} showAllHref={showAllHref} />
        </div>
      </Suspense>
    </>
  );
}

/** A reading begun before the section that awaits it renders: marked handled, so that a failure is the section's error, not an unhandled rejection. */
function started<T>(reading: Promise<T>): Promise<T> {
  reading.catch(() => undefined);
  return reading;
}

function Pending() {
  return <p className="muted">正在计算…</p>;
}

type GridWith = (param: string, value: string) => string;

async function Headline({ headline, asOf, grid, gridWith }: { headline: Promise<PlanHeadline>; asOf: YearMonth; grid: string; gridWith: GridWith }) {
  const head = await headline;
  const stats: [string, ReactNode, ReactNode?][] = [
    ["重大项目", <Link prefetch={false} key="p" href={grid}>{`${head.projects} 个`}</Link>],
    ["总投资", `${yi(head.totalWan)} 亿元`],
    ["“十四五”投资", `${yi(head.fypWan)} 亿元`],
    [`${asOf.year} 年度计划`, `${yi(head.annualPlanWan)} 亿元`],
    [`1–${asOf.month} 月累计完成`, `${yi(head.yearToDateWan)} 亿元`],
    ["年度计划完成率", formatRate(head.annualRate), `序时进度 ${formatRate(new Decimal(asOf.month).dividedBy(12).toFixed(6))}`],
    ["“十四五”累计完成", `${yi(head.planToDateWan)} 亿元`],
    [
      "红 / 黄 / 绿灯",
      <span key="l">
        <Link prefetch={false} href={gridWith("light", "红灯")}>{head.red}</Link> / <Link prefetch={false} href={gridWith("light", "黄灯")}>{head.yellow}</Link> /{" "}
        <Link prefetch={false} href={gridWith("light", "绿灯")}>{head.green}</Link>
      </span>,
      <Link prefetch={false} key="n" href={gridWith("status", NOT_STARTED_LABEL)}>{`应开工未开工 ${head.notStarted} 个`}</Link>,
    ],
  ];
  return (
    <div className="stat-row" data-testid="headline">
      {stats.map(([label, value, note]) => (
        <div className="stat" key={label}>
          <span>{label}</span>
          <strong>{value}</strong>
          {note && <span>{note}</span>}
        </div>
      ))}
    </div>
  );
}

async function MonthCurve({ months, lastMonth }: { months: Promise<PlanMonthPoint[]>; lastMonth: number }) {
  return <PlanProgressChart points={await months} lastMonth={lastMonth} />;
}

async function ByDomainAndCounty({ together, grid, gridWith }: { together: Promise<{ rows: Record<"domain" | "county", RollupRow[]>; total: RollupRow }>; grid: string; gridWith: GridWith }) {
  const {
    rows: { domain: byDomain, county: byCounty },
    total,
  } = await together;
  return (
    <div className="two-columns">
      <section data-testid="dashboard-by-domain">
        <h2>按领域（亿元）</h2>
        <RollupBarChart data={byDomain.map((r) => ({ key: r.key, totalYi: yi(r.totalWan), fypYi: yi(r.fypWan) }))} height={300} drill={{ href: grid, param: "domain" }} />
        <RollupTable rows={byDomain} total={total} compact groupLabel="领域" testId="dashboard-domain-table" link={(key) => gridWith("domain", key)} />
      </section>
      <section data-testid="dashboard-by-county">
        <h2>按区县（亿元）</h2>
        <RollupBarChart data={byCounty.map((r) => ({ key: r.key, totalYi: yi(r.totalWan), fypYi: yi(r.fypWan) }))} height={300} drill={{ href: grid, param: "county" }} />
        <RollupTable rows={byCounty} total={total} compact groupLabel="区县" testId="dashboard-county-table" link={(key) => gridWith("county", key)} />
      </section>
    </div>
  );
}

async function BehindSchedule({ headline, asOf, gridWith }: { headline: Promise<PlanHeadline>; asOf: YearMonth; gridWith: GridWith }) {
  const head = await headline;
  // The red projects' 合计, when the list holds them all: the two sums and their gap to 序时进度.
  const behindAll = head.behind.length === head.red;
  const behindPlan = head.behind.reduce((s, b) => s.plus(b.annualPlanWan), new Decimal(0));
  const behindDone = head.behind.reduce((s, b) => s.plus(b.yearToDateWan), new Decimal(0));
  const behindLag = behindPlan.isZero() ? null : new Decimal(asOf.month).dividedBy(12).minus(behindDone.dividedBy(behindPlan)).times(100).toFixed(4);
  return (
    <section data-testid="behind-schedule">
      <h2>
        滞后项目（红灯，<Link prefetch={false} href={gridWith("light", "红灯")}>{head.red} 个</Link>）
      </h2>
      {head.behind.length === 0 ? (
        <p className="muted">没有红灯项目。</p>
      ) : (
        <>
          {!behindAll && <p className="muted">落后最多的 {head.behind.length} 个；全部见重大项目表。</p>}
          <table className="plain">
            <thead>
              <tr>
                <th className="num">序号</th>
                <th>项目</th>
                <th className="num">年度计划（万元）</th>
                <th className="num">本年累计（万元）</th>
                <th className="num">序时进度</th>
              </tr>
            </thead>
            <tbody>
              {head.behind.map((b) => (
                <tr key={b.projectId}>
                  <td className="num">{b.seq}</td>
                  <td className="name">
                    <Link prefetch={false} href={`/projects/${b.projectId}`}>{b.name}</Link>
                  </td>
                  <td className="num">{formatWanText(b.annualPlanWan)}</td>
                  <td className="num">{formatWanText(b.yearToDateWan)}</td>
                  <td className="num">{formatLag(b.lagPoints)}</td>
                </tr>
              ))}
            </tbody>
            {behindAll && (
              <tfoot>
                <tr className="total-row" data-testid="total-row">
                  <td colSpan={2}>合计（{head.behind.length} 个）</td>
                  <td className="num">{formatWanText(behindPlan.toFixed())}</td>
                  <td className="num">{formatWanText(behindDone.toFixed())}</td>
                  <td className="num">{formatLag(behindLag)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </>
      )}
    </section>
  );
}

async function LateReporters({ late, asOf, planCode, opened, showAllHref }: { late: Promise<LateReportersFigures>; asOf: YearMonth; planCode: string; opened: boolean; showAllHref: string }) {
  const status = await late;
  const lateUnits = status.units;
  // A province's plan can have a thousand late units: the latest first, the rest on 展开全部 (?all=late-reporters).
  const lateShown = collapsedRows(lateUnits, opened);
  // The late units' 合计: each project once, though a project of several units is late for each.
  const lateTotal = status.total;
  return (
    <section id="late-reporters" data-testid="late-reporters">
      <h2>
        {monthLabel(asOf)}逾期未报单位（截止 {status.deadline}
        {status.deadlinePassed ? "" : "，未到"}）
      </h2>
      {lateUnits.length === 0 ? (
        <p className="muted">{status.deadlinePassed ? "没有逾期的单位。" : "截止日期未到。"}</p>
      ) : (
        <table className="plain">
          <thead>
            <tr>
              <th>实施单位</th>
              <th className="num">应报</th>
              <th className="num">逾期</th>
              <th className="num">未报送</th>
            </tr>
          </thead>
          <tbody>
            {lateShown.shown.map(({ row: u }) => (
              <tr key={u.unitId}>
                <td>
                  <Link prefetch={false} href={`/plans/${planCode}/progress?month=${monthKey(asOf)}&unit=${u.unitId}`}>{u.unitName}</Link>
                </td>
                <td className="num">{u.required}</td>
                <td className="num">{u.late}</td>
                <td className="num">{u.notSubmitted}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="total-row" data-testid="total-row">
              <td>合计（不重复计算）</td>
              <td className="num">{lateTotal.required}</td>
              <td className="num">{lateTotal.late}</td>
              <td className="num">{lateTotal.notSubmitted}</td>
            </tr>
          </tfoot>
        </table>
      )}
      <ShowAllRows hidden={lateShown.hidden} total={lateUnits.length} noun="逾期单位" href={showAllHref} testId="late-reporters-show-all" />
    </section>
  );
}
