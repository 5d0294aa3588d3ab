import { NextResponse } from "next/server";
import { prisma } from "@/lib/db/client";
import { databaseHealth } from "@/lib/db/health";
import { currentActor } from "@/lib/auth/session";

// Public on purpose (monitoring has no session), so it says only whether the
// application and its database answer. The server version and the migrations
// are shown to an administrator only: to anyone else they are a map for an attacker.
export const dynamic = "force-dynamic";

export async function GET() {
  const database = await databaseHealth(prisma());
  const ok = database.status === "up";
  const actor = ok ? await currentActor().catch(() => null) : null;
  const body = actor?.role === "ADMIN" ? { ok, database } : { ok };
  return NextResponse.json(body, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
