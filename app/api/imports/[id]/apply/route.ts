import { idParam, mutationRoute } from "@/lib/api/routes";
import { applyImportMutation } from "@/lib/import/import-annex";

/** Confirms a previewed import: all of it in one transaction, or nothing. */
export const POST = mutationRoute(applyImportMutation, {
  input: ({ params }) => ({ importId: idParam(params.id, "导入记录") }),
});
