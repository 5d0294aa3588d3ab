import { idParam, mutationRoute } from "@/lib/api/routes";
import { renameUnitMutation } from "@/lib/units/unit-registry";

export const PATCH = mutationRoute(renameUnitMutation, {
  input: ({ params, body }) => ({ unitId: idParam(params.id, "单位"), rename: body }),
});
