/** Cumulative bucket counts of one Prometheus histogram, summed over every label set. */
export type PromBuckets = Map<number, number>;

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LE_LABEL = /(?:^|,)\s*le\s*=\s*"([^"]*)"/;

function parseLe(text: string): number {
  if (text === '+Inf') return Infinity;
  return Number(text);
}

/**
 * Reads `<name>_bucket{…,le="…"} <count>` samples from a Prometheus text exposition. Label sets
 * other than `le` (route, method, …) are summed: dedupe overhead is judged over all traffic.
 * Returns undefined when the metric is absent.
 */
export function parsePromHistogram(text: string, metric: string): PromBuckets | undefined {
  const name = metric.replace(/_bucket$/, '') + '_bucket';
  const buckets: PromBuckets = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = SAMPLE_LINE.exec(line.trim());
    if (!m || m[1] !== name) continue;
    const le = LE_LABEL.exec(m[2] ?? '');
    const value = Number(m[3]);
    if (!le?.[1] || !Number.isFinite(value)) continue;
    const bound = parseLe(le[1]);
    if (Number.isNaN(bound)) continue;
    buckets.set(bound, (buckets.get(bound) ?? 0) + value);
  }
  return buckets.size ? buckets : undefined;
}

/** after − before, bucket by bucket (a counter reset in between shows as negative: clamp). */
export function subtractPromBuckets(after: PromBuckets, before: PromBuckets | undefined): PromBuckets {
  const out: PromBuckets = new Map();
  for (const [le, count] of after) out.set(le, Math.max(0, count - (before?.get(le) ?? 0)));
  return out;
}

/** Total observations in cumulative buckets (the +Inf bucket, else the largest). */
export function countPromBuckets(buckets: PromBuckets): number {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const last = bounds[bounds.length - 1];
  return last === undefined ? 0 : (buckets.get(last) ?? 0);
}

/**
 * The quantile (0–1) the way PromQL's histogram_quantile computes it: linear interpolation
 * inside the bucket holding the rank; a rank in the +Inf bucket returns the highest finite bound.
 */
export function quantileFromPromBuckets(buckets: PromBuckets, q: number): number | undefined {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const total = countPromBuckets(buckets);
  if (total <= 0) return undefined;
  const rank = q * total;
  let prevBound = 0;
  let prevCount = 0;
  for (const bound of bounds) {
    const count = buckets.get(bound) ?? 0;
    if (count >= rank) {
      if (bound === Infinity) return prevBound;
      if (count === prevCount) return bound;
      return prevBound + ((bound - prevBound) * (rank - prevCount)) / (count - prevCount);
    }
    prevBound = bound === Infinity ? prevBound : bound;
    prevCount = count;
  }
  return prevBound;
}
