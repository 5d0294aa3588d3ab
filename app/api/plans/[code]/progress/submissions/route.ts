import { mutationRoute } from "@/lib/api/routes";
import { submitReportsMutation } from "@/lib/progress/monthly-reports";

/** Submits the saved drafts of these projects for the month. */
export const POST = mutationRoute(submitReportsMutation, {
  input: ({ params, body }) => ({ ...body, planCode: params.code }),
});
