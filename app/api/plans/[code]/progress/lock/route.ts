import { mutationRoute } from "@/lib/api/routes";
import { monthClosingMutation } from "@/lib/progress/month-closing";

/**
 * Closes a month for everyone ({ action: "close", year, month, version,
 * reason? }) or reopens it ({ action: "reopen", year, month, version, reason }).
 * The plan comes from the path, never from the body.
 */
export const PUT = mutationRoute(monthClosingMutation, {
  input: ({ params, body }) => ({ ...body, planCode: params.code }),
});
