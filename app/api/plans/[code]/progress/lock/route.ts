import { NextResponse } from "next/server";
import { readJson, withActor } from "@/lib/api/route";
import { prisma } from "@/lib/db/client";
import { closeMonthIn, reopenMonth } from "@/lib/progress/month-closing";
import { appNow } from "@/lib/time/clock";

/**
 * Closes a month for everyone ({ action: "close", year, month, version,
 * reason? }) or reopens it ({ action: "reopen", year, month, version, reason }).
 * The body is parsed by the month's own schemas: only year, month, version
 * and reason are read from it.
 */
export const PUT = withActor<{ code: string }>("progress.manage", async (request, { actor, params }) => {
  const body = await readJson(request);
  const planCode = decodeURIComponent(params.code);
  const now = appNow();
  const result =
    body.action === "reopen"
      ? await prisma().$transaction((tx) => reopenMonth(tx, actor, planCode, body as never, now))
      : await closeMonthIn(prisma(), actor, planCode, body as never, now);
  return NextResponse.json(result);
});
