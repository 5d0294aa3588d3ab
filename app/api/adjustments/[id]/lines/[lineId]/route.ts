import { idParam, mutationRoute } from "@/lib/api/routes";
import { removeAdjustmentLineMutation } from "@/lib/versions/adjustments";

/** A line removed from a draft or returned adjustment (?version= the adjustment's version as seen). */
export const DELETE = mutationRoute(removeAdjustmentLineMutation, {
  input: ({ params, query }) => ({ adjustmentId: idParam(params.id, "中期调整"), lineId: idParam(params.lineId, "调整行"), version: Number(query.get("version") ?? "") || undefined }),
});
