import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { AppError } from "@/lib/errors";
import { prisma } from "@/lib/db/client";
import { previewReportTemplate, reportTemplateUploadSchema } from "@/lib/progress/report-template";
import { parseInput } from "@/lib/validation/parse-input";
import { templateUpload } from "../form-input";

/** A filled 填报模板 read against the month: every row, what changes, errors per cell; nothing is written. */
export const POST = readRoute<{ code: string }>(["progress.report.any", "progress.report.own"], async (request, { actor, params }) => {
  const form = await request.formData().catch(() => {
    throw new AppError("invalid_input", "上传内容不完整或格式不正确");
  });
  const { bytes, ...fields } = await templateUpload(params.code, form);
  const input = parseInput(reportTemplateUploadSchema, fields);
  return NextResponse.json({ preview: await previewReportTemplate(prisma(), actor, input, bytes) });
});
