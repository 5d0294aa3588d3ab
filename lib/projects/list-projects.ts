import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/api/errors";
import { countyLabel, type AnnexRow } from "./annex-row";

const annexInclude = {
  plan: { select: { code: true } },
  domain: { select: { id: true, name: true, position: true } },
  region: { select: { code: true, name: true } },
  units: { include: { unit: { select: { name: true } } }, orderBy: { position: "asc" } },
} satisfies Prisma.ProjectInclude;

type ProjectWithAnnex = Prisma.ProjectGetPayload<{ include: typeof annexInclude }>;

export function toAnnexRow(p: ProjectWithAnnex): AnnexRow {
  return {
    id: p.id,
    planCode: p.plan.code,
    seq: p.seq,
    domainId: p.domain.id,
    domainPosition: p.domain.position,
    domainName: p.domain.name,
    name: p.name,
    code: p.code,
    type: p.type,
    periodText: p.periodText,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    locationText: p.locationText,
    locationResolution: p.locationResolution,
    locationRule: p.locationRule,
    regionCode: p.region?.code ?? null,
    regionName: p.region?.name ?? null,
    countyLabel: countyLabel(p.locationResolution, p.region?.name ?? null),
    content: p.content,
    total: { state: p.totalState, wan: p.totalWan?.toString() ?? null },
    fyp: { state: p.fypState, wan: p.fypWan?.toString() ?? null },
    units: p.units.map((u) => ({
      unitId: u.unitId,
      name: u.unit.name,
      publishedName: u.publishedName,
      isLead: u.isLead,
      contactPerson: u.contactPerson,
      contactPhone: u.contactPhone,
    })),
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The plan's live projects in annex order (domain, then 序号). */
export async function listAnnexRows(db: PrismaClient, planCode: string): Promise<AnnexRow[]> {
  const plan = await db.plan.findUnique({ where: { code: planCode }, select: { id: true } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const projects = await db.project.findMany({
    where: { planId: plan.id, deletedAt: null },
    include: annexInclude,
    orderBy: [{ domain: { position: "asc" } }, { seq: "asc" }],
  });
  return projects.map(toAnnexRow);
}

export async function getAnnexRow(db: PrismaClient, projectId: number): Promise<AnnexRow> {
  const project = await db.project.findFirst({ where: { id: projectId, deletedAt: null }, include: annexInclude });
  if (!project) throw notFound("项目");
  return toAnnexRow(project);
}
