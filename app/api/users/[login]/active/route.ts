import { mutationRoute } from "@/lib/api/routes";
import { setUserActiveMutation } from "@/lib/users/user-mutations";

// The account is the one in the path, never one named in the body.
export const POST = mutationRoute(setUserActiveMutation, {
  input: ({ body, params }) => ({ ...body, login: params.login }),
});
