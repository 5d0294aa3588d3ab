import { NextResponse } from "next/server";
import { parseInput, readJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { saveReportDrafts } from "@/lib/progress/monthly-reports";
import { saveReportsSchema } from "@/lib/progress/progress-input";

/** Saves a month's rows as drafts; 422 with the warnings until resent with confirmWarnings. */
export const POST = withActor<{ code: string }>(["progress.report.any", "progress.report.own"], async (request, { actor, params }) => {
  const input = parseInput(saveReportsSchema, { ...(await readJson(request)), planCode: params.code });
  return NextResponse.json(await saveReportDrafts(prisma(), actor, input));
});
