import { NextResponse } from "next/server";
import { idParam, readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { projectProgressHistory } from "@/lib/progress/project-progress";
import { basisParamSchema } from "@/lib/progress/report-basis";
import { parseInput } from "@/lib/validation/parse-input";

/** The project's investment curve by month and year on a basis (?basis=approved|submitted, 已审核 by default), and every report revision. */
export const GET = readRoute<{ id: string }>("progress.read", async (request, { actor, params }) => {
  const basis = parseInput(basisParamSchema, new URL(request.url).searchParams.get("basis"));
  return NextResponse.json(await projectProgressHistory(prisma(), actor, idParam(params.id, "项目"), { basis }));
});
