import { idParam, mutationRoute } from "@/lib/api/routes";
import { mergeUnitsMutation } from "@/lib/units/unit-registry";

export const POST = mutationRoute(mergeUnitsMutation, {
  input: ({ params, body }) => ({ unitId: idParam(params.id, "单位"), merge: body }),
});
