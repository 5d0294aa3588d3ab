import { mutationRoute } from "@/lib/api/routes";
import { setMonthLockedMutation } from "@/lib/progress/reporting-months";

/** Closes (locked: true) or reopens a month for everyone. */
export const PUT = mutationRoute(setMonthLockedMutation, {
  input: ({ params, body }) => ({ ...body, planCode: params.code }),
});
