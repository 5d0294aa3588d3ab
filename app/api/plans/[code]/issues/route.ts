import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { listIssues } from "@/lib/progress/coordination-issues";

/** The plan's problems needing coordination; `?open=1` for those not yet resolved. */
export const GET = readRoute<{ code: string }>("progress.read", async (request, { actor, params }) => {
  const open = request.nextUrl.searchParams.get("open") === "1";
  return NextResponse.json({ issues: await listIssues(prisma(), actor, { planCode: params.code, open }) });
});
