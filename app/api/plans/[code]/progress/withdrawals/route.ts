import { mutationRoute } from "@/lib/api/routes";
import { withdrawReportsMutation } from "@/lib/progress/monthly-reports";

/** Takes back submissions not reviewed yet ({ year, month, reports: [{ projectId, reportId, version }] }). */
export const POST = mutationRoute(withdrawReportsMutation, {
  input: ({ params, body }) => ({ ...body, planCode: params.code }),
});
