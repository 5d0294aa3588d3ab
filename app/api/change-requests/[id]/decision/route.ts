import { idParam, mutationRoute } from "@/lib/api/routes";
import { decideChangeRequestMutation } from "@/lib/change-requests/change-requests";

export const POST = mutationRoute(decideChangeRequestMutation, {
  input: ({ params, body }) => ({ requestId: idParam(params.id, "变更申请"), decision: body }),
});
