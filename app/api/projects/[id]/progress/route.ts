import { NextResponse } from "next/server";
import { idParam, readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { projectProgressHistory } from "@/lib/progress/project-progress";

/** The project's investment curve by month and year, and every report revision. */
export const GET = readRoute<{ id: string }>("progress.read", async (_request, { actor, params }) => {
  return NextResponse.json(await projectProgressHistory(prisma(), actor, idParam(params.id, "项目")));
});
