/** Fixed-bucket latency histogram: 0.1 ms buckets up to 60 s, anything longer in the last one. */
const RESOLUTION_MS = 0.1;
const BUCKETS = 600_000;

/** What a histogram looks like on the wire between processes: non-empty buckets only. */
export interface HistogramData {
  buckets: [number, number][];
  count: number;
  sum: number;
  max: number;
}

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private total = 0;
  private sum = 0;
  private max = 0;

  get count(): number {
    return this.total;
  }

  record(ms: number): void {
    const value = Math.max(0, ms);
    this.counts[Math.min(BUCKETS - 1, Math.floor(value / RESOLUTION_MS))] += 1;
    this.total += 1;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  merge(data: HistogramData): void {
    for (const [bucket, count] of data.buckets) this.counts[bucket] += count;
    this.total += data.count;
    this.sum += data.sum;
    this.max = Math.max(this.max, data.max);
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sum = 0;
    this.max = 0;
  }

  toData(): HistogramData {
    const buckets: [number, number][] = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i] > 0) buckets.push([i, this.counts[i]]);
    return { buckets, count: this.total, sum: this.sum, max: this.max };
  }

  /** The upper edge of the bucket holding the p-th percentile, in ms; NaN when empty. */
  percentile(p: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, (i + 1) * RESOLUTION_MS);
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      count: this.total,
      mean: this.total > 0 ? this.sum / this.total : NaN,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.total > 0 ? this.max : NaN,
    };
  }
}

/** Median of a list of numbers; NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
