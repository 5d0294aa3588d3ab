import { NextResponse } from "next/server";
import { parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { progressSettingsSchema } from "@/lib/progress/progress-input";
import { updateProgressSettings } from "@/lib/progress/reporting-months";

/** The reporting deadline and the traffic-light thresholds of the plan. */
export const PUT = withActor<{ code: string }>("progress.manage", async (request, { actor, params }) => {
  const input = await parseJson(request, progressSettingsSchema);
  return NextResponse.json(await updateProgressSettings(prisma(), actor, params.code, input));
});
