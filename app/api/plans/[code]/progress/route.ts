import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { parseInput } from "@/lib/validation/parse-input";
import { optionalIdTextSchema } from "@/lib/validation/ids";
import { prisma } from "@/lib/db/client";
import { monthlySheet } from "@/lib/progress/monthly-sheet";
import { monthParamSchema } from "@/lib/progress/progress-input";

/** A month's reports: `?month=2026-10`, `&mine=1` for the reader's own projects, `&unit=ID` for one unit's. */
export const GET = readRoute<{ code: string }>("progress.read", async (request, { actor, params }) => {
  const query = request.nextUrl.searchParams;
  const month = parseInput(monthParamSchema, query.get("month"));
  const unitId = parseInput(optionalIdTextSchema, query.get("unit"));
  return NextResponse.json(await monthlySheet(prisma(), actor, params.code, month, { mine: query.get("mine") === "1", unitId }));
});
