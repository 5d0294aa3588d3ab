import { mutationRoute } from "@/lib/api/routes";
import { saveReportDraftsMutation } from "@/lib/progress/monthly-reports";

/** Saves a month's rows as drafts; 422 with the warnings until resent with confirmWarnings. */
export const POST = mutationRoute(saveReportDraftsMutation, {
  input: ({ params, body }) => ({ ...body, planCode: params.code }),
});
