import { NextResponse } from "next/server";
import { z } from "@/lib/validation/zod";
import { idParam, parseInput, parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { deleteProject } from "@/lib/projects/delete-project";
import { getAnnexRow } from "@/lib/projects/list-projects";
import { projectPatchSchema } from "@/lib/projects/project-input";
import { updateProject, type EditChannel } from "@/lib/projects/update-project";

type Params = { id: string };

const CHANNELS: Record<string, EditChannel> = { form: "表单", grid: "表格" };

export const GET = withActor<Params>("annex.read", async (_request, { params }) => {
  return NextResponse.json({ project: await getAnnexRow(prisma(), idParam(params.id, "项目")) });
});

/** A change to some fields, with the version it is based on (409 if someone saved in between). */
export const PATCH = withActor<Params>(["project.edit.any", "project.edit.own"], async (request, { actor, params }) => {
  const patch = await parseJson(request, projectPatchSchema);
  const via = CHANNELS[request.nextUrl.searchParams.get("via") ?? ""] ?? "API";
  const project = await updateProject(prisma(), actor, idParam(params.id, "项目"), patch, via);
  return NextResponse.json({ project });
});

const versionSchema = z.object({ version: z.coerce.number().int().positive("缺少参数 version（项目版本）") });

export const DELETE = withActor<Params>("project.delete", async (request, { actor, params }) => {
  const { version } = parseInput(versionSchema, { version: request.nextUrl.searchParams.get("version") ?? "" });
  await deleteProject(prisma(), actor, idParam(params.id, "项目"), version);
  return new NextResponse(null, { status: 204 });
});
