import { NextResponse } from "next/server";
import { withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { getAnnexRow } from "@/lib/projects/list-projects";
import { projectIdSchema } from "@/lib/projects/project-id";

export const GET = withActor<{ id: string }>("annex.read", async (_request, { params }) => {
  const id = projectIdSchema.parse(params.id);
  return NextResponse.json({ project: await getAnnexRow(prisma(), id) });
});
