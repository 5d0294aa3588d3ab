// Writes a whole annex as a new plan, in one transaction: its domains in
// annex order, units matched by name or alias (created when unknown), and
// every project with its amounts, period and resolved location. The seed
// and the Excel import both end here.
import type { Prisma } from "@/lib/generated/prisma/client";
import { amountToDb, type Amount } from "@/lib/money/amount";
import type { ResolvedLocation } from "@/lib/regions/resolve-location";
import { guessUnitKind } from "@/lib/units/unit-names";
import { AppError } from "@/lib/errors";

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

    // In bulk: a 5,000-project annex is two INSERTs of arrays (unnest), not
    // 10,000 round trips; the ORM's createMany took seconds here (bench/README).
    const rows = records.map((record) => ({ record, total: amountToDb(record.total), fyp: amountToDb(record.fyp) }));
    const column = <T,>(f: (r: (typeof rows)[number]) => T): T[] => rows.map(f);
    const created = await tx.$queryRaw<{ id: number; seq: number; name: string }[]>`
      INSERT INTO "Project" ("planId", "domainId", seq, name, type, "periodText", "periodStart", "periodEnd", "locationText", "regionId",
                             "locationResolution", "locationRule", content, "totalState", "totalWan", "fypState", "fypWan", "updatedAt")
      SELECT ${plan.id}, t.domain, t.seq, t.name, t.type, t.period, t.start, t."end", t.location, t.region,
             t.resolution::"LocationResolution", t.rule, t.content, t.total_state::"AmountState", t.total::numeric, t.fyp_state::"AmountState", t.fyp::numeric, now()
        FROM unnest(${column((r) => domainIds.get(r.record.domain)!)}::int[], ${column((r) => r.record.seq)}::int[], ${column((r) => r.record.name)}::text[],
                    ${column((r) => r.record.type)}::text[], ${column((r) => r.record.periodText)}::text[], ${column((r) => r.record.periodStart)}::int[],
                    ${column((r) => r.record.periodEnd)}::int[], ${column((r) => r.record.locationText)}::text[],
                    ${column((r) => (r.record.location.regionCode ? (regionIds.get(r.record.location.regionCode) ?? null) : null))}::int[],
                    ${column((r) => r.record.location.resolution)}::text[], ${column((r) => r.record.location.rule)}::text[], ${column((r) => r.record.content)}::text[],
                    ${column((r) => r.total.state)}::text[], ${column((r) => r.total.wan)}::text[], ${column((r) => r.fyp.state)}::text[], ${column((r) => r.fyp.wan)}::text[])
             WITH ORDINALITY AS t(domain, seq, name, type, period, start, "end", location, region, resolution, rule, content, total_state, total, fyp_state, fyp, n)
       ORDER BY t.n
      RETURNING id, seq, name`;
    // RETURNING gives the rows in the order inserted; checked, not assumed.
    created.forEach((p, i) => {
      if (p.seq !== records[i]!.seq || p.name !== records[i]!.name) throw new Error("批量写入项目时返回顺序与写入顺序不一致");
    });
    const links = records.flatMap((record, i) =>
      record.unitNames.map((publishedName, position) => ({ projectId: created[i]!.id, unitId: unitIds.get(publishedName)!, position, publishedName })),
    );
    await tx.$executeRaw`
      INSERT INTO "ProjectUnit" ("projectId", "unitId", position, "isLead", "publishedName")
      SELECT t.project, t.unit, t.position, t.position = 0, t.name
        FROM unnest(${links.map((l) => l.projectId)}::int[], ${links.map((l) => l.unitId)}::int[], ${links.map((l) => l.position)}::int[], ${links.map((l) => l.publishedName)}::text[])
             AS t(project, unit, position, name)`;
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
export async function findOrCreateUnits(tx: Tx, publishedNames: string[]): Promise<Map<string, number>> {
  const wanted = [...new Set(publishedNames)];
  const known = new Map<string, number>();
  for (const unit of await tx.unit.findMany({ select: { id: true, name: true, aliases: true } })) {
    for (const alias of unit.aliases) if (!known.has(alias)) known.set(alias, unit.id);
  }
  // A unit's own name wins over another unit's alias.
  for (const unit of await tx.unit.findMany({ where: { name: { in: wanted } }, select: { id: true, name: true } })) known.set(unit.name, unit.id);
  const missing = wanted.filter((name) => !known.has(name));
  if (missing.length) {
    const created = await tx.unit.createManyAndReturn({ data: missing.map((name) => ({ name, kind: guessUnitKind(name) })), select: { id: true, name: true } });
    for (const unit of created) known.set(unit.name, unit.id);
  }
  return new Map(wanted.map((name) => [name, known.get(name)!]));
}

async function regionIdsByCode(tx: Tx): Promise<Map<string, number>> {
  const regions = await tx.region.findMany({ select: { id: true, code: true } });
  return new Map(regions.map((r) => [r.code, r.id]));
}
