import { bucketIndex, type SerializedHistogram } from './histogram.ts';

/**
 * Values filed under the second (since `originMs`, epoch ms) they belong to, in bounded memory:
 * once a run outgrows `maxBins` the bin width doubles and neighbouring bins merge, so a
 * day-long run costs what a 20-minute one does, only coarser. Dependency-free.
 */
export class SecondBins<T> {
  binS = 1;
  private readonly bins = new Map<number, T>();

  constructor(
    public originMs: number,
    private readonly create: () => T,
    private readonly merge: (into: T, from: T) => void,
    private readonly maxBins = 1200,
  ) {}

  /** The bin holding epoch ms `atMs`; undefined before the origin (or for a non-number). */
  at(atMs: number): T | undefined {
    const second = Math.floor((atMs - this.originMs) / 1000);
    if (!(second >= 0)) return undefined;
    while (second >= this.binS * this.maxBins) this.coarsen();
    const index = Math.floor(second / this.binS);
    let bin = this.bins.get(index);
    if (bin === undefined) this.bins.set(index, (bin = this.create()));
    return bin;
  }

  /** [bin index, value] in time order. */
  entries(): [number, T][] {
    return [...this.bins].sort((a, b) => a[0] - b[0]);
  }

  /** The wire form (contracts/second-series.ts). */
  serialize<U>(toJSON: (value: T) => U): { originMs: number; binS: number; bins: [number, U][] } {
    return { originMs: this.originMs, binS: this.binS, bins: this.entries().map(([i, v]) => [i, toJSON(v)]) };
  }

  reset(originMs: number): void {
    this.originMs = originMs;
    this.binS = 1;
    this.bins.clear();
  }

  private coarsen(): void {
    const old = [...this.bins];
    this.bins.clear();
    this.binS *= 2;
    for (const [index, value] of old) {
      const into = this.bins.get(index >> 1);
      if (into === undefined) this.bins.set(index >> 1, value);
      else this.merge(into, value);
    }
  }
}

/**
 * A sparse twin of Histogram (same buckets, same serialised form) for the many small
 * distributions of a per-second series: it costs what it holds, not 2,300 counters.
 */
export class SparseHistogram {
  private readonly counts = new Map<number, number>();
  count = 0;
  min = Infinity;
  max = 0;
  sum = 0;

  recordMs(valueMs: number): void {
    const v = valueMs > 0 ? valueMs * 1000 : 0;
    const i = bucketIndex(v);
    this.counts.set(i, (this.counts.get(i) ?? 0) + 1);
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  add(other: SparseHistogram): void {
    for (const [i, c] of other.counts) this.counts.set(i, (this.counts.get(i) ?? 0) + c);
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  toJSON(): SerializedHistogram {
    const buckets = [...this.counts].sort((a, b) => a[0] - b[0]);
    return { unit: 'us', count: this.count, min: this.count ? this.min : 0, max: this.max, sum: this.sum, buckets };
  }
}

/** Per-second counts by key (fault kinds). */
export function createCountBins(originMs: number): SecondBins<Record<string, number>> {
  return new SecondBins<Record<string, number>>(
    originMs,
    () => ({}),
    (into, from) => {
      for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
    },
  );
}

/** Per-second latency distributions. */
export function createLatencyBins(originMs: number): SecondBins<SparseHistogram> {
  return new SecondBins<SparseHistogram>(
    originMs,
    () => new SparseHistogram(),
    (into, from) => into.add(from),
  );
}
