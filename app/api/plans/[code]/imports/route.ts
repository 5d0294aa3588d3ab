import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { parseInput, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { assertFileSize, importerOf, previewImport } from "@/lib/import/import-annex";
import { FILE_TOO_LARGE_MESSAGE, MAX_UPLOAD_BODY_BYTES } from "@/lib/import/import-limits";
import { importOptionsInput } from "@/lib/import/import-options";

/** Uploads an annex file (multipart field "file", optional "options" as JSON) and answers with its preview; nothing is written to the plan. */
export const POST = withActor<{ code: string }>("annex.import", async (request, { actor, params }) => {
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) {
    // A body cut short (over the proxy's limit, or an interrupted upload) is not "no file chosen".
    if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BODY_BYTES) throw new AppError("too_large", FILE_TOO_LARGE_MESSAGE);
    throw new AppError("invalid_input", "请选择要导入的 Excel（.xlsx）或 CSV 文件");
  }
  assertFileSize(file.size);
  const rawOptions = form?.get("options");
  let options: unknown = {};
  if (typeof rawOptions === "string" && rawOptions) {
    try {
      options = JSON.parse(rawOptions);
    } catch {
      throw new AppError("invalid_input", "导入选项不是有效的 JSON");
    }
  }
  const preview = await previewImport(prisma(), importerOf(actor), {
    planCode: params.code,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    options: parseInput(importOptionsInput, options),
  });
  return NextResponse.json({ preview }, { status: 201 });
});
