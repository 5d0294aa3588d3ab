import { readScope } from "@/lib/auth/scope";
import { NextResponse } from "next/server";
import { mutationRoute, readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { listAnnualPlans, saveAnnualPlansMutation } from "@/lib/progress/annual-plans";
import { parseInput } from "@/lib/validation/parse-input";
import { z } from "@/lib/validation/zod";

const yearQuery = z.coerce.number({ error: "请指定年份 year" }).int().min(2000).max(2100);

export const GET = readRoute<{ code: string }>("progress.read", async (request, { actor, params }) => {
  const year = parseInput(yearQuery, request.nextUrl.searchParams.get("year"));
  return NextResponse.json({ year, rows: await listAnnualPlans(prisma(), params.code, year, readScope(actor)) });
});

/** The DRC sets 年度计划投资; a unit's figures are stored as its proposal. */
export const PUT = mutationRoute(saveAnnualPlansMutation, {
  input: ({ params, body }) => ({ planCode: params.code, plans: body }),
});
