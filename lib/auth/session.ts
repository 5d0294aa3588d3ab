// The signed-in person of a request (pages, route handlers, server actions).
// Kept apart from actor.ts so that the command line, which has no session,
// does not load next-auth.
import { getServerSession } from "next-auth";
import { prisma } from "@/lib/db/client";
import { loadActor, type Actor } from "./actor";
import { authOptions } from "./options";
import { checkSession } from "./sessions";

/**
 * The signed-in user's id, or null (the mutation runner loads the actor itself). The cookie alone is not enough: its
 * server-side session must still be open (not signed out, not idle for 30
 * minutes, not older than 12 hours, not ended by an administrator). A
 * database outage is thrown, for the edge to answer 503.
 */
export async function currentUserId(): Promise<number | null> {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  const sessionId = session?.user?.sid;
  if (typeof userId !== "number" || typeof sessionId !== "string") return null;
  const live = await checkSession(prisma(), sessionId, new Date());
  return live && live.userId === userId ? userId : null;
}

/** The signed-in actor, or null. For pages that redirect to the login page. */
export async function currentActor(): Promise<Actor | null> {
  const userId = await currentUserId();
  return userId === null ? null : loadActor(userId);
}
