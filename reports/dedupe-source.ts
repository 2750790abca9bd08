import type { Gates } from '../contracts/scenario.ts';
import { countPromBuckets, parsePromHistogram, quantileFromPromBuckets, subtractPromBuckets } from './prometheus.ts';

/** Dedupe overhead p99 read from the target's /metrics, or why it could not be. */
export type PromDedupe = { p99Ms: number; count: number; note: string } | { missing: string };

/**
 * Reads the dedupe histogram named in gates.dedupeMetric (seconds, Prometheus convention) from
 * the scrapes taken before and after the run, and takes the p99 of the difference.
 */
export function readDedupeFromMetrics(gates: Gates, before: string | undefined, after: string | undefined): PromDedupe {
  const metric = gates.dedupeMetric;
  if (!metric) return { missing: 'no gates.dedupeMetric configured' };
  if (after === undefined) return { missing: `no /metrics scrape after the run to read ${metric} from` };
  const afterBuckets = parsePromHistogram(after, metric);
  if (!afterBuckets) return { missing: `histogram ${metric} not found in the target's /metrics` };
  const beforeBuckets = before === undefined ? undefined : parsePromHistogram(before, metric);
  const delta = subtractPromBuckets(afterBuckets, beforeBuckets);
  const count = countPromBuckets(delta);
  const p99S = quantileFromPromBuckets(delta, 0.99);
  if (p99S === undefined || count === 0) return { missing: `histogram ${metric} recorded no observations during the run` };
  const scope = before === undefined ? ' (no scrape before the run: counts since the target started)' : '';
  return { p99Ms: p99S * 1000, count, note: `From /metrics histogram ${metric}: ${count} observations during the run${scope}; p99 interpolated within buckets.` };
}
