import { NextResponse } from "next/server";
import { createChangeRequest, listChangeRequests } from "@/lib/change-requests/change-requests";
import { idParam, parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { changeRequestSchema } from "@/lib/projects/project-input";

type Params = { id: string };

export const GET = withActor<Params>("annex.read", async (_request, { actor, params }) => {
  return NextResponse.json({ changeRequests: await listChangeRequests(prisma(), actor, { projectId: idParam(params.id, "项目") }) });
});

export const POST = withActor<Params>("change-request.create", async (request, { actor, params }) => {
  const input = await parseJson(request, changeRequestSchema);
  const created = await createChangeRequest(prisma(), actor, idParam(params.id, "项目"), input);
  return NextResponse.json(created, { status: 201 });
});
