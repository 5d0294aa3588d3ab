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

/** The grid's filters, for a view served already filtered (the API's ?domain=&county=&type=&unit=&q=). */
export type AnnexFilter = Partial<Record<"domain" | "county" | "type" | "unit" | "q", string>>;

const COUNTY_LABEL_RESOLUTIONS: Record<string, "WHOLE_CITY" | "UNDECIDED" | "UNRESOLVED"> = { 全市: "WHOLE_CITY", 未定: "UNDECIDED", 无法识别: "UNRESOLVED" };

function filterWhere(filter: AnnexFilter): Prisma.ProjectWhereInput[] {
  const where: Prisma.ProjectWhereInput[] = [];
  if (filter.domain) where.push({ domain: { name: filter.domain } });
  if (filter.type) where.push({ type: filter.type });
  if (filter.unit) where.push({ units: { some: { unit: { name: filter.unit } } } });
  if (filter.county) {
    const resolution = COUNTY_LABEL_RESOLUTIONS[filter.county];
    where.push(resolution ? { locationResolution: resolution } : { region: { name: filter.county }, locationResolution: { in: ["COUNTY", "FUNCTIONAL_ZONE"] } });
  }
  if (filter.q) {
    const q = filter.q;
    where.push({
      OR: [
        { name: { contains: q } },
        { content: { contains: q } },
        { locationText: { contains: q } },
        { units: { some: { OR: [{ publishedName: { contains: q } }, { unit: { name: { contains: q } } }] } } },
      ],
    });
  }
  return where;
}

/** The plan's live projects in annex order (domain, then 序号), optionally filtered as the grid filters. */
export async function listAnnexRows(db: PrismaClient, planCode: string, filter: AnnexFilter = {}): Promise<AnnexRow[]> {
  const plan = await db.plan.findUnique({ where: { code: planCode }, select: { id: true } });
  if (!plan) throw notFound(`规划“${planCode}”`);
  const projects = await db.project.findMany({
    where: { planId: plan.id, deletedAt: null, AND: filterWhere(filter) },
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
