import { readScope, readsWholePlan } from "@/lib/auth/scope";
import { Suspense } from "react";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { AnnexGridFromApi } from "@/components/annex/AnnexGridOnClient";
import Link from "next/link";
import { can } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { getPlanWithDomains } from "@/lib/plans/plans";
import { planPageTitle } from "@/lib/plans/page-title";
import { listAnnexRows } from "@/lib/projects/list-projects";
import { MonthSelect } from "@/components/progress/MonthSelect";
import { BasisSelect } from "@/components/progress/BasisSelect";
import { basisLine, basisOf } from "@/lib/progress/report-basis";
import { versionInForce, versionLine } from "@/lib/versions/in-force";
import { projectProgressAsOf } from "@/lib/progress/progress-figures";
import { monthLabel, parseMonthKey } from "@/lib/progress/reporting-calendar";

export const dynamic = "force-dynamic";

/** The tab names the filter it shows: “瑞安市 · 温州市…规划重大项目表”. */
export async function generateMetadata({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const [{ code }, query] = await Promise.all([params, searchParams]);
  return { title: { absolute: await planPageTitle(code, query.county, query.domain, query.type, query.unit, query.status, query.light) } };
}

export default async function AnnexPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ progress?: string; basis?: string }> }) {
  const actor = await requirePage("annex.read");
  const { code } = await params;
  const db = prisma();
  const plan = await orNotFound(getPlanWithDomains(db, decodeURIComponent(code), readScope(actor)));
  // The grid reads its rows as JSON, asked for by the page's markup so that they load with the grid's code.
  const rowsUrl = `/api/projects?plan=${encodeURIComponent(plan.code)}&fields=grid&format=compact`;
  // A plan above the reader's region: only its own projects are listed, and the plan-wide acts are its DRC's.
  const whole = readsWholePlan(actor, plan.regionId);
  // Progress columns as of ?progress=2026-10 (none when absent or malformed).
  const search = await searchParams;
  const progressMonth = parseMonthKey(search.progress ?? "");
  // Whose figures (口径): 已审核 unless ?basis=submitted (an unknown value reads as the default).
  const basis = basisOf(search.basis);
  // A regional account's figures: of its own rows only.
  // The month's version in force (lib/versions/in-force.ts): its projects and amounts are what the progress columns measure.
  const version = progressMonth ? await versionInForce(db, plan.id, progressMonth) : null;
  // Not awaited: the grid's frame and its rows come first, the month's figures when they are read.
  const figures = progressMonth ? projectProgressAsOf(db, plan.id, progressMonth, undefined, { basis, scope: readScope(actor), versions: version ? [version] : [] }) : null;
  return (
    <>
      {/* An element, not react-dom's preload(): that one reached the browser only in the page's
          RSC payload, run after the scripts; as markup the preload scanner starts the rows at once. */}
      <link rel="preload" as="fetch" crossOrigin="anonymous" href={rowsUrl} />
      <h1>{plan.name}重大项目表</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {plan.issuer} · {plan.region.name} · {plan.startYear}—{plan.endYear} 年 · 金额单位：亿元（按万元精确存储）
      </p>
      {!whole && actor.region && (
        <p className="notice" data-testid="regional-view">
          这是上级规划：只列出位于{actor.region.name}的项目（
          <Suspense fallback="…">
            <RowCount rows={listAnnexRows(db, plan.code, {}, readScope(actor))} />
          </Suspense>{" "}
          个）。
        </p>
      )}
      <div className="action-bar">
        <Suspense>
          <MonthSelect label="进度列" param="progress" value={progressMonth} startYear={plan.startYear} empty="不显示进度列" />
          {progressMonth && <BasisSelect value={basis} />}
        </Suspense>
        {progressMonth && (
          <span className="muted" data-testid="basis-line">
            {basisLine(basis)}，进度{versionLine(version)}
          </span>
        )}
        {can(actor, "project.create") && whole && (
          <Link prefetch={false} className="button primary" href={`/plans/${plan.code}/projects/new`}>
            新增项目
          </Link>
        )}
        {can(actor, "annex.import") && whole && (
          <Link prefetch={false} className="button" href={`/import?plan=${plan.code}`}>
            导入 Excel
          </Link>
        )}
        <a className="button" href={`/api/plans/${plan.code}/export?format=xlsx`}>
          导出 Excel
        </a>
        <a className="button" href={`/api/plans/${plan.code}/export?format=docx`}>
          导出 Word
        </a>
        <a className="button" href={`/api/plans/${plan.code}/export?format=pdf`}>
          导出 PDF
        </a>
        <a className="button" href={`/api/plans/${plan.code}/export?format=xlsx&table=summary`}>
          分类汇总表
        </a>
        <Link prefetch={false} className="button" href={`/plans/${plan.code}/versions`}>
          版本与中期调整
        </Link>
        {can(actor, "project.restore") && (
          <Link prefetch={false} className="button" href={`/plans/${plan.code}/deleted`}>
            已删除的项目
          </Link>
        )}
        {(can(actor, "project.edit.any") || actor.role === "EDITOR") && (
          <span className="muted">双击单元格可直接修改{actor.role === "EDITOR" ? "本单位项目的项目期限、建设地点和建设内容" : ""}，每次修改单独保存。</span>
        )}
      </div>
      <Suspense fallback={<p className="muted">正在读取项目…</p>}>
        <GridWithFigures
          key={plan.code}
          rowsUrl={rowsUrl}
          figures={figures}
          planCode={plan.code}
          domains={plan.domains.map((d) => ({ id: d.id, name: d.name }))}
          editor={{ editAny: can(actor, "project.edit.any"), unitId: actor.role === "EDITOR" ? actor.unitId : null }}
          progressLabel={progressMonth ? monthLabel(progressMonth) : null}
        />
      </Suspense>
    </>
  );
}

async function RowCount({ rows }: { rows: Promise<unknown[]> }) {
  return (await rows).length;
}

/** The grid, with the month's figures once they are read (the rows it reads itself). */
async function GridWithFigures({
  figures,
  progressLabel,
  ...grid
}: { figures: ReturnType<typeof projectProgressAsOf> | null; progressLabel: string | null } & Omit<React.ComponentProps<typeof AnnexGridFromApi>, "progress">) {
  const byProject = await figures;
  return <AnnexGridFromApi {...grid} progress={progressLabel && byProject ? { label: progressLabel, figures: Object.fromEntries(byProject) } : null} />;
}
