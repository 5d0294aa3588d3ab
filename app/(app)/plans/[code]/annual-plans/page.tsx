import { readScope } from "@/lib/auth/scope";
import { Suspense } from "react";
import { AnnualPlanTable } from "@/components/progress/AnnualPlanTable";
import { SearchParamSelect } from "@/components/progress/SearchParamSelect";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { can } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { listAnnualPlans } from "@/lib/progress/annual-plans";
import { reportableScope } from "@/lib/auth/scope";
import { currentMonth } from "@/lib/progress/reporting-calendar";
import { loadPlan } from "@/lib/progress/report-access";
import { appNow } from "@/lib/time/clock";

export const dynamic = "force-dynamic";
export const metadata = { title: "年度计划" };

export default async function AnnualPlansPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ year?: string }> }) {
  const actor = await requirePage("progress.read");
  const { code } = await params;
  const db = prisma();
  const plan = await orNotFound(loadPlan(db, decodeURIComponent(code), actor));
  const thisYear = currentMonth(appNow()).year;
  const requested = Number((await searchParams).year);
  const year = Number.isInteger(requested) && requested >= plan.startYear && requested <= thisYear + 1 ? requested : thisYear;
  const rows = await listAnnualPlans(db, plan.code, year, readScope(actor));
  const mode = can(actor, "annual-plan.set") ? "set" : can(actor, "annual-plan.propose") ? "propose" : "read";
  const own = mode === "propose" ? await db.project.findMany({ where: { planId: plan.id, deletedAt: null, ...reportableScope(actor) }, select: { id: true } }) : [];
  const years = Array.from({ length: thisYear + 2 - plan.startYear }, (_, i) => plan.startYear + i).reverse();
  return (
    <>
      <h1>{year} 年度计划投资</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {plan.name} · 年度计划由发改委确定，实施单位可提出建议数；完成率和红黄绿灯按年度计划计算。
      </p>
      <div className="toolbar">
        <Suspense>
          <SearchParamSelect label="年份" param="year" value={String(year)} options={years.map((y) => ({ value: String(y), label: `${y} 年` }))} />
        </Suspense>
      </div>
      <AnnualPlanTable planCode={plan.code} year={year} rows={rows} mode={mode} ownProjectIds={own.map((p) => p.id)} />
    </>
  );
}
