// The longest stalls of the event loop in a period, each with the requests that
// were in flight when it happened: what the load test's event-loop delay was made of.

export type LongBlock = { at: string; ms: number; inFlight: string[] };

/** The `keep` longest blocks of at least `thresholdMs`, and the count and sum of all of them. */
export class LongBlocks {
  private longest: LongBlock[] = [];
  private count = 0;
  private totalMs = 0;

  constructor(
    private readonly thresholdMs: number,
    private readonly keep: number,
  ) {}

  add(block: LongBlock): void {
    if (block.ms < this.thresholdMs) return;
    this.count++;
    this.totalMs += block.ms;
    if (this.longest.length >= this.keep && block.ms <= this.longest[this.longest.length - 1]!.ms) return;
    // What was in flight, by kind of request (a path's numbers and query dropped), the most frequent first.
    this.longest.push({ ...block, inFlight: summarisePaths(block.inFlight) });
    this.longest.sort((a, b) => b.ms - a.ms);
    this.longest.length = Math.min(this.longest.length, this.keep);
  }

  summary(): { count: number; totalMs: number; longest: LongBlock[] } {
    return { count: this.count, totalMs: this.totalMs, longest: this.longest.map((b) => ({ ...b, inFlight: [...b.inFlight] })) };
  }

  reset(): void {
    this.longest = [];
    this.count = 0;
    this.totalMs = 0;
  }
}

/** "/plans/bench-01/rollups?month=…" ×3 → "/plans/:id/rollups ×3": a request's kind, not its parameters. */
export function summarisePaths(paths: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const raw of paths) {
    const path = raw.split("?")[0]!.replace(/\/[^/]*\d[^/]*/g, "/:id");
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([path, n]) => (n > 1 ? `${path} ×${n}` : path));
}
