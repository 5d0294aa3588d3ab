import { mutationRoute } from "@/lib/api/routes";
import { previewReportTemplateMutation } from "@/lib/progress/report-template";
import { templateUpload } from "../form-input";

/** A filled 填报模板 read against the month: every row, what changes, errors per cell; nothing is saved. */
export const POST = mutationRoute(previewReportTemplateMutation, {
  body: "multipart",
  input: ({ params, form }) => templateUpload(params.code ?? "", form),
});
