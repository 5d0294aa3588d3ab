import { readScope } from "@/lib/auth/scope";
import { redirect } from "next/navigation";
import { requirePage } from "@/lib/pages/require-page";
import Link from "next/link";
import { prisma } from "@/lib/db/client";
import { listPlans } from "@/lib/plans/plans";
import { reportableScope } from "@/lib/auth/scope";

export const dynamic = "force-dynamic";
export const metadata = { title: "进度填报 · 重大项目管理" };

/** 进度填报 in the menu: straight to the plan when there is one, else a choice. */
export default async function ProgressEntryPage() {
  const actor = await requirePage("progress.read");
  const db = prisma();
  let plans = await listPlans(db, readScope(actor));
  // A unit sees the plans it has projects in; with one such plan, it goes straight there.
  if (actor.role === "EDITOR") {
    const own = await db.project.findMany({ where: { deletedAt: null, ...reportableScope(actor) }, select: { planId: true }, distinct: ["planId"] });
    plans = plans.filter((p) => own.some((o) => o.planId === p.id));
  }
  if (plans.length === 1) redirect(`/plans/${plans[0]!.code}/progress`);
  return (
    <>
      <h1>进度填报</h1>
      {plans.length === 0 && <p className="muted">{actor.role === "EDITOR" ? "本单位在各规划中都没有项目。" : "还没有规划。"}</p>}
      <ul>
        {plans.map((p) => (
          <li key={p.code}>
            <Link prefetch={false} href={`/plans/${p.code}/progress`}>{p.name}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
