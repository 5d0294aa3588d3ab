import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { parseInput } from "@/lib/validation/parse-input";
import { prisma } from "@/lib/db/client";
import { monthParamSchema } from "@/lib/progress/progress-input";
import { reportingStatus } from "@/lib/progress/reporting-months";

/** Who has reported on the month and who is late, per project and per unit. */
export const GET = readRoute<{ code: string }>("progress.read", async (request, { actor, params }) => {
  const month = parseInput(monthParamSchema, request.nextUrl.searchParams.get("month"));
  return NextResponse.json(await reportingStatus(prisma(), actor, params.code, month));
});
