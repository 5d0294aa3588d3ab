import { NextResponse } from "next/server";
import { withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { listDeletedProjects } from "@/lib/projects/delete-project";

export const GET = withActor<{ code: string }>("project.restore", async (_request, { params }) => {
  return NextResponse.json({ projects: await listDeletedProjects(prisma(), params.code) });
});
