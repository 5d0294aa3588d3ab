import { NextResponse } from "next/server";
import { prisma } from "@/lib/db/client";
import { databaseHealth } from "@/lib/db/health";

// Public on purpose (monitoring has no session); it says nothing about the data.
export const dynamic = "force-dynamic";

export async function GET() {
  const database = await databaseHealth(prisma());
  const ok = database.status === "up";
  return NextResponse.json({ status: ok ? "ok" : "error", database }, { status: ok ? 200 : 503 });
}
