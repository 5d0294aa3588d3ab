import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { readScope } from "@/lib/auth/scope";
import { prisma } from "@/lib/db/client";
import { parseInput } from "@/lib/validation/parse-input";
import { z } from "@/lib/validation/zod";
import { findVersion, listVersions, versionRollup } from "@/lib/versions/plan-versions";
import { rollupByCountyWithShares } from "@/lib/projects/county-shares";
import { AppError } from "@/lib/errors";

const querySchema = z.object({
  version: z.coerce.number({ error: "版本应为正整数" }).int("版本应为正整数").positive("版本应为正整数").max(100_000, "版本号过大").optional(),
  by: z.enum(["domain", "county", "type", "unit"], { error: "by 只能是 domain、county、type 或 unit" }).optional(),
  shares: z.enum(["1", "true"], { error: "shares 只能是 1 或 true" }).optional(),
});

/**
 * The plan's versions with their totals; with ?version=N&by=domain|county|type|unit, that version's
 * rollup (its frozen rows); with by=county&shares=1, by county with the splits the version froze.
 */
export const GET = readRoute<{ code: string }>("annex.read", async (request, { actor, params }) => {
  const search = request.nextUrl.searchParams;
  const query = parseInput(querySchema, { version: search.get("version") ?? undefined, by: search.get("by") ?? undefined, shares: search.get("shares") ?? undefined });
  const db = prisma();
  if (query.shares && query.by !== "county") throw new AppError("invalid_input", "shares 只用于 by=county");
  if (query.by) {
    const version = await findVersion(db, params.code, query.version, readScope(actor));
    // By county with the splits that version froze (lib/versions/version-shares.ts).
    if (query.shares) return NextResponse.json({ version: version.number, by: query.by, shares: true, rows: await rollupByCountyWithShares(db, params.code, { version }) });
    return NextResponse.json({ version: version.number, by: query.by, rows: await versionRollup(db, version, query.by) });
  }
  return NextResponse.json({ versions: await listVersions(db, params.code, readScope(actor)) });
});
