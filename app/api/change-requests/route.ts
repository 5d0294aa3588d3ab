import { NextResponse } from "next/server";
import { z } from "@/lib/validation/zod";
import { listChangeRequests } from "@/lib/change-requests/change-requests";
import { parseInput, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";

const querySchema = z.object({ status: z.enum(["OPEN", "ACCEPTED", "REJECTED"]).optional() });

export const GET = withActor("annex.read", async (request, { actor }) => {
  const { status } = parseInput(querySchema, { status: request.nextUrl.searchParams.get("status") ?? undefined });
  return NextResponse.json({ changeRequests: await listChangeRequests(prisma(), actor, { status }) });
});
