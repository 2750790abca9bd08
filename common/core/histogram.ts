/**
 * A log-linear latency histogram in the spirit of HdrHistogram: 64 linear sub-buckets per
 * power of two (relative error under 1.6 %), integer microseconds from 0 to about 2^40 µs
 * (12 days). Fixed memory (~2,300 counters), mergeable by adding counts, serialisable as
 * sparse `[index, count]` pairs. Dependency-free so k6 and Node share it.
 */
const SUB_BITS = 6;
const SUB = 1 << SUB_BITS; // 64
const LINEAR_LIMIT = SUB * 2; // values below 128 µs are exact
const MAX_EXP = 40;
export const HISTOGRAM_BUCKETS = LINEAR_LIMIT + (MAX_EXP - SUB_BITS) * SUB;

export interface SerializedHistogram {
  unit: 'us';
  count: number;
  min: number;
  max: number;
  sum: number;
  buckets: [number, number][];
}

export function bucketIndex(valueUs: number): number {
  const v = Math.max(0, Math.floor(valueUs));
  if (v < LINEAR_LIMIT) return v;
  const exp = Math.floor(Math.log2(v)); // ≥ 7
  const shift = exp - SUB_BITS; // ≥ 1
  const sub = Math.floor(v / 2 ** shift); // in [64, 128)
  const idx = LINEAR_LIMIT + (shift - 1) * SUB + (sub - SUB);
  return Math.min(idx, HISTOGRAM_BUCKETS - 1);
}

/** Highest value that lands in the bucket (HDR's "highest equivalent value"). */
export function bucketUpperUs(index: number): number {
  if (index < LINEAR_LIMIT) return index;
  const rel = index - LINEAR_LIMIT;
  const shift = Math.floor(rel / SUB) + 1;
  const sub = (rel % SUB) + SUB;
  return (sub + 1) * 2 ** shift - 1;
}

export class Histogram {
  readonly counts = new Float64Array(HISTOGRAM_BUCKETS);
  count = 0;
  min = Infinity;
  max = 0;
  sum = 0;

  /** Records a value in microseconds (negative values clamp to 0). */
  recordUs(valueUs: number, times = 1): void {
    const v = valueUs > 0 ? valueUs : 0;
    const i = bucketIndex(v);
    this.counts[i] = (this.counts[i] ?? 0) + times;
    this.count += times;
    this.sum += v * times;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  recordMs(valueMs: number, times = 1): void {
    this.recordUs(valueMs * 1000, times);
  }

  /** Value at a percentile (0–100) in microseconds; 0 for an empty histogram. */
  percentileUs(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((Math.min(100, Math.max(0, p)) / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(bucketUpperUs(i), this.max);
    }
    return this.max;
  }

  percentileMs(p: number): number {
    return this.percentileUs(p) / 1000;
  }

  /** Share of recorded values strictly above a threshold, 0–1. */
  fractionAboveUs(thresholdUs: number): number {
    if (this.count === 0) return 0;
    const limit = bucketIndex(thresholdUs);
    let above = 0;
    for (let i = limit + 1; i < HISTOGRAM_BUCKETS; i++) above += this.counts[i] ?? 0;
    return above / this.count;
  }

  add(other: Histogram): this {
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      const c = other.counts[i] ?? 0;
      if (c) this.counts[i] = (this.counts[i] ?? 0) + c;
    }
    this.count += other.count;
    this.sum += other.sum;
    if (other.count) {
      this.min = Math.min(this.min, other.min);
      this.max = Math.max(this.max, other.max);
    }
    return this;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.min = Infinity;
    this.max = 0;
    this.sum = 0;
  }

  toJSON(): SerializedHistogram {
    const buckets: [number, number][] = [];
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      const c = this.counts[i] ?? 0;
      if (c) buckets.push([i, c]);
    }
    return { unit: 'us', count: this.count, min: this.count ? this.min : 0, max: this.max, sum: this.sum, buckets };
  }

  static fromJSON(data: SerializedHistogram): Histogram {
    const h = new Histogram();
    for (const [i, c] of data.buckets) {
      if (i >= 0 && i < HISTOGRAM_BUCKETS) h.counts[i] = (h.counts[i] ?? 0) + c;
    }
    h.count = data.count;
    h.min = data.count ? data.min : Infinity;
    h.max = data.max;
    h.sum = data.sum;
    return h;
  }

  static merge(parts: readonly SerializedHistogram[]): Histogram {
    const h = new Histogram();
    for (const p of parts) h.add(Histogram.fromJSON(p));
    return h;
  }
}
