import { json, mutationRoute } from "@/lib/api/routes";
import { previewImportMutation } from "@/lib/import/import-annex";

/** Uploads an annex file (multipart field "file") and answers with its preview; nothing is written to the plan. */
export const POST = mutationRoute(previewImportMutation, {
  body: "multipart",
  async input({ params, form }) {
    const file = form?.get("file");
    if (!(file instanceof File)) return { planCode: params.code, fileName: "", bytes: null };
    return { planCode: params.code, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  },
  respond: json(201, "preview"),
});
