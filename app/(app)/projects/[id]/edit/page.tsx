import { readScope } from "@/lib/auth/scope";
import Link from "next/link";
import { ProjectForm } from "@/components/projects/ProjectForm";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { idParam } from "@/lib/validation/ids";
import { prisma } from "@/lib/db/client";
import { getPlanWithDomains } from "@/lib/plans/plans";
import { getAnnexRow } from "@/lib/projects/list-projects";
import { contactUnitIds, editableFields } from "@/lib/projects/project-access";
import { regionOptionsForPlan } from "@/lib/regions/region-options";

export const dynamic = "force-dynamic";

export default async function EditProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage(["project.edit.any", "project.edit.own"]);
  const { id } = await params;
  const db = prisma();
  const project = await orNotFound((async () => getAnnexRow(db, idParam(id, "项目"), readScope(actor)))());
  const editable = editableFields(actor, project);
  if (editable.length === 0) {
    return (
      <div className="card">
        <h1>无权修改</h1>
        <p>只有发改委和本项目的实施单位可以修改“{project.name}”。</p>
        <Link prefetch={false} href={`/projects/${project.id}`}>返回项目</Link>
      </div>
    );
  }
  const plan = await getPlanWithDomains(db, project.planCode, readScope(actor));
  return (
    <>
      <h1>修改项目：{project.name}</h1>
      {actor.role === "EDITOR" && (
        <p className="muted">实施单位可修改项目期限、建设地点、建设内容和规模及本单位联系人；领域、序号和投资额如需调整，请在项目页提交变更申请。</p>
      )}
      <ProjectForm
        mode="edit"
        planCode={project.planCode}
        project={project}
        domains={plan.domains.map((d) => ({ value: d.id, label: `${d.position}. ${d.name}` }))}
        regions={await regionOptionsForPlan(db, project.planCode)}
        editable={editable}
        contactUnitIds={contactUnitIds(actor, project)}
      />
    </>
  );
}
