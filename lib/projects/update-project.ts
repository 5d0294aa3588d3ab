// Editing a project: who may act is in the query that loads it, which fields
// they may change is checked against what really changes, and the write is
// guarded by the version the person saw (409 otherwise, nothing overwritten).
import { forbidden } from "@/lib/errors";
import { can, type Actor } from "@/lib/auth/actor";
import { getAnnexRow } from "./list-projects";
import type { AnnexRow } from "./annex-row";
import { applyProjectChanges, changedFields, projectWarnings, requireConfirmation, staleVersion } from "./apply-changes";
import { actorName, loadEditableProject } from "./project-access";
import { CHANGE_REQUEST_FIELDS, FIELD_LABELS, UNIT_FIELDS } from "./project-fields";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import { z } from "@/lib/validation/zod";
import { projectPatchSchema, type ProjectPatch } from "./project-input";

export type EditChannel = "表单" | "表格" | "API";

export async function updateProject(tx: Tx, actor: Actor, projectId: number, patch: ProjectPatch, via: EditChannel): Promise<AnnexRow> {
  const { version, confirmWarnings, ...changes } = patch;
  const project = await loadEditableProject(tx, actor, projectId);
  if (project.version !== version) throw staleVersion();

  const fields = changedFields(project, changes);
  if (!can(actor, "project.edit.any")) {
    const refused = fields.filter((f) => !UNIT_FIELDS.has(f));
    if (refused.length) {
      const viaRequest = refused.every((f) => CHANGE_REQUEST_FIELDS.has(f));
      const names = refused.map((f) => FIELD_LABELS[f]).join("、");
      throw forbidden(
        viaRequest
          ? `${names}由发改委确定，实施单位不能直接修改；如需调整，请在项目页提交变更申请`
          : `实施单位不能修改${names}`,
      );
    }
    const foreignContact = changes.contacts?.find((c) => c.unitId !== actor.unitId);
    if (foreignContact) throw forbidden("只能修改本单位的联系人");
  }
  if (fields.length === 0) return getAnnexRow(tx, projectId);

  requireConfirmation(await projectWarnings(tx, project.planId, fields.includes("name") ? changes.name : undefined, project.id), confirmWarnings);
  const only = Object.fromEntries(fields.map((f) => [f, changes[f]]));
  await applyProjectChanges(tx, project, version, only, { actor, actorName: actorName(actor), action: "UPDATE", via });
  return getAnnexRow(tx, projectId);
}

export const EDIT_CHANNELS = ["表单", "表格", "API"] as const satisfies readonly EditChannel[];

export const updateProjectMutation = defineMutation({
  name: "project.update",
  permission: ["project.edit.any", "project.edit.own"],
  schema: z.object({ projectId: z.number().int().positive(), patch: projectPatchSchema, via: z.enum(EDIT_CHANNELS).default("API") }),
  run: (tx, actor, input) => updateProject(tx, actor, input.projectId, input.patch, input.via),
  audit: (input) => ({ target: { type: "Project", id: input.projectId } }),
});
