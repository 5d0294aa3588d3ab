import { mutationRoute } from "@/lib/api/routes";
import { updateProgressSettingsMutation } from "@/lib/progress/reporting-months";

/** The reporting deadline and the traffic-light thresholds of the plan. */
export const PUT = mutationRoute(updateProgressSettingsMutation, {
  input: ({ params, body }) => ({ planCode: params.code, settings: body }),
});
