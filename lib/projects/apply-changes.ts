// The one place where a project's fields change: used by the edit, the
// acceptance of a change request and the undo of a deletion. It finds which
// fields really change, checks them together, writes them guarded by the
// version that was read, and records one history row per changed field — all
// inside the caller's transaction.
import Decimal from "decimal.js";
import type { ChangeAction, Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { formatWan, amountFromDb, type DbAmount } from "@/lib/money/amount";
import { resolveLocation } from "@/lib/regions/resolve-location";
import { loadRegionsForResolution } from "@/lib/regions/seed-regions";
import { countyLabel } from "./annex-row";
import { sharesOverAmounts } from "./county-share-limits";
import { FIELD_LABELS, type ProjectField } from "./project-fields";
import type { ProjectPatch } from "./project-input";

type Tx = Prisma.TransactionClient;

export const projectForEdit = {
  domain: true,
  region: true,
  plan: { include: { region: true } },
  units: { include: { unit: true }, orderBy: { position: "asc" } },
} satisfies Prisma.ProjectInclude;
export type ProjectForEdit = Prisma.ProjectGetPayload<{ include: typeof projectForEdit }>;

export type FieldChanges = Omit<ProjectPatch, "version" | "confirmWarnings">;

export type ChangeContext = {
  actor: Actor | null;
  actorName: string;
  action: ChangeAction;
  via: string;
  changeRequestId?: number;
};

/** The fields of `changes` whose value differs from the project's. */
export function changedFields(project: ProjectForEdit, changes: FieldChanges): ProjectField[] {
  const differs: Record<ProjectField, () => boolean> = {
    domainId: () => changes.domainId !== project.domainId,
    seq: () => changes.seq !== project.seq,
    name: () => changes.name !== project.name,
    code: () => (changes.code ?? null) !== project.code,
    type: () => changes.type !== project.type,
    period: () =>
      changes.period!.text !== project.periodText ||
      changes.period!.start !== project.periodStart ||
      changes.period!.end !== project.periodEnd,
    locationText: () => changes.locationText !== project.locationText,
    regionCode: () => changes.regionCode !== null && changes.regionCode !== project.region?.code,
    content: () => changes.content !== project.content,
    total: () => !sameAmount(changes.total!, { state: project.totalState, wan: project.totalWan?.toString() ?? null }),
    fyp: () => !sameAmount(changes.fyp!, { state: project.fypState, wan: project.fypWan?.toString() ?? null }),
    units: () => changes.units!.join("\n") !== project.units.map((u) => u.unit.name).join("\n"),
    contacts: () =>
      changes.contacts!.some((c) => {
        const link = project.units.find((u) => u.unitId === c.unitId);
        return !link || (c.contactPerson ?? null) !== link.contactPerson || (c.contactPhone ?? null) !== link.contactPhone;
      }),
  };
  return (Object.keys(changes) as (keyof FieldChanges)[])
    .filter((k) => changes[k] !== undefined)
    .filter((k) => differs[k]());
}

function sameAmount(a: DbAmount, b: DbAmount): boolean {
  if (a.state !== b.state) return false;
  return a.state !== "VALUE" || new Decimal(a.wan!).equals(new Decimal(b.wan!));
}

/** Checks the project as it would be after the change; throws 400 with every reason. */
async function validate(tx: Tx, project: ProjectForEdit, changes: FieldChanges): Promise<void> {
  const problems: string[] = [];
  const total = changes.total ?? { state: project.totalState, wan: project.totalWan?.toString() ?? null };
  const fyp = changes.fyp ?? { state: project.fypState, wan: project.fypWan?.toString() ?? null };
  if (total.state === "VALUE" && fyp.state === "VALUE" && new Decimal(fyp.wan!).greaterThan(new Decimal(total.wan!))) {
    problems.push("“十四五”投资不能超过总投资");
  }
  if (changes.domainId !== undefined) {
    const domain = await tx.domain.findFirst({ where: { id: changes.domainId, planId: project.planId } });
    if (!domain) problems.push("所选领域不属于本规划");
  }
  if (changes.regionCode) {
    const region = await tx.region.findUnique({ where: { code: changes.regionCode }, include: { parent: true } });
    const inCity = region && (region.code === project.plan.region.code || region.parent?.code === project.plan.region.code);
    if (!inCity) problems.push(`区县代码“${changes.regionCode}”不是${project.plan.region.name}的区县或功能区`);
  }
  if (changes.units) {
    const known = await findUnitsByName(tx, changes.units);
    const unknown = changes.units.filter((n) => !known.has(n));
    if (unknown.length) problems.push(`实施单位“${unknown.join("、")}”不在单位名录中，请先在单位名录中添加`);
  }
  // A changed amount must still hold the project's split by county (lib/projects/county-share-limits.ts);
  // an amount sent unchanged is not checked again.
  const changedTotal = changes.total && !sameAmount(changes.total, { state: project.totalState, wan: project.totalWan?.toString() ?? null }) ? changes.total : undefined;
  const changedFyp = changes.fyp && !sameAmount(changes.fyp, { state: project.fypState, wan: project.fypWan?.toString() ?? null }) ? changes.fyp : undefined;
  if (changedTotal || changedFyp) problems.push(...(await sharesOverAmounts(tx, project.id, { total: changedTotal, fyp: changedFyp })));
  if (changes.contacts) {
    const stranger = changes.contacts.find((c) => !project.units.some((u) => u.unitId === c.unitId));
    if (stranger) problems.push("联系人所属单位不是本项目的实施单位");
  }
  if (problems.length) throw new AppError("invalid_input", problems.join("；"), { problems });
}

/** Warnings the DRC decides on (saved only once confirmed): a name already in the plan. */
export async function projectWarnings(tx: Tx, planId: number, name: string | undefined, projectId: number | null): Promise<string[]> {
  if (name === undefined) return [];
  const twins = await tx.project.findMany({
    where: { planId, name, deletedAt: null, ...(projectId ? { id: { not: projectId } } : {}) },
    select: { seq: true },
  });
  return twins.length ? [`本规划已有同名项目“${name}”（序号 ${twins.map((t) => t.seq).join("、")}），请确认是否重复`] : [];
}

export function requireConfirmation(warnings: string[], confirmed: boolean | undefined): void {
  if (warnings.length && !confirmed) {
    throw new AppError("needs_confirmation", warnings.join("；"), { warnings });
  }
}

export async function findUnitsByName(tx: Tx, names: string[]): Promise<Map<string, number>> {
  const units = await tx.unit.findMany({ where: { OR: [{ name: { in: names } }, { aliases: { hasSome: names } }] } });
  const byName = new Map<string, number>();
  for (const n of names) {
    const unit = units.find((u) => u.name === n) ?? units.find((u) => u.aliases.includes(n));
    if (unit) byName.set(n, unit.id);
  }
  return byName;
}

/** The display value of each field, as history records it. */
export function fieldDisplay(p: ProjectForEdit): Record<ProjectField, string> {
  return {
    domainId: p.domain.name,
    seq: String(p.seq),
    name: p.name,
    code: p.code ?? "",
    type: p.type,
    period: p.periodText,
    locationText: p.locationText,
    regionCode: `${countyLabel(p.locationResolution, p.region?.name ?? null)}（${p.locationRule}）`,
    content: p.content,
    total: amountDisplay({ state: p.totalState, wan: p.totalWan?.toString() ?? null }),
    fyp: amountDisplay({ state: p.fypState, wan: p.fypWan?.toString() ?? null }),
    units: p.units.map((u) => u.unit.name).join("、"),
    contacts: p.units
      .filter((u) => u.contactPerson || u.contactPhone)
      .map((u) => `${u.unit.name}：${u.contactPerson ?? ""} ${u.contactPhone ?? ""}`.trim())
      .join("；"),
  };
}

function amountDisplay(a: DbAmount): string {
  const amount = amountFromDb(a);
  return amount.state === "VALUE" ? `${formatWan(amount)} 万元` : formatWan(amount);
}

/**
 * Writes `changes` to `project` (already loaded and authorized, at
 * `expectedVersion`), with one history row per field that changed. A write
 * that finds another version in the database is refused with 409.
 */
export async function applyProjectChanges(
  tx: Tx,
  project: ProjectForEdit,
  expectedVersion: number,
  changes: FieldChanges,
  context: ChangeContext,
): Promise<ProjectForEdit> {
  await validate(tx, project, changes);
  const before = fieldDisplay(project);
  const data: Prisma.ProjectUncheckedUpdateManyInput = { version: { increment: 1 } };
  if (changes.domainId !== undefined) data.domainId = changes.domainId;
  if (changes.seq !== undefined) data.seq = changes.seq;
  if (changes.name !== undefined) data.name = changes.name;
  if (changes.code !== undefined) data.code = changes.code || null;
  if (changes.type !== undefined) data.type = changes.type;
  if (changes.content !== undefined) data.content = changes.content;
  if (changes.period) Object.assign(data, { periodText: changes.period.text, periodStart: changes.period.start, periodEnd: changes.period.end });
  if (changes.total) Object.assign(data, { totalState: changes.total.state, totalWan: changes.total.wan });
  if (changes.fyp) Object.assign(data, { fypState: changes.fyp.state, fypWan: changes.fyp.wan });
  Object.assign(data, await locationData(tx, project, changes));

  const { count } = await tx.project.updateMany({ where: { id: project.id, version: expectedVersion, deletedAt: null }, data });
  if (count === 0) throw staleVersion();

  if (changes.units) await replaceUnits(tx, project, changes.units);
  for (const c of changes.contacts ?? []) {
    await tx.projectUnit.update({
      where: { projectId_unitId: { projectId: project.id, unitId: c.unitId } },
      data: { contactPerson: c.contactPerson || null, contactPhone: c.contactPhone || null },
    });
  }

  const updated = await tx.project.findUniqueOrThrow({ where: { id: project.id }, include: projectForEdit });
  const after = fieldDisplay(updated);
  const rows = (Object.keys(after) as ProjectField[])
    .filter((f) => before[f] !== after[f])
    .map((field) => ({ field, oldValue: before[field], newValue: after[field] }));
  await recordChanges(tx, project.id, context, rows);
  return updated;
}

export function staleVersion(): AppError {
  return new AppError("conflict", "该项目已被他人修改，请查看最新内容后再保存（您填写的内容已保留）");
}

/** Location text and county: resolved from the text, unless the DRC picked the county by hand. */
async function locationData(tx: Tx, project: ProjectForEdit, changes: FieldChanges) {
  const city = project.plan.region;
  if (changes.regionCode) {
    const region = await tx.region.findUniqueOrThrow({ where: { code: changes.regionCode } });
    const resolution = region.code === city.code ? "WHOLE_CITY" : region.kind === "FUNCTIONAL_ZONE" ? "FUNCTIONAL_ZONE" : "COUNTY";
    return {
      ...(changes.locationText !== undefined ? { locationText: changes.locationText } : {}),
      regionId: region.id,
      locationResolution: resolution,
      locationRule: `人工指定为${region.name}`,
    } as const;
  }
  const text = changes.locationText ?? project.locationText;
  const reresolve = changes.locationText !== undefined || changes.regionCode === null;
  if (!reresolve) return {};
  const resolved = resolveLocation(text, await loadRegionsForResolution(tx), city.code);
  const region = resolved.regionCode ? await tx.region.findUnique({ where: { code: resolved.regionCode } }) : null;
  return { locationText: text, regionId: region?.id ?? null, locationResolution: resolved.resolution, locationRule: resolved.rule };
}

/** Sets the project's units in the given order (first = lead), keeping the published names and contacts of those that stay. */
async function replaceUnits(tx: Tx, project: ProjectForEdit, names: string[]): Promise<void> {
  const ids = await findUnitsByName(tx, names);
  const kept = new Map(project.units.map((u) => [u.unitId, u]));
  await tx.projectUnit.deleteMany({ where: { projectId: project.id } });
  await tx.projectUnit.createMany({
    data: names.map((name, position) => {
      const unitId = ids.get(name)!;
      const before = kept.get(unitId);
      return {
        projectId: project.id,
        unitId,
        position,
        isLead: position === 0,
        publishedName: before?.publishedName ?? name,
        contactPerson: before?.contactPerson ?? null,
        contactPhone: before?.contactPhone ?? null,
      };
    }),
  });
}

export async function recordChanges(
  tx: Tx,
  projectId: number,
  context: ChangeContext,
  rows: { field: ProjectField | "*"; oldValue: string | null; newValue: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.projectChange.createMany({
    data: rows.map((r) => ({
      projectId,
      userId: context.actor?.userId ?? null,
      actorName: context.actorName,
      action: context.action,
      via: context.via,
      field: r.field,
      oldValue: r.oldValue,
      newValue: r.newValue,
      changeRequestId: context.changeRequestId ?? null,
    })),
  });
}

export { FIELD_LABELS };
