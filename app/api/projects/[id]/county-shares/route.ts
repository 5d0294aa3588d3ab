import { idParam, mutationRoute } from "@/lib/api/routes";
import { setCountySharesMutation } from "@/lib/projects/county-shares";

/** The project's split by county, replaced as a whole: { version, shares: [{ regionCode, total, fyp }] }. */
export const PUT = mutationRoute(setCountySharesMutation, {
  input: ({ params, body }) => ({ ...body, projectId: idParam(params.id, "项目") }),
});
