// A new project in a plan (the DRC's): checked like an edit, recorded in the
// history field by field, numbered after the last 序号 unless one is given.
import { AppError } from "@/lib/errors";
import { findReadablePlan } from "@/lib/plans/plans";
import { assertPermission, type Actor } from "@/lib/auth/actor";
import { getAnnexRow } from "./list-projects";
import type { AnnexRow } from "./annex-row";
import { applyProjectChanges, fieldDisplay, projectForEdit, projectWarnings, recordChanges, requireConfirmation } from "./apply-changes";
import { actorName } from "./project-access";
import type { ProjectField } from "./project-fields";
import { defineMutation, type Tx } from "@/lib/mutations/mutation";
import { z } from "@/lib/validation/zod";
import { projectCreateSchema, type ProjectCreate } from "./project-input";

export async function createProject(tx: Tx, actor: Actor, planCode: string, input: ProjectCreate, via: string): Promise<AnnexRow> {
  assertPermission(actor, "project.create");
  const plan = await findReadablePlan(tx, planCode, actor, "manage");
  const domain = await tx.domain.findFirst({ where: { id: input.domainId, planId: plan.id } });
  if (!domain) throw new AppError("invalid_input", "所选领域不属于本规划");
  requireConfirmation(await projectWarnings(tx, plan.id, input.name, null), input.confirmWarnings);

  const last = await tx.project.aggregate({ where: { planId: plan.id }, _max: { seq: true } });
  // A bare row first, then the same path as every edit fills and checks it.
  const bare = await tx.project.create({
    data: {
      planId: plan.id,
      domainId: domain.id,
      seq: input.seq ?? (last._max.seq ?? 0) + 1,
      name: input.name,
      type: input.type,
      periodText: input.period.text,
      locationText: "",
      locationResolution: "UNDECIDED",
      locationRule: "未填写地点",
      content: "",
      totalState: "PENDING",
      fypState: "PENDING",
    },
    include: projectForEdit,
  });
  const context = { actor, actorName: actorName(actor), action: "CREATE" as const, via };
  const { domainId: _domain, seq: _seq, name: _name, type: _type, confirmWarnings: _confirm, ...rest } = input;
  const created = await applyProjectChanges(tx, bare, bare.version, { ...rest, regionCode: input.regionCode ?? null }, {
    ...context,
    action: "CREATE",
  });
  // applyProjectChanges recorded what it filled in; the fields set at creation are recorded here.
  const initial = fieldDisplay(created);
  const setAtCreation: ProjectField[] = ["domainId", "seq", "name", "type"];
  await recordChanges(tx, created.id, context, setAtCreation.map((field) => ({ field, oldValue: null, newValue: initial[field] })));
  return getAnnexRow(tx, created.id);
}

export const createProjectMutation = defineMutation({
  name: "project.create",
  permission: "project.create",
  schema: z.object({ planCode: z.string().trim().min(1, "缺少参数 plan（规划代码）").max(100), project: projectCreateSchema, via: z.enum(["表单", "API"]).default("API") }),
  run: (tx, actor, input) => createProject(tx, actor, input.planCode, input.project, input.via),
  audit: (input, result) => ({ target: { type: "Project", id: result.id } }),
});
