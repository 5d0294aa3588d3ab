import { NextResponse } from "next/server";
import { z } from "@/lib/validation/zod";
import { listChangeRequests } from "@/lib/change-requests/change-requests";
import { readRoute } from "@/lib/api/routes";
import { parseInput } from "@/lib/validation/parse-input";
import { prisma } from "@/lib/db/client";

const querySchema = z.object({ status: z.enum(["OPEN", "ACCEPTED", "REJECTED"]).optional() });

export const GET = readRoute("annex.read", async (request, { actor }) => {
  const { status } = parseInput(querySchema, { status: request.nextUrl.searchParams.get("status") ?? undefined });
  return NextResponse.json({ changeRequests: await listChangeRequests(prisma(), actor, { status }) });
});
