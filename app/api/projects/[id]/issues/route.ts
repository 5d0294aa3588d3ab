import { NextResponse } from "next/server";
import { idParam, json, mutationRoute, readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { listIssues, raiseIssueMutation } from "@/lib/progress/coordination-issues";

export const GET = readRoute<{ id: string }>("progress.read", async (_request, { actor, params }) => {
  return NextResponse.json({ issues: await listIssues(prisma(), actor, { projectId: idParam(params.id, "项目") }) });
});

/** Raises a problem needing coordination on the project (the project is the path's, never the body's). */
export const POST = mutationRoute(raiseIssueMutation, {
  input: ({ params, body }) => ({ ...body, projectId: idParam(params.id, "项目") }),
  respond: json(201, "issue"),
});
