import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { REGIONS } from "./regions-data";
import type { RegionForResolution } from "./resolve-location";

/** Loads the reference regions (idempotent: names, kinds and aliases are brought up to date). */
export async function ensureRegions(db: PrismaClient): Promise<void> {
  await db.$transaction(async (tx) => {
    // Parents first: REGIONS lists each city before its counties.
    for (const region of REGIONS) {
      const parent = region.parentCode ? await tx.region.findUniqueOrThrow({ where: { code: region.parentCode } }) : null;
      const data = { name: region.name, kind: region.kind, aliases: region.aliases, parentId: parent?.id ?? null };
      await tx.region.upsert({ where: { code: region.code }, create: { code: region.code, ...data }, update: data });
    }
    // 56 small statements: Prisma's default 5 s ran out on a loaded 2-core machine.
  }, { timeout: 60_000 });
}

export async function loadRegionsForResolution(db: Prisma.TransactionClient): Promise<RegionForResolution[]> {
  const regions = await db.region.findMany({ include: { parent: { select: { code: true } } } });
  return regions.map((r) => ({ code: r.code, name: r.name, kind: r.kind, parentCode: r.parent?.code ?? null, aliases: r.aliases }));
}
