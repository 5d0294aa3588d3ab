import Link from "next/link";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { listPlans } from "@/lib/plans/plans";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  if (!(await currentActor())) redirect("/login");
  const plans = await listPlans(prisma());
  return (
    <>
      <h1>规划</h1>
      {plans.length === 0 && <p className="muted">还没有规划。管理员可以用命令行导入重大项目表（见 README）。</p>}
      <div className="plan-list">
        {plans.map((plan) => (
          <div className="card" key={plan.id}>
            <h2 style={{ marginTop: 0 }}>
              <Link href={`/plans/${plan.code}`}>{plan.name}</Link>
            </h2>
            <div className="muted">
              {plan.issuer} · {plan.regionName} · {plan.startYear}—{plan.endYear} 年 · {plan.projectCount} 个重大项目 · 代码 {plan.code}
            </div>
            <div className="action-bar" style={{ margin: "0.6rem 0 0" }}>
              <Link className="button" href={`/plans/${plan.code}/dashboard`}>
                概览
              </Link>
              <Link className="button" href={`/plans/${plan.code}`}>
                重大项目表
              </Link>
              <Link className="button" href={`/plans/${plan.code}/progress`}>
                进度填报
              </Link>
              <Link className="button" href={`/plans/${plan.code}/rollups`}>
                汇总
              </Link>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
