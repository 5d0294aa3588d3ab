import { NextResponse } from "next/server";
import { idParam, parseInput, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { restoreProject } from "@/lib/projects/delete-project";
import { getAnnexRow } from "@/lib/projects/list-projects";
import { z } from "@/lib/validation/zod";

/** The version of the deleted project as the page showed it; a body is optional for older clients. */
const restoreSchema = z.object({ version: z.number().int().positive().optional() });

export const POST = withActor<{ id: string }>("project.restore", async (request, { actor, params }) => {
  const id = idParam(params.id, "项目");
  const text = await request.text();
  const { version } = parseInput(restoreSchema, text ? JSON.parse(text) : {});
  await restoreProject(prisma(), actor, id, version);
  return NextResponse.json({ project: await getAnnexRow(prisma(), id) });
});
