import { idParam, json, mutationRoute } from "@/lib/api/routes";
import { addAdjustmentLineMutation } from "@/lib/versions/adjustments";

/** A line added to a draft or returned adjustment: { version, line }. */
export const POST = mutationRoute(addAdjustmentLineMutation, {
  input: ({ params, body }) => ({ adjustmentId: idParam(params.id, "中期调整"), version: body.version, line: body.line }),
  respond: json(201),
});
