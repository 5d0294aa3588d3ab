import { NextResponse } from "next/server";
import { idParam, parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { updateIssue } from "@/lib/progress/coordination-issues";
import { issueUpdateSchema } from "@/lib/progress/progress-input";

/** Follows up a problem: who must act, by when, its state and how it was resolved. */
export const PATCH = withActor<{ id: string }>(["coordination.any", "coordination.own"], async (request, { actor, params }) => {
  const input = await parseJson(request, issueUpdateSchema);
  return NextResponse.json({ issue: await updateIssue(prisma(), actor, idParam(params.id, "协调事项"), input) });
});
