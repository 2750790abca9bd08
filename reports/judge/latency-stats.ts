import { Histogram } from '../../common/core/index.ts';
import type { HistogramData } from '../../common/contracts/index.ts';
import type { LatencyStats } from '../schema/summary-schema.ts';

/** A merged latency distribution: exact when every part has buckets, conservative otherwise. */
export interface MergedLatency {
  stats: LatencyStats;
  /** Share of samples above a value (ms), 0–1; undefined when only percentiles are known. */
  fractionAboveMs?: (ms: number) => number;
}

function hasBuckets(h: HistogramData): boolean {
  return h.buckets.length > 0 || h.count === 0;
}

/** Percentile p from a k6-style percentile map (µs), falling back to max. */
function readPercentileUs(h: HistogramData, key: string): number {
  const p = h.percentiles ?? {};
  return p[key] ?? p[`p(${key.slice(1)})`] ?? p.max ?? h.max;
}

/**
 * Merges histograms from several engine instances or replicas. Bucketed parts merge exactly
 * (core Histogram); parts that only carry k6 percentiles cannot, so each percentile takes the
 * worst value across parts: a gate may then fail a little early, never pass wrongly.
 */
export function mergeLatency(parts: readonly HistogramData[]): MergedLatency | undefined {
  const withData = parts.filter((p) => p.count > 0);
  if (withData.length === 0) return undefined;
  if (withData.every(hasBuckets)) {
    const h = Histogram.merge(withData);
    return {
      stats: {
        count: h.count,
        p50Ms: h.percentileMs(50),
        p90Ms: h.percentileMs(90),
        p99Ms: h.percentileMs(99),
        maxMs: h.max / 1000,
        exact: true,
      },
      fractionAboveMs: (ms) => h.fractionAboveUs(ms * 1000),
    };
  }
  const worst = (key: string): number =>
    Math.max(
      ...withData.map((p) =>
        hasBuckets(p) ? Histogram.fromJSON(p).percentileUs(Number(key.slice(1))) : readPercentileUs(p, key),
      ),
    ) / 1000;
  return {
    stats: {
      count: withData.reduce((n, p) => n + p.count, 0),
      p50Ms: worst('p50'),
      p90Ms: worst('p90'),
      p99Ms: worst('p99'),
      maxMs: Math.max(...withData.map((p) => p.max)) / 1000,
      exact: false,
    },
  };
}

/** Merges a family of per-key histogram maps (ackByPhase of every instance) key by key. */
export function mergeHistogramMaps(maps: readonly Record<string, HistogramData>[]): Record<string, HistogramData[]> {
  const out: Record<string, HistogramData[]> = {};
  for (const map of maps) for (const [key, h] of Object.entries(map)) (out[key] ??= []).push(h);
  return out;
}
