import { readScope } from "@/lib/auth/scope";
import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { oc4idsData, oc4idsPackage } from "@/lib/export/oc4ids";

/** The plan's projects as an OC4IDS project package (JSON), for every role. */
export const GET = readRoute<{ code: string }>("annex.export", async (request, { actor, params }) => {
  const data = await oc4idsData(prisma(), params.code, readScope(actor));
  const uri = new URL(`/api/plans/${encodeURIComponent(params.code)}/oc4ids`, request.nextUrl.origin).toString();
  return NextResponse.json(oc4idsPackage(data, uri), { headers: { "Content-Type": "application/json; charset=utf-8" } });
});
