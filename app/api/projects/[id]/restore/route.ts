import { NextResponse } from "next/server";
import { idParam, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { restoreProject } from "@/lib/projects/delete-project";
import { getAnnexRow } from "@/lib/projects/list-projects";

export const POST = withActor<{ id: string }>("project.restore", async (_request, { actor, params }) => {
  const id = idParam(params.id, "项目");
  await restoreProject(prisma(), actor, id);
  return NextResponse.json({ project: await getAnnexRow(prisma(), id) });
});
