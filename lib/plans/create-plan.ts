// Writes a whole annex as a new plan, in one transaction: its domains in
// annex order, units matched by name or alias (created when unknown), and
// every project with its amounts, period and resolved location. The seed
// and the Excel import both end here.
import type { Prisma } from "@/lib/generated/prisma/client";
import { amountToDb, type Amount } from "@/lib/money/amount";
import type { ResolvedLocation } from "@/lib/regions/resolve-location";
import { guessUnitKind } from "@/lib/units/unit-names";
import { AppError } from "@/lib/api/errors";

export type PlanMeta = {
  code: string;
  name: string;
  issuer: string;
  startYear: number;
  endYear: number;
  /** GB/T 2260 code of the plan's city. */
  regionCode: string;
};

/** One project of an annex, parsed and checked, ready to store. */
export type AnnexRecord = {
  seq: number;
  domain: string;
  name: string;
  type: string;
  periodText: string;
  periodStart: number | null;
  periodEnd: number | null;
  locationText: string;
  location: ResolvedLocation;
  content: string;
  total: Amount;
  fyp: Amount;
  /** As published, in order; the first is the lead unit. */
  unitNames: string[];
};

type Tx = Prisma.TransactionClient;

/** Runs inside the caller's transaction (an import writes more around it). */
export async function createPlan(tx: Tx, meta: PlanMeta, records: AnnexRecord[]): Promise<{ planId: number }> {
  {
    if (await tx.plan.findUnique({ where: { code: meta.code } })) {
      throw new AppError("conflict", `规划代码“${meta.code}”已存在`);
    }
    const city = await tx.region.findUnique({ where: { code: meta.regionCode } });
    if (!city) throw new AppError("invalid_input", `行政区划代码“${meta.regionCode}”不存在`);

    const plan = await tx.plan.create({
      data: {
        code: meta.code,
        name: meta.name,
        issuer: meta.issuer,
        startYear: meta.startYear,
        endYear: meta.endYear,
        regionId: city.id,
      },
    });
    const domainIds = await createDomains(tx, plan.id, records);
    const unitIds = await findOrCreateUnits(tx, records.flatMap((r) => r.unitNames));
    const regionIds = await regionIdsByCode(tx);

    for (const record of records) {
      const total = amountToDb(record.total);
      const fyp = amountToDb(record.fyp);
      await tx.project.create({
        data: {
          planId: plan.id,
          domainId: domainIds.get(record.domain)!,
          seq: record.seq,
          name: record.name,
          type: record.type,
          periodText: record.periodText,
          periodStart: record.periodStart,
          periodEnd: record.periodEnd,
          locationText: record.locationText,
          regionId: record.location.regionCode ? (regionIds.get(record.location.regionCode) ?? null) : null,
          locationResolution: record.location.resolution,
          locationRule: record.location.rule,
          content: record.content,
          totalState: total.state,
          totalWan: total.wan,
          fypState: fyp.state,
          fypWan: fyp.wan,
          units: {
            create: record.unitNames.map((publishedName, position) => ({
              unitId: unitIds.get(publishedName)!,
              position,
              isLead: position === 0,
              publishedName,
            })),
          },
        },
      });
    }
    return { planId: plan.id };
  }
}

/** Domains in the order they first appear in the annex (一、二、…). */
async function createDomains(tx: Tx, planId: number, records: AnnexRecord[]): Promise<Map<string, number>> {
  const names = [...new Set(records.map((r) => r.domain))];
  const ids = new Map<string, number>();
  for (const [index, name] of names.entries()) {
    const domain = await tx.domain.create({ data: { planId, name, position: index + 1 } });
    ids.set(name, domain.id);
  }
  return ids;
}

/** Matches each published name to a unit by name or alias; unknown names become new units. */
async function findOrCreateUnits(tx: Tx, publishedNames: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const name of new Set(publishedNames)) {
    const existing = await tx.unit.findFirst({ where: { OR: [{ name }, { aliases: { has: name } }] } });
    const unit = existing ?? (await tx.unit.create({ data: { name, kind: guessUnitKind(name) } }));
    ids.set(name, unit.id);
  }
  return ids;
}

async function regionIdsByCode(tx: Tx): Promise<Map<string, number>> {
  const regions = await tx.region.findMany({ select: { id: true, code: true } });
  return new Map(regions.map((r) => [r.code, r.id]));
}
