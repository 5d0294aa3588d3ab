import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { parseInput, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { monthParamSchema } from "@/lib/progress/progress-input";
import {
  importReportTemplate,
  previewReportTemplate,
  reportTemplateScopeSchema,
  reportTemplateUploadSchema,
  reportTemplateWorkbook,
} from "@/lib/progress/report-template";

const MAX_BYTES = 10 * 1024 * 1024;
const REPORTERS = ["progress.report.any", "progress.report.own"] as const;

function unitParam(raw: FormDataEntryValue | string | null): number | null {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The month's 填报模板 (xlsx): GET ?month=2026-10[&unit=ID]. */
export const GET = withActor<{ code: string }>([...REPORTERS], async (request, { actor, params }) => {
  const query = request.nextUrl.searchParams;
  const month = parseInput(monthParamSchema, query.get("month"));
  const scope = parseInput(reportTemplateScopeSchema, { planCode: params.code, ...month, unitId: unitParam(query.get("unit")) });
  const { bytes, fileName } = await reportTemplateWorkbook(prisma(), actor, scope);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    },
  });
});

/**
 * A filled 填报模板 (multipart: file, month, unit?, mode=preview|save, basis?):
 * the preview of every row, or the changed rows saved as drafts in one transaction.
 */
export const POST = withActor<{ code: string }>([...REPORTERS], async (request, { actor, params }) => {
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) throw new AppError("invalid_input", "请选择填好的填报表（.xlsx）");
  if (file.size > MAX_BYTES) throw new AppError("invalid_input", "文件超过 10 MB，不是填报模板");
  const month = parseInput(monthParamSchema, String(form!.get("month") ?? "") || null);
  let basis: unknown = undefined;
  const basisText = form!.get("basis");
  if (typeof basisText === "string" && basisText) {
    try {
      basis = JSON.parse(basisText);
    } catch {
      throw new AppError("invalid_input", "预览信息无效，请重新上传");
    }
  }
  const input = parseInput(reportTemplateUploadSchema, { planCode: params.code, ...month, unitId: unitParam(form!.get("unit")), basis });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (form!.get("mode") === "save") {
    const result = await importReportTemplate(prisma(), actor, input, bytes);
    return NextResponse.json(result);
  }
  return NextResponse.json({ preview: await previewReportTemplate(prisma(), actor, input, bytes) });
});
