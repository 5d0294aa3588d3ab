import { readableProjectsScope, type ReadScope } from "@/lib/auth/scope";
import { notFound } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FIELD_LABELS, type ProjectField } from "./project-fields";

export type HistoryEntry = {
  id: number;
  at: string;
  actorName: string;
  action: string;
  via: string;
  field: string;
  fieldLabel: string;
  oldValue: string | null;
  newValue: string | null;
  changeRequestId: number | null;
};

const ACTION_LABELS: Record<string, string> = {
  CREATE: "新建",
  UPDATE: "修改",
  DELETE: "删除",
  RESTORE: "恢复",
  CHANGE_REQUEST_ACCEPTED: "采纳变更申请",
  UNIT_MERGE: "合并单位",
  IMPORT: "导入",
};

/** A project's history, newest first (deleted projects included: history outlives them). */
/** A project's history; "not found" for a project outside the scope (lib/auth/scope.ts). */
export async function listProjectHistory(db: PrismaClient, projectId: number, scope: ReadScope = null): Promise<HistoryEntry[]> {
  if (scope !== null && !(await db.project.count({ where: { id: projectId, ...readableProjectsScope(scope) } }))) throw notFound("项目");
  const rows = await db.projectChange.findMany({ where: { projectId }, orderBy: [{ at: "desc" }, { id: "desc" }] });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorName: r.actorName,
    action: ACTION_LABELS[r.action] ?? r.action,
    via: r.via,
    field: r.field,
    fieldLabel: FIELD_LABELS[r.field as ProjectField | "*"] ?? r.field,
    oldValue: r.oldValue,
    newValue: r.newValue,
    changeRequestId: r.changeRequestId,
  }));
}
