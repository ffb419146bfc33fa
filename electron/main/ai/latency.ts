/** A bounded window of recent latencies with percentiles (for status and health). */
export class LatencyWindow {
  private readonly samples: number[] = [];
  private total = 0;

  constructor(private readonly capacity = 500) {}

  add(ms: number): void {
    this.samples.push(ms);
    this.total += 1;
    if (this.samples.length > this.capacity) this.samples.shift();
  }

  get count(): number {
    return this.total;
  }

  percentile(p: number): number | null {
    return percentile(this.samples, p);
  }

  summary(): { p50: number | null; p95: number | null; count: number } {
    return { p50: this.percentile(50), p95: this.percentile(95), count: this.total };
  }
}

/** Nearest-rank percentile; null for no samples. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round(sorted[rank - 1] * 10) / 10;
}
