import { NextResponse } from "next/server";
import { z } from "@/lib/validation/zod";
import { parseInput, parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { createProject } from "@/lib/projects/create-project";
import { annexViewQuery, annexViewSchema } from "@/lib/projects/annex-view-input";
import { listAnnexRows } from "@/lib/projects/list-projects";
import { projectCreateSchema } from "@/lib/projects/project-input";

const planQuerySchema = z.object({ plan: z.string().trim().min(1, "缺少参数 plan（规划代码）") });

/** The plan's projects as the grid shows them, filtered like the grid (?domain=&county=&type=&unit=&q=, ?status=&light=&progress=). */
export const GET = withActor("annex.read", async (request) => {
  const { plan } = parseInput(planQuerySchema, { plan: request.nextUrl.searchParams.get("plan") ?? "" });
  const filter = parseInput(annexViewSchema, annexViewQuery(request.nextUrl.searchParams));
  return NextResponse.json({ plan, projects: await listAnnexRows(prisma(), plan, filter) });
});

export const POST = withActor("project.create", async (request, { actor }) => {
  const { plan } = parseInput(planQuerySchema, { plan: request.nextUrl.searchParams.get("plan") ?? "" });
  const input = await parseJson(request, projectCreateSchema);
  const project = await createProject(prisma(), actor, plan, input, request.nextUrl.searchParams.get("via") === "form" ? "表单" : "API");
  return NextResponse.json({ project }, { status: 201 });
});
