import { NextResponse } from "next/server";
import { mutationRoute } from "@/lib/api/routes";
import { AppError } from "@/lib/errors";
import { previewAnnexImport } from "@/lib/import/import-mutations";

/** Uploads an annex file (multipart field "file", optional "options" as JSON) and answers with its preview; nothing is written to the plan. */
export const POST = mutationRoute(previewAnnexImport, {
  body: "multipart",
  input: async ({ form, params }) => {
    const file = form?.get("file");
    if (!(file instanceof File)) throw new AppError("invalid_input", "请选择要导入的 Excel（.xlsx）或 CSV 文件");
    const rawOptions = form?.get("options");
    let options: unknown = {};
    if (typeof rawOptions === "string" && rawOptions) {
      try {
        options = JSON.parse(rawOptions);
      } catch {
        throw new AppError("invalid_input", "导入选项不是有效的 JSON");
      }
    }
    return { planCode: params.code, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), options };
  },
  respond: (preview) => NextResponse.json({ preview }, { status: 201 }),
});
