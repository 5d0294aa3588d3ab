import { NextResponse } from "next/server";
import { parseInput, readJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { submitReports } from "@/lib/progress/monthly-reports";
import { submitReportsSchema } from "@/lib/progress/progress-input";

/** Submits the saved drafts the unit saw ({ year, month, reports: [{ projectId, reportId, version }] }). */
export const POST = withActor<{ code: string }>(["progress.report.any", "progress.report.own"], async (request, { actor, params }) => {
  const input = parseInput(submitReportsSchema, { ...(await readJson(request)), planCode: params.code });
  return NextResponse.json(await submitReports(prisma(), actor, input));
});
