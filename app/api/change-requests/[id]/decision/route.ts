import { NextResponse } from "next/server";
import { decideChangeRequest } from "@/lib/change-requests/change-requests";
import { idParam, parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { changeRequestDecisionSchema } from "@/lib/projects/project-input";

export const POST = withActor<{ id: string }>("change-request.decide", async (request, { actor, params }) => {
  const decision = await parseJson(request, changeRequestDecisionSchema);
  await decideChangeRequest(prisma(), actor, idParam(params.id, "变更申请"), decision);
  return NextResponse.json({ ok: true });
});
