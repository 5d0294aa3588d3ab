import { NextResponse } from "next/server";
import { idParam, parseJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { importerOf, repreviewImport } from "@/lib/import/import-annex";
import { importOptionsInput } from "@/lib/import/import-options";

/** Reads the uploaded file again with the person's decisions (a column, hidden rows, the new plan's details). */
export const POST = withActor<{ id: string }>("annex.import", async (request, { actor, params }) => {
  const options = await parseJson(request, importOptionsInput);
  const preview = await repreviewImport(prisma(), importerOf(actor), idParam(params.id, "导入记录"), options);
  return NextResponse.json({ preview });
});
