import { idParam, mutationRoute } from "@/lib/api/routes";
import { applyAnnexImport } from "@/lib/import/import-mutations";

/** Confirms a previewed import, with the decisions shown in the preview (the JSON body; none: those stored with it): all of it in one transaction, or nothing. */
export const POST = mutationRoute(applyAnnexImport, {
  input: ({ body, params }) => ({
    importId: idParam(params.id, "导入记录"),
    ...(Object.keys(body).length ? { options: body } : {}),
  }),
});
