import { NextResponse } from "next/server";
import { idParam, parseInput, readJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { applyImport, importerOf } from "@/lib/import/import-annex";
import { importOptionsInput } from "@/lib/import/import-options";

/** Confirms a previewed import, with the decisions shown in the preview: all of it in one transaction, or nothing. */
export const POST = withActor<{ id: string }>("annex.import", async (request, { actor, params }) => {
  const hasBody = Number(request.headers.get("content-length") ?? 0) > 0;
  const options = hasBody ? parseInput(importOptionsInput, await readJson(request)) : undefined;
  const result = await applyImport(prisma(), importerOf(actor), idParam(params.id, "导入记录"), options, new Date());
  return NextResponse.json(result);
});
