import { mutationRoute } from "@/lib/api/routes";
import { changeOwnPasswordMutation } from "@/lib/users/user-mutations";

/** The signed-in person's own password. */
export const POST = mutationRoute(changeOwnPasswordMutation);
