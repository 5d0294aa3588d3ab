import { idParam, json, mutationRoute } from "@/lib/api/routes";
import { restoreProjectMutation } from "@/lib/projects/delete-project";

export const POST = mutationRoute(restoreProjectMutation, {
  input: ({ params }) => ({ projectId: idParam(params.id, "项目") }),
  respond: json(200, "project"),
});
