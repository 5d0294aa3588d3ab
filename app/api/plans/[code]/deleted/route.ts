import { readScope } from "@/lib/auth/scope";
import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { listDeletedProjects } from "@/lib/projects/delete-project";

export const GET = readRoute<{ code: string }>("project.restore", async (_request, { actor, params }) => {
  return NextResponse.json({ projects: await listDeletedProjects(prisma(), params.code, readScope(actor)) });
});
