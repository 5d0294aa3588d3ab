import { NextResponse } from "next/server";
import { idParam, json, mutationRoute, readRoute } from "@/lib/api/routes";
import { createChangeRequestMutation, listChangeRequests } from "@/lib/change-requests/change-requests";
import { prisma } from "@/lib/db/client";

export const GET = readRoute<{ id: string }>("annex.read", async (_request, { actor, params }) => {
  return NextResponse.json({ changeRequests: await listChangeRequests(prisma(), actor, { projectId: idParam(params.id, "项目") }) });
});

export const POST = mutationRoute(createChangeRequestMutation, {
  input: ({ params, body }) => ({ projectId: idParam(params.id, "项目"), request: body }),
  respond: json(201),
});
