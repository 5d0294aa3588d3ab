import { NextResponse } from "next/server";
import { parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { reviewReports } from "@/lib/progress/monthly-reports";
import { reviewReportsSchema } from "@/lib/progress/progress-input";

/** Approves or returns submitted reports (each with the version the reviewer saw). */
export const POST = withActor("progress.review", async (request, { actor }) => {
  const input = await parseJson(request, reviewReportsSchema);
  return NextResponse.json(await reviewReports(prisma(), actor, input));
});
