import { readScope, readsWholePlan } from "@/lib/auth/scope";
import Decimal from "decimal.js";
import Link from "next/link";
import { Fragment, Suspense } from "react";
import { MonthSelect } from "@/components/progress/MonthSelect";
import { BasisSelect } from "@/components/progress/BasisSelect";
import { BASIS_NOTES, basisLine, basisParamSchema, basisQuery } from "@/lib/progress/report-basis";
import { versionInForce, versionLine } from "@/lib/versions/in-force";
import { PrintButton } from "@/components/print/PrintButton";
import { CountyDrillDown } from "@/components/rollups/CountyDrillDown";
import { RollupBarChart } from "@/components/rollups/RollupBarChart";
import { CountySharesRollup } from "@/components/rollups/CountySharesRollup";
import { RollupTable } from "@/components/rollups/RollupTable";
import { orNotFound, pageParam, requirePage } from "@/lib/pages/require-page";
import { can } from "@/lib/auth/actor";
import { heavyRead } from "@/lib/db/read-replica";
import { formatWanTextAsYi } from "@/lib/money/amount-view";
import { getPlanWithDomains } from "@/lib/plans/plans";
import { formatLag, formatRate, NOT_STARTED_LABEL } from "@/lib/progress/progress-format";
import { monthParamSchema } from "@/lib/progress/progress-input";
import { monthKey, monthLabel, type YearMonth } from "@/lib/progress/reporting-calendar";
import { regionOptionsForPlan } from "@/lib/regions/region-options";
import { domainByCounty } from "@/lib/rollups/cross-table";
import { rollup, rollupsTogether, type RollupDimension, type RollupRow } from "@/lib/rollups/rollups";
import { LEVEL_LABELS, LEVELS, levelSummary, planLevels } from "@/lib/rollups/levels";
import { SearchParamSelect } from "@/components/progress/SearchParamSelect";
import { ShowAllRows } from "@/components/tables/ShowAllRows";
import { collapsedRows, openedTables, openTableHref } from "@/lib/pages/long-tables";
import { z } from "@/lib/validation/zod";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { findVersion, listVersions, type VersionRef } from "@/lib/versions/plan-versions";
import { formatDateTime } from "@/lib/time/time-zone";

export const dynamic = "force-dynamic";
export const metadata = { title: "汇总" };

const SECTIONS: { by: RollupDimension; title: string; filter: string; note?: string; liveNote?: string }[] = [
  { by: "domain", title: "按领域", filter: "domain" },
  { by: "county", title: "按区县", filter: "county", note: "项目按建设地点归入区县；全市、各功能区、未定和无法识别的单列，不会被略去。", liveNote: "归入依据和改正见页末“区县归属明细”。" },
  { by: "type", title: "按项目类型", filter: "type" },
  { by: "unit", title: "按实施单位", filter: "unit", note: "一个项目有多个实施单位时，在每个单位下各计一次，因此各行之和大于项目总数；末行为不重复计算的合计。" },
  { by: "status", title: "按项目状态", filter: "status", note: "按截至所选月份最近一次计入的填报；没有任何填报的项目列为“未报送”。" },
];

const yi = formatWanTextAsYi;
const GROUP_LABELS: Record<RollupDimension, string> = { domain: "领域", county: "区县", type: "项目类型", unit: "实施单位", status: "项目状态" };

const levelsParamSchema = z.enum(LEVELS).default("own");

/** “第1版 原规划（基线）”: how the selector and the page name a version. */
const versionName = (v: { number: number; label: string }) => `第${v.number}版 ${v.label}`;

/**
 * ?version=N: the plan as version N froze it (lib/versions), or — absent — the live
 * register (现行). Read for accounts that read the whole plan only, as the version
 * pages are (a regional account of a lower region gets the 404 they give); a value
 * that names no version of the plan is a message on the page, not an error page.
 */
