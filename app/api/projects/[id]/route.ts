import { readScope } from "@/lib/auth/scope";
import { NextResponse } from "next/server";
import { idParam, json, mutationRoute, readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { deleteProjectMutation } from "@/lib/projects/delete-project";
import { getAnnexRow } from "@/lib/projects/list-projects";
import { updateProjectMutation } from "@/lib/projects/update-project";

const CHANNELS: Record<string, string> = { form: "表单", grid: "表格" };

export const GET = readRoute<{ id: string }>("annex.read", async (_request, { actor, params }) => {
  return NextResponse.json({ project: await getAnnexRow(prisma(), idParam(params.id, "项目"), readScope(actor)) });
});

/** A change to some fields, with the version it is based on (409 if someone saved in between). */
export const PATCH = mutationRoute(updateProjectMutation, {
  input: ({ params, query, body }) => ({ projectId: idParam(params.id, "项目"), patch: body, via: CHANNELS[query.get("via") ?? ""] ?? "API" }),
  respond: json(200, "project"),
});

/** Deletes (softly) the project at the version the person saw: `?version=N`. */
export const DELETE = mutationRoute(deleteProjectMutation, {
  input: ({ params, query }) => ({ projectId: idParam(params.id, "项目"), version: query.get("version") ?? "" }),
  respond: () => new NextResponse(null, { status: 204 }),
});
