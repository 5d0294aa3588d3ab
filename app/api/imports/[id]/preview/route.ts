import { NextResponse } from "next/server";
import { idParam, mutationRoute } from "@/lib/api/routes";
import { repreviewAnnexImport } from "@/lib/import/import-mutations";

/** Reads the uploaded file again with the person's decisions (a column, hidden rows, the new plan's details). */
export const POST = mutationRoute(repreviewAnnexImport, {
  input: ({ body, params }) => ({ importId: idParam(params.id, "导入记录"), options: body }),
  respond: (preview) => NextResponse.json({ preview }),
});
