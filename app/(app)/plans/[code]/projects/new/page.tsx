import { readScope } from "@/lib/auth/scope";
import { ProjectForm } from "@/components/projects/ProjectForm";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { prisma } from "@/lib/db/client";
import { getPlanWithDomains } from "@/lib/plans/plans";
import { regionOptionsForPlan } from "@/lib/regions/region-options";

export const dynamic = "force-dynamic";
export const metadata = { title: "新增项目" };

export default async function NewProjectPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requirePage("project.create");
  const { code } = await params;
  const db = prisma();
  const plan = await orNotFound(getPlanWithDomains(db, decodeURIComponent(code), readScope(actor)));
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
