import { redirect } from "next/navigation";
import { ProjectForm } from "@/components/projects/ProjectForm";
import { orNotFound } from "@/lib/api/page-errors";
import { can } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { getPlanWithDomains } from "@/lib/plans/plans";
import { regionOptionsForPlan } from "@/lib/regions/region-options";

export const dynamic = "force-dynamic";
export const metadata = { title: "新增项目" };

export default async function NewProjectPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const { code } = await params;
  if (!can(actor, "project.create")) return <div className="card">只有发改委可以新增项目。</div>;
  const db = prisma();
  const plan = await orNotFound(getPlanWithDomains(db, decodeURIComponent(code)));
  return (
    <>
      <h1>新增项目：{plan.name}</h1>
      <ProjectForm
        mode="create"
        planCode={plan.code}
        domains={plan.domains.map((d) => ({ value: d.id, label: `${d.position}. ${d.name}` }))}
        regions={await regionOptionsForPlan(db, plan.code)}
        editable={["domainId", "seq", "name", "code", "type", "period", "locationText", "regionCode", "content", "total", "fyp", "units"]}
        contactUnitIds={[]}
      />
    </>
  );
}
