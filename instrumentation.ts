// Runs once when a server process starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServerMetrics } = await import("@/lib/monitoring/server-metrics");
    startServerMetrics();
  }
}