async function versionOf(db: Parameters<typeof findVersion>[0], planCode: string, raw: string | undefined, scope: ReturnType<typeof readScope>, wholePlan: boolean): Promise<{ version: VersionRef | null; problem: string | null }> {
  if (raw === undefined || raw === "") return { version: null, problem: null };
  if (!wholePlan) notFound();
  if (!/^\d{1,6}$/.test(raw) || Number(raw) === 0) return { version: null, problem: `版本号应为正整数（收到“${raw.slice(0, 20)}”），请在“版本”中选择。` };
  try {
    return { version: await findVersion(db, planCode, Number(raw), scope), problem: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return { version: null, problem: `${error.message}，请在“版本”中选择。` };
    throw error;
  }
}

export default async function RollupsPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ month?: string; basis?: string; levels?: string; version?: string; all?: string }> }) {
  const actor = await requirePage("annex.read");
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
  // “本级规划” or “含下级规划” (?levels=own|all): with the plans of the regions below, each project once by its code.
  const levels = pageParam(levelsParamSchema, search.levels);
  const wholePlan = readsWholePlan(scope, plan.regionId);
  const [{ version, problem }, versions] = await Promise.all([versionOf(db, plan.code, search.version, scope, wholePlan), wholePlan ? listVersions(db, plan.code, scope) : []]);
  // As of a version: its frozen rows, by the same rollups (lib/rollups, `version`); a version has
  // projects and amounts, not months — the progress columns, the status and the rankings stay with 现行.
  const sections = version ? SECTIONS.filter((s) => s.by !== "status") : SECTIONS;
  const asVersion = version ? { version } : null;
  const oneRow = sections.flatMap((s) => (s.by === "unit" ? [] : [s.by]));
  // Every reading starts now, all together; the page's shell goes out at once and its tables
  // follow when they are in (streamed, Suspense), so that the browser loads and hydrates the shell
  // while the readings run, and the server renders each section as its reading comes in.
  // Every table but the units' (a project is a row under each of its units) and the 合计: one reading of the projects' figures.
  const together = started(rollupsTogether(db, plan.code, oneRow, asVersion ?? { asOf, basis, scope, levels }));
  const byUnit = started(rollup(db, plan.code, "unit", asVersion ?? { asOf, basis, scope, levels }));
  const rankings = asVersion ? null : started(Promise.all((["county", "unit"] as const).map((by) => rollup(db, plan.code, by, { asOf, basis, orderByRate: true, scope, levels }))));
  const cross = started(domainByCounty(db, plan.code, undefined, { scope, ...asVersion }));
  const regionOptions = started(regionOptionsForPlan(db, plan.code));
  const lower = levels === "all" && !version ? started(planLevels(db, plan).then((l) => levelSummary(db, l, scope))) : null;
  // The shell's one figure (a one-row reading), read while the others run.
  const inForce = version ? null : await versionInForce(db, plan.id, asOf);
  const rowsOf = (by: RollupDimension): Promise<RollupRow[]> => (by === "unit" ? byUnit : started(together.then((t) => t.rows[by as Exclude<RollupDimension, "unit">])));
  // Every figure opens the projects behind it in the grid, with the progress columns of the month.
  // The grid is the live register: as of a version, the figures open nothing.
  const annex = (filter: string, key: string, more = "") => `/plans/${plan.code}?${filter}=${encodeURIComponent(key)}${more}&progress=${monthKey(asOf)}${b}`;
  const versionExport = (format: string) => `/api/plans/${encodeURIComponent(plan.code)}/export?format=${format}&table=annex&version=${version?.number}`;
  // The tables of every unit (over a thousand in a province's plan): their first rows, the rest on 展开全部 (?all=).
  const opened = openedTables(search.all);
  const openHref = (table: string) => openTableHref(`/plans/${plan.code}/rollups`, { month: search.month, basis: search.basis, levels: search.levels, version: search.version, all: search.all }, table);

  return (
    <>
      <p className="muted">
        <Link prefetch={false} href={`/plans/${plan.code}`}>← 重大项目表</Link> · <Link prefetch={false} href={`/plans/${plan.code}/dashboard`}>概览</Link> ·{" "}
        <Link prefetch={false} href={`/plans/${plan.code}/reconciliation`}>与公布的分类汇总表核对</Link> · <Link prefetch={false} href={`/plans/${plan.code}/quality`}>数据质量检查</Link>
      </p>
      <h1>
        {plan.name}：汇总{version && <span data-testid="rollups-version">（{versionName(version)}）</span>}
      </h1>
      <nav className="section-index" aria-label="本页目录" data-testid="section-index">
        <strong>本页目录</strong>
        <ol>
          {sections.map((s) => (
            <li key={s.by}>
              <a href={`#rollup-${s.by}`}>{s.title}</a>
            </li>
          ))}
          {!version && (
            <>
              <li>
                <a href="#ranking-county">区县完成率排名</a>
              </li>
              <li>
                <a href="#ranking-unit">实施单位完成率排名</a>
              </li>
            </>
          )}
          <li>
            <a href="#rollup-cross">领域 × 区县</a>
          </li>
          {!version && (
            <li>
              <a href="#county-drilldown">区县归属明细</a>
            </li>
          )}
        </ol>
      </nav>
      {version ? (
        <p className="notice" data-testid="version-note">
          按第 {version.number} 版（{version.label}，{formatDateTime(version.approvedAt.toISOString())} 生效）冻结的项目表汇总，不含其后对项目的修改。金额单位：亿元（由数据库按万元精确求和后取一位小数），待定和不适用的金额不计入合计。月度进度属于月份而不属于版本：按版本查看时不显示进度、项目状态和完成率排名，请选“现行”查看。分组不链接到重大项目表（那是现行数据）。本版项目表导出：
          <a href={versionExport("xlsx")}>xlsx</a> · <a href={versionExport("docx")}>docx</a> · <a href={versionExport("pdf")}>pdf</a>；<Link prefetch={false} href={`/plans/${plan.code}/versions/${version.number}`}>本版本页</Link>。
        </p>
      ) : (
        <>
          <p className="muted">
            金额单位：亿元（由数据库按万元精确求和后取一位小数）。待定和不适用的金额不计入合计，个数单独列出。点击任一分组可在重大项目表中查看对应项目。 进度截至
            {monthLabel(asOf)}：完成率 = 有年度计划项目的本年累计完成 ÷ 年度计划；序时进度为 {asOf.month}/12。
          </p>
          <p className="muted" data-testid="basis-line">
            {basisLine(basis)}
            {BASIS_NOTES[basis]}
          </p>
          <p className="muted" data-testid="version-line">
            项目及投资{versionLine(inForce)}
          </p>
        </>
      )}
      {problem && (
        <p className="error-text" role="alert" data-testid="version-problem">
          {problem}下面是现行数据。
        </p>
      )}
      <div className="toolbar">
        {wholePlan && (
          <Suspense>
            <SearchParamSelect
              label="版本"
              param="version"
              value={version ? String(version.number) : ""}
              options={[{ value: "", label: "现行（含之后的修改）" }, ...versions.map((v) => ({ value: String(v.number), label: versionName(v) }))]}
            />
          </Suspense>
        )}
        {!version && (
          <>
            <Suspense>
              <MonthSelect label="进度截至" value={asOf} startYear={plan.startYear} />
              <BasisSelect value={basis} />
            </Suspense>
            <Suspense>
              <SearchParamSelect label="规划层级" param="levels" value={levels} options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
            </Suspense>
          </>
        )}
        <PrintButton />
      </div>
      {/* One boundary for every table: the browser reveals streamed boundaries in batches at least
          300 ms apart, so tables arriving one by one would each wait on the one before. The
          sections still render one by one on the server, each as its own reading comes in. */}
      <Suspense fallback={<Pending />}>
        {lower && <LevelsSummary lower={lower} />}
        {sections.map((section) => (
          <RollupSection
            key={section.by}
            section={section}
            rows={rowsOf(section.by)}
            together={together}
            version={version}
            opened={opened.has(`rollup-${section.by}`)}
            showAllHref={openHref(`rollup-${section.by}`)}
            drillHref={`/plans/${plan.code}?progress=${monthKey(asOf)}${b}`}
            annex={annex}
          />
        ))}

        {rankings && <Rankings rankings={rankings} asOf={asOf} annex={annex} opened={opened.has("ranking-unit")} showAllHref={openHref("ranking-unit")} />}

        <CrossTable cross={cross} together={together} domains={plan.domains} planCode={plan.code} version={version} />

        {!version && <CountyDrillDownSection together={together} regionOptions={regionOptions} planCode={plan.code} canCorrect={can(actor, "project.edit.any")} />}
        {/* The shares split the plan's own totals: for an account that reads the whole plan. As of a
            version, the shares that version froze when it was approved (lib/versions/version-shares.ts). */}
        {wholePlan && (
          <CountySharesRollup
            db={db}
            planCode={plan.code}
            asOf={asOf}
            version={version ? { ref: version, sharesBackfilled: versions.find((v) => v.number === version.number)?.sharesBackfilled ?? false } : undefined}
          />
        )}
      </Suspense>
    </>
  );
}

