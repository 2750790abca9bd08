import type { RedisProxyStats, Gates } from '../../common/contracts/index.ts';
import { mergeLatency } from './latency-stats.ts';
import {
  countPromBuckets,
  parsePromHistogram,
  quantileFromPromBuckets,
  subtractPromBuckets,
} from '../render/prometheus.ts';

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
  if (p99S === undefined || count === 0)
    return { missing: `histogram ${metric} recorded no observations during the run` };
  const scope = before === undefined ? ' (no scrape before the run: counts since the target started)' : '';
  return {
    p99Ms: p99S * 1000,
    count,
    note: `From /metrics histogram ${metric}: ${count} observations during the run${scope}; p99 interpolated within buckets.`,
  };
}

/** Dedupe decision p99 measured by the Redis proxy on the wire, or why there is none. */
export type WireDedupe = { p99Ms: number; count: number; note: string } | { missing: string };

/**
 * The `redis-wire` source: request → reply of each dedupe-shaped Redis command (SET NX, SETNX,
 * GET/EXISTS + SET, a dedupe EVAL) as the target saw it, so it works for any black-box target
 * whose dedupe goes through the proxy.
 */
export function readDedupeFromWire(stats: RedisProxyStats | undefined): WireDedupe {
  if (!stats) return { missing: 'no Redis proxy in this run (--redis-proxy)' };
  const merged = mergeLatency([stats.dedupe.latency]);
  if (!merged)
    return { missing: `the Redis proxy saw no dedupe-shaped command among ${stats.commands.total} commands` };
  const tied = stats.dedupe.tiedToMessage;
  return {
    p99Ms: merged.stats.p99Ms,
    count: merged.stats.count,
    note: `Measured on the wire by the Redis proxy: ${merged.stats.count} dedupe decisions (${tied} keyed by an inbound message id), request to reply, one Redis round trip each as the target saw it (excludes the target's own client-side overhead).`,
  };
}
