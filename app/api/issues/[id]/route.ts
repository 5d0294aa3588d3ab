import { idParam, json, mutationRoute } from "@/lib/api/routes";
import { updateIssueMutation } from "@/lib/progress/coordination-issues";

/** Follows up a problem: who must act, by when, its state and how it was resolved. */
export const PATCH = mutationRoute(updateIssueMutation, {
  input: ({ params, body }) => ({ issueId: idParam(params.id, "协调事项"), update: body }),
  respond: json(200, "issue"),
});
