import { readScope } from "@/lib/auth/scope";
import { NextResponse } from "next/server";
import { idParam, readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { listProjectHistory } from "@/lib/projects/project-history";

export const GET = readRoute<{ id: string }>("annex.read", async (_request, { actor, params }) => {
  return NextResponse.json({ history: await listProjectHistory(prisma(), idParam(params.id, "项目"), readScope(actor)) });
});
