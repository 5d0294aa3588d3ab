import { json, mutationRoute } from "@/lib/api/routes";
import { createAdjustmentMutation } from "@/lib/versions/adjustments";

/** A new 中期调整 of the plan (a draft, prepared by the DRC). */
export const POST = mutationRoute(createAdjustmentMutation, {
  input: ({ params, body }) => ({ planCode: params.code ?? "", title: body.title }),
  respond: json(201),
});
