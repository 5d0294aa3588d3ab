import { NextResponse } from "next/server";
import { readRoute } from "@/lib/api/routes";
import { exportPool } from "@/lib/export/export-pool";
import { existingRequestGate } from "@/lib/http/request-gate";
import { serverMetrics } from "@/lib/monitoring/server-metrics";

export const dynamic = "force-dynamic";

/** This server process's event-loop delay, memory, export workers and request queue, for administrators (and the benchmark). ?reset=1 starts a new period. */
export const GET = readRoute("server.metrics", async (request) => {
  const reset = request.nextUrl.searchParams.get("reset") === "1";
  return NextResponse.json({ ...serverMetrics(reset), exports: exportPool().stats(reset), requests: existingRequestGate()?.stats(reset) ?? null });
});
