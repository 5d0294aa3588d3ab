import { parseInput } from "@/lib/validation/parse-input";
import { mutationRoute, readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { monthParamSchema } from "@/lib/progress/progress-input";
import { importReportTemplateMutation, reportTemplateScopeSchema, reportTemplateWorkbook } from "@/lib/progress/report-template";
import { templateUpload, unitParam } from "./form-input";

/** The month's 填报模板 (xlsx): GET ?month=2026-10[&unit=ID]. */
export const GET = readRoute<{ code: string }>(["progress.report.any", "progress.report.own"], async (request, { actor, params }) => {
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

/** A filled 填报模板 (multipart: file, month, unit?, basis): its changed rows saved as drafts in one transaction. */
export const POST = mutationRoute(importReportTemplateMutation, {
  body: "multipart",
  input: ({ params, form }) => templateUpload(params.code ?? "", form),
});
