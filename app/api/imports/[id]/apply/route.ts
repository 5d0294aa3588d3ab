import { NextResponse } from "next/server";
import { idParam, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { applyImport, importerOf } from "@/lib/import/import-annex";

/** Confirms a previewed import: all of it in one transaction, or nothing. */
export const POST = withActor<{ id: string }>("annex.import", async (_request, { actor, params }) => {
  const result = await applyImport(prisma(), importerOf(actor), idParam(params.id, "导入记录"));
  return NextResponse.json(result);
});
