import { idParam, json, mutationRoute } from "@/lib/api/routes";
import { proposeCountySharesMutation, setCountySharesMutation } from "@/lib/projects/county-shares";

/** The project's split by county, replaced as a whole (the DRC): { version, shares: [{ regionCode, total, fyp }] }. */
export const PUT = mutationRoute(setCountySharesMutation, {
  input: ({ params, body }) => ({ ...body, projectId: idParam(params.id, "项目") }),
});

/** A unit proposes its project's split (a change request the DRC accepts or returns): { shares, reason } → 201 { id }. */
export const POST = mutationRoute(proposeCountySharesMutation, {
  input: ({ params, body }) => ({ ...body, projectId: idParam(params.id, "项目") }),
  respond: json(201),
});
