import { NextResponse } from "next/server";
import { parseInput, readJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { withdrawReports } from "@/lib/progress/monthly-reports";
import { withdrawReportsSchema } from "@/lib/progress/progress-input";

/** Takes back submissions not reviewed yet ({ year, month, reports: [{ projectId, reportId, version }] }). */
export const POST = withActor<{ code: string }>(["progress.report.any", "progress.report.own"], async (request, { actor, params }) => {
  const input = parseInput(withdrawReportsSchema, { ...(await readJson(request)), planCode: params.code });
  return NextResponse.json(await withdrawReports(prisma(), actor, input));
});
