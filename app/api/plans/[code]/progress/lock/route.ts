import { NextResponse } from "next/server";
import { parseInput, readJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { monthLockSchema } from "@/lib/progress/progress-input";
import { setMonthLocked } from "@/lib/progress/reporting-months";

/** Closes (locked: true) or reopens a month for everyone. */
export const PUT = withActor<{ code: string }>("progress.manage", async (request, { actor, params }) => {
  const input = parseInput(monthLockSchema, { ...(await readJson(request)), planCode: params.code });
  return NextResponse.json(await setMonthLocked(prisma(), actor, params.code, input, input.locked));
});
