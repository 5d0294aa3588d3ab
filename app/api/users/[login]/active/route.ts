import { mutationRoute, type MutationRequest } from "@/lib/api/routes";
import { setUserActiveMutation } from "@/lib/users/user-mutations";

// The account is the one in the path, never one named in the body.
export const POST = mutationRoute(setUserActiveMutation, {
  input: ({ body, params }: MutationRequest<{ login: string }>) => ({ ...body, login: params.login }),
});
