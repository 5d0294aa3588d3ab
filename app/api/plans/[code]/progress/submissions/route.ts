import { mutationRoute } from "@/lib/api/routes";
import { submitReportsMutation } from "@/lib/progress/monthly-reports";

/** Submits the saved drafts the unit saw ({ year, month, reports: [{ projectId, reportId, version }] }). */
export const POST = mutationRoute(submitReportsMutation, {
  input: ({ params, body }) => ({ ...body, planCode: params.code }),
});