/** The light counts, each opening its projects (`link` adds the light to the row's own filter). */
function Lights({ p, link }: { p: NonNullable<RollupRow["progress"]>; link: (more: string) => string }) {
  const count = (n: number, label: string) => (n > 0 ? <Link prefetch={false} href={link(`&light=${encodeURIComponent(label)}`)}>{n}</Link> : n);
  return (
    <span className="lights">
      <span className="light light-red" title="红灯" />
      {count(p.red, "红灯")} <span className="light light-yellow" title="黄灯" />
      {count(p.yellow, "黄灯")} <span className="light light-green" title="绿灯" />
      {count(p.green, "绿灯")}
    </span>
  );
}

/** A cell of the domain × county totals: its projects and 总投资. */
function CrossTotal({ cells }: { cells: { projects: number; totalWan: string }[] }) {
  const projects = cells.reduce((n, c) => n + c.projects, 0);
  const sum = cells.reduce((s, c) => s.plus(c.totalWan), new Decimal(0));
  return (
    <td className="num total-cell">
      <strong>
        {projects} / {yi(sum.toFixed())}
      </strong>
    </td>
  );
}

function RankingTable({
  rows,
  link,
  ranked = true,
  testId,
  opened = true,
  showAll,
}: {
  rows: RollupRow[];
  /** false: the first and last rows of the ranking, the middle behind 展开全部 (`showAll`). */
  opened?: boolean;
  showAll?: (hidden: number) => React.ReactNode;
  link: (key: string, more?: string) => string;
  /** false: groups shown beside the ranking (全市, functional zones, 未定), not ranked. */
  ranked?: boolean;
  testId?: string;
}) {
  // Collapsed: the best and the worst ranked, with the middle's count between them.
  const { shown, hidden, gapAfter } = collapsedRows(rows, opened, true);
  const gap = gapAfter === null ? -1 : shown[gapAfter]!.index;
  return (
    <div className="table-scroll">
    <table className="plain rollup" data-testid={testId}>
      <thead>
        <tr>
          <th className="num">名次</th>
          <th>分组</th>
          <th className="num">项目数</th>
          <th className="num">总投资（亿元）</th>
          <th className="num">年度计划（亿元）</th>
          <th className="num">本年累计完成（亿元）</th>
          <th className="num">完成率</th>
          <th className="num">与序时进度差（百分点）</th>
          <th className="nowrap">红 / 黄 / 绿灯</th>
          <th className="num">应开工未开工</th>
        </tr>
      </thead>
      <tbody>
        {shown.map(({ row: r, index: i }) => (
          <Fragment key={r.key}>
          <tr>
            <td className="num">{!ranked || r.progress!.annualRate === null ? "—" : i + 1}</td>
            <td className="name">
              <Link prefetch={false} href={link(r.key)}>{r.key}</Link>
            </td>
            <td className="num">{r.projects}</td>
            <td className="num">{yi(r.totalWan)}</td>
            <td className="num">{yi(r.progress!.annualPlanWan)}</td>
            <td className="num">{yi(r.progress!.yearToDateWan)}</td>
            <td className="num">{formatRate(r.progress!.annualRate)}</td>
            <td className="num">{formatLag(r.progress!.lagPoints)}</td>
            <td>
              <Lights p={r.progress!} link={(more) => link(r.key, more)} />
            </td>
            <td className="num">
              {r.progress!.notStarted > 0 ? <Link prefetch={false} href={link(r.key, `&status=${encodeURIComponent(NOT_STARTED_LABEL)}`)}>{r.progress!.notStarted}</Link> : 0}
            </td>
          </tr>
          {i === gap && showAll && (
            <tr className="gap-row">
              <td colSpan={10}>{showAll(hidden)}</td>
            </tr>
          )}
          </Fragment>
        ))}
      </tbody>
    </table>
    </div>
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

type Together = Promise<{ rows: Record<Exclude<RollupDimension, "unit">, RollupRow[]>; total: RollupRow }>;
type Annex = (filter: string, key: string, more?: string) => string;

async function LevelsSummary({ lower }: { lower: ReturnType<typeof levelSummary> }) {
  const l = await lower;
  return (
    <p className="notice" data-testid="levels-summary">
      含下级规划：{l.plans.map((p) => `${p.name}（${p.regionName}，${p.projects} 个）`).join("、")}。共 {l.rows} 行，按项目代码合并重复的 {l.merged}{" "}
      行后计 {l.projects} 个项目；同一项目以最高一级规划中的一行计入。点击分组打开的是本级规划的重大项目表；领域 × 区县和区县归属明细为本级规划。
    </p>
  );
}

async function RollupSection({
  section,
  rows: rowsReading,
  together,
  version,
  opened,
  showAllHref,
  drillHref,
  annex,
}: {
  section: (typeof SECTIONS)[number];
  rows: Promise<RollupRow[]>;
  together: Together;
  version: VersionRef | null;
  opened: boolean;
  showAllHref: string;
  drillHref: string;
  annex: Annex;
}) {
  const [all, { total }] = await Promise.all([rowsReading, together]);
  const id = `rollup-${section.by}`;
  const rows = collapsedRows(all, section.by !== "unit" || opened);
  return (
    <section id={id} data-testid={id}>
      <h2>{section.title}</h2>
      {section.note && (
        <p className="muted">
          {section.note}
          {!version && section.liveNote}
        </p>
      )}
      {(section.by === "domain" || section.by === "county") && (
        <RollupBarChart data={all.map((r) => ({ key: r.key, totalYi: yi(r.totalWan), fypYi: yi(r.fypWan) }))} drill={version ? undefined : { href: drillHref, param: section.filter }} />
      )}
      <RollupTable
        rows={rows.shown.map((s) => s.row)}
        total={total}
        distinctTotal={section.by === "unit"}
        groupLabel={GROUP_LABELS[section.by]}
        link={version ? undefined : (key) => annex(section.filter, key)}
        progressColumns={!version}
      />
      <ShowAllRows hidden={rows.hidden} total={all.length} noun={GROUP_LABELS[section.by]} href={showAllHref} testId={`${id}-show-all`} />
      {section.by === "unit" && (
        <p data-testid="unit-distinct-total">
          不重复计算合计：{total.projects} 个项目，总投资 {yi(total.totalWan)} 亿元，“十四五”投资 {yi(total.fypWan)} 亿元
        </p>
      )}
    </section>
  );
}

async function Rankings({ rankings: reading, asOf, annex, opened, showAllHref }: { rankings: Promise<RollupRow[][]>; asOf: YearMonth; annex: Annex; opened: boolean; showAllHref: string }) {
  const rankings = await reading;
  return (["county", "unit"] as const).map((by, i) => (
    <section key={by} id={`ranking-${by}`} data-testid={`ranking-${by}`}>
      <h2>{by === "county" ? "区县" : "实施单位"}完成率排名（截至{monthLabel(asOf)}）</h2>
      {by === "county" ? (
        <>
          <RankingTable rows={rankings[i]!.filter((r) => r.groupKind === "county")} link={(key, more) => annex(by, key, more)} />
          {rankings[i]!.some((r) => r.groupKind !== "county") && (
            <>
              <p className="muted apart-note">全市、功能区和未定的项目不参与区县排名，单列如下：</p>
              <RankingTable rows={rankings[i]!.filter((r) => r.groupKind !== "county")} link={(key, more) => annex(by, key, more)} ranked={false} testId="ranking-county-apart" />
            </>
          )}
        </>
      ) : (
        <RankingTable
          rows={rankings[i]!}
          opened={opened}
          showAll={(hidden) => <ShowAllRows hidden={hidden} total={rankings[i]!.length} noun="实施单位" href={showAllHref} testId="ranking-unit-show-all" />}
          link={(key, more) => annex(by, key, more)}
        />
      )}
    </section>
  ));
}

async function CrossTable({
  cross: reading,
  together,
  domains,
  planCode,
  version,
}: {
  cross: ReturnType<typeof domainByCounty>;
  together: Together;
  domains: { id: number; name: string }[];
  planCode: string;
  version: VersionRef | null;
}) {
  const [cross, { rows }] = await Promise.all([reading, together]);
  // The cross table's columns in the county rollup's (official) order.
  const counties = rows.county.map((r) => r.key).filter((c) => cross.some((x) => x.county === c));
  return (
    <section id="rollup-cross" data-testid="rollup-cross">
      <h2>领域 × 区县（项目数 / 总投资亿元）</h2>
      <div className="table-scroll">
        <table className="plain compact">
          <thead>
            <tr>
              <th>领域</th>
              {counties.map((c) => (
                <th key={c} className="num">
                  {c}
                </th>
              ))}
              <th className="num">合计</th>
            </tr>
          </thead>
          <tbody>
            {domains.map((d) => (
              <tr key={d.id}>
                <td className="name">{d.name}</td>
                {counties.map((c) => {
                  const cell = cross.find((x) => x.domain === d.name && x.county === c);
                  return (
                    <td key={c} className="num">
                      {cell && version ? (
                        `${cell.projects} / ${yi(cell.totalWan)}`
                      ) : cell ? (
                        <Link prefetch={false} href={`/plans/${planCode}?domain=${encodeURIComponent(d.name)}&county=${encodeURIComponent(c)}`}>
                          {cell.projects} / {yi(cell.totalWan)}
                        </Link>
                      ) : (
                        ""
                      )}
                    </td>
                  );
                })}
                <CrossTotal cells={cross.filter((x) => x.domain === d.name)} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="total-row" data-testid="cross-total-row">
              <td>合计</td>
              {counties.map((c) => (
                <CrossTotal key={c} cells={cross.filter((x) => x.county === c)} />
              ))}
              <CrossTotal cells={cross} />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

async function CountyDrillDownSection({ together, regionOptions, planCode, canCorrect }: { together: Together; regionOptions: ReturnType<typeof regionOptionsForPlan>; planCode: string; canCorrect: boolean }) {
  const [{ rows }, options] = await Promise.all([together, regionOptions]);
  const countyGroups = rows.county.map((r) => ({ county: r.key, count: r.projects }));
  return (
    <section id="county-drilldown" data-testid="county-drilldown-section">
      <h2>区县归属明细</h2>
      <p className="muted">每个项目按建设地点原文归入区县的依据；{canCorrect ? "归属不对的，可在此直接改正（记入修改记录）。" : "如有错误，请联系发改委改正。"}</p>
      <CountyDrillDown planCode={planCode} groups={countyGroups} regionOptions={options} canCorrect={canCorrect} />
    </section>
  );
}
