import { mutationRoute } from "@/lib/api/routes";
import { setUserRoleMutation } from "@/lib/users/user-mutations";

// The account is the one in the path, never one named in the body.
export const POST = mutationRoute(setUserRoleMutation, {
  input: ({ body, params }) => ({ ...body, login: params.login }),
});
