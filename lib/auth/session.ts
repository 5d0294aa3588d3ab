// The signed-in person of a request (pages, route handlers, server actions).
// Kept apart from actor.ts so that the command line, which has no session,
// does not load next-auth.
import { getServerSession } from "next-auth";
import { loadActor, type Actor } from "./actor";
import { authOptions } from "./options";

/** The signed-in actor, or null. For pages that redirect to the login page. */
export async function currentActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  return typeof userId === "number" ? loadActor(userId) : null;
}

/** The signed-in user's id, or null; the mutation runner loads the actor itself. */
export async function currentUserId(): Promise<number | null> {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  return typeof userId === "number" ? userId : null;
}
