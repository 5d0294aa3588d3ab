// Runs once when a server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // ANNEX_TIME_ZONE that is not a zone: refused at start, not at the first page.
    const { configuredTimeZone } = await import("@/lib/time/time-zone");
    configuredTimeZone(process.env);
    const { startServerMetrics } = await import("@/lib/monitoring/server-metrics");
    startServerMetrics();
  }
}
