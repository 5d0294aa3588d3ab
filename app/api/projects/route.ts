import { NextResponse } from "next/server";
import { z } from "@/lib/validation/zod";
import { parseInput, parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { createProject } from "@/lib/projects/create-project";
import { listAnnexRows } from "@/lib/projects/list-projects";
import { projectCreateSchema } from "@/lib/projects/project-input";

const planQuerySchema = z.object({ plan: z.string().trim().min(1, "缺少参数 plan（规划代码）") });
const filterSchema = z.object({
  domain: z.string().max(100).optional(),
  county: z.string().max(100).optional(),
  type: z.string().max(40).optional(),
  unit: z.string().max(100).optional(),
  q: z.string().max(100).optional(),
});

/** The plan's projects as the grid shows them, filtered like the grid when ?domain=&county=&type=&unit=&q= are given. */
export const GET = withActor("annex.read", async (request) => {
  const query = Object.fromEntries(request.nextUrl.searchParams);
  const { plan } = parseInput(planQuerySchema, { plan: query.plan ?? "" });
  const filter = parseInput(filterSchema, { domain: query.domain, county: query.county, type: query.type, unit: query.unit, q: query.q });
  return NextResponse.json({ plan, projects: await listAnnexRows(prisma(), plan, filter) });
});

export const POST = withActor("project.create", async (request, { actor }) => {
  const { plan } = parseInput(planQuerySchema, { plan: request.nextUrl.searchParams.get("plan") ?? "" });
  const input = await parseJson(request, projectCreateSchema);
  const project = await createProject(prisma(), actor, plan, input, request.nextUrl.searchParams.get("via") === "form" ? "表单" : "API");
  return NextResponse.json({ project }, { status: 201 });
});
