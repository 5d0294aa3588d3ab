import { NextResponse } from "next/server";
import { idParam, parseInput, readJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { listIssues, raiseIssue } from "@/lib/progress/coordination-issues";
import { issueCreateSchema } from "@/lib/progress/progress-input";

export const GET = withActor<{ id: string }>("progress.read", async (_request, { actor, params }) => {
  return NextResponse.json({ issues: await listIssues(prisma(), actor, { projectId: idParam(params.id, "项目") }) });
});

/** Raises a problem needing coordination on the project (the project is the path's, never the body's). */
export const POST = withActor<{ id: string }>(["coordination.any", "coordination.own"], async (request, { actor, params }) => {
  const input = parseInput(issueCreateSchema, { ...(await readJson(request)), projectId: idParam(params.id, "项目") });
  return NextResponse.json({ issue: await raiseIssue(prisma(), actor, input) }, { status: 201 });
});
