import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { listAnnexRows } from "@/lib/projects/list-projects";

const listQuerySchema = z.object({ plan: z.string().trim().min(1, "缺少参数 plan（规划代码）") });

export const GET = withActor("annex.read", async (request) => {
  const parsed = listQuerySchema.safeParse({ plan: request.nextUrl.searchParams.get("plan") ?? "" });
  if (!parsed.success) throw new AppError("invalid_input", parsed.error.issues[0]!.message);
  const projects = await listAnnexRows(prisma(), parsed.data.plan);
  return NextResponse.json({ plan: parsed.data.plan, projects });
});
