import { NextResponse } from "next/server";
import { parseInput, parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { listAnnualPlans, saveAnnualPlans } from "@/lib/progress/annual-plans";
import { annualPlanSchema } from "@/lib/progress/progress-input";
import { z } from "@/lib/validation/zod";

const yearQuery = z.coerce.number({ error: "请指定年份 year" }).int().min(2000).max(2100);

export const GET = withActor<{ code: string }>("progress.read", async (request, { params }) => {
  const year = parseInput(yearQuery, request.nextUrl.searchParams.get("year"));
  return NextResponse.json({ year, rows: await listAnnualPlans(prisma(), params.code, year) });
});

/** The DRC sets 年度计划投资; a unit's figures are stored as its proposal. */
export const PUT = withActor<{ code: string }>(["annual-plan.set", "annual-plan.propose"], async (request, { actor, params }) => {
  const input = await parseJson(request, annualPlanSchema);
  return NextResponse.json(await saveAnnualPlans(prisma(), actor, params.code, input));
});
