import { idParam, json, mutationRoute } from "@/lib/api/routes";
import { lineFromChangeRequestMutation } from "@/lib/versions/adjustments";

/** A unit's open change request of amounts taken in as a 调整投资 line: { version, changeRequestId }. */
export const POST = mutationRoute(lineFromChangeRequestMutation, {
  input: ({ params, body }) => ({ adjustmentId: idParam(params.id, "中期调整"), version: body.version, changeRequestId: body.changeRequestId }),
  respond: json(201),
});
