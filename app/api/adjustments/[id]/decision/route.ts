import { idParam, mutationRoute } from "@/lib/api/routes";
import { decideAdjustmentMutation } from "@/lib/versions/adjustments";

/** Approve (the plan's next version) or return with a comment: { version, decision, comment }. */
export const POST = mutationRoute(decideAdjustmentMutation, {
  input: ({ params, body }) => ({ ...body, adjustmentId: idParam(params.id, "中期调整") }),
});
