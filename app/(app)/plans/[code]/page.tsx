import { redirect } from "next/navigation";
import { Suspense } from "react";
import { orNotFound } from "@/lib/api/page-errors";
import { AnnexGrid } from "@/components/annex/AnnexGrid";
import { currentActor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { getPlanWithDomains } from "@/lib/plans/plans";
import { listAnnexRows } from "@/lib/projects/list-projects";

export const dynamic = "force-dynamic";

export default async function AnnexPage({ params }: { params: Promise<{ code: string }> }) {
  if (!(await currentActor())) redirect("/login");
  const { code } = await params;
  const db = prisma();
  const plan = await orNotFound(getPlanWithDomains(db, decodeURIComponent(code)));
  const rows = await listAnnexRows(db, plan.code);
  return (
    <>
      <h1>{plan.name}重大项目表</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        {plan.issuer} · {plan.region.name} · {plan.startYear}—{plan.endYear} 年 · 金额单位：亿元（按万元精确存储）
      </p>
      <Suspense>
        <AnnexGrid rows={rows} domains={plan.domains.map((d) => ({ id: d.id, name: d.name }))} />
      </Suspense>
    </>
  );
}
