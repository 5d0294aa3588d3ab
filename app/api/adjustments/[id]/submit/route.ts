import { idParam, mutationRoute } from "@/lib/api/routes";
import { submitAdjustmentMutation } from "@/lib/versions/adjustments";

export const POST = mutationRoute(submitAdjustmentMutation, {
  input: ({ params, body }) => ({ adjustmentId: idParam(params.id, "中期调整"), version: body.version }),
});
