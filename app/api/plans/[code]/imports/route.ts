import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { importerOf, previewImport } from "@/lib/import/import-annex";

const MAX_BYTES = 20 * 1024 * 1024;

/** Uploads an annex file (multipart field "file") and answers with its preview; nothing is written to the plan. */
export const POST = withActor<{ code: string }>("annex.import", async (request, { actor, params }) => {
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) throw new AppError("invalid_input", "请选择要导入的 Excel（.xlsx）或 CSV 文件");
  if (file.size > MAX_BYTES) throw new AppError("invalid_input", "文件超过 20 MB");
  const preview = await previewImport(prisma(), importerOf(actor), {
    planCode: params.code,
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  return NextResponse.json({ preview }, { status: 201 });
});
