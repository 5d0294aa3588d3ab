import { readScope } from "@/lib/auth/scope";
import { json, mutationRoute, readRoute } from "@/lib/api/routes";
import { jsonRowsResponse, jsonWithArrayTextResponse } from "@/lib/api/json-stream";
import { prisma } from "@/lib/db/client";
import { createProjectMutation } from "@/lib/projects/create-project";
import { annexViewQuery, annexViewSchema } from "@/lib/projects/annex-view-input";
import { listAnnexRows } from "@/lib/projects/list-projects";
import { gridRow } from "@/lib/projects/annex-row";
import { COMPACT_GRID_FIELDS } from "@/lib/projects/grid-rows-compact";
import { compactGridRowsJson } from "@/lib/projects/grid-rows-sql";
import { parseInput } from "@/lib/validation/parse-input";
import { z } from "@/lib/validation/zod";

const planQuerySchema = z.object({ plan: z.string().trim().min(1, "缺少参数 plan（规划代码）").max(100) });

/**
 * The plan's projects as the grid shows them, filtered like the grid (?domain=&county=&type=&unit=&q=, ?status=&light=&progress=).
 * `?fields=grid`: only what the annex grid reads of each row (GridRow).
 * `?fields=grid&format=compact`: the same, each row an array under one list of `fields`
 * (lib/projects/grid-rows-compact.ts) — the grid page loads its rows so.
 */
export const GET = readRoute("annex.read", async (request, { actor }) => {
  const { plan } = parseInput(planQuerySchema, { plan: request.nextUrl.searchParams.get("plan") ?? "" });
  const filter = parseInput(annexViewSchema, annexViewQuery(request.nextUrl.searchParams));
  const query = request.nextUrl.searchParams;
  // The grid page's own request: its arrays written by the database, passed on as text.
  if (query.get("fields") === "grid" && query.get("format") === "compact") {
    return jsonWithArrayTextResponse({ plan, fields: COMPACT_GRID_FIELDS }, "projects", await compactGridRowsJson(prisma(), plan, filter, readScope(actor)));
  }
  const rows = await listAnnexRows(prisma(), plan, filter, readScope(actor));
  // Megabytes for a 5,000-project plan: written a slice at a time, the loop free between slices.
  if (query.get("fields") !== "grid") return jsonRowsResponse({ plan }, "projects", rows);
  return jsonRowsResponse({ plan }, "projects", rows.map(gridRow));
});

/** A new project in the plan `?plan=CODE` (`&via=form` from the form, for the history). */
export const POST = mutationRoute(createProjectMutation, {
  input: ({ query, body }) => ({ planCode: query.get("plan") ?? "", project: body, via: query.get("via") === "form" ? "表单" : "API" }),
  respond: json(201, "project"),
});
