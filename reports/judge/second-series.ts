import { Histogram } from '../../common/core/index.ts';
import type { CountSeconds, HistogramData, LatencySeconds } from '../../common/contracts/index.ts';
import { MAX_TIMELINE_POINTS } from './downsample-timeline.ts';
import type { FaultTimeline, ReplyTimeline } from '../schema/series-schema.ts';

interface Bins<T> {
  originMs: number;
  binS: number;
  bins: [number, T][];
}

/**
 * Re-files bins of several series (their own origins and widths) into bins of `binS` seconds
 * from `originMs`, the offset rounded to whole seconds; bins before the new origin are left out.
 */
export function rebinSeconds<T, A>(
  parts: readonly Bins<T>[],
  originMs: number,
  binS: number,
  add: (into: A | undefined, value: T) => A,
): Map<number, A> {
  const out = new Map<number, A>();
  for (const part of parts) {
    const offsetS = Math.round((part.originMs - originMs) / 1000);
    for (const [index, value] of part.bins) {
      const target = Math.floor((offsetS + index * part.binS) / binS);
      if (target >= 0) out.set(target, add(out.get(target), value));
    }
  }
  return out;
}

const addHistogram = (into: Histogram | undefined, h: HistogramData): Histogram =>
  (into ?? new Histogram()).add(Histogram.fromJSON(h));
const addCounts = (
  into: Record<string, number> | undefined,
  counts: Record<string, number>,
): Record<string, number> => {
  const out = into ?? {};
  for (const [k, n] of Object.entries(counts)) out[k] = (out[k] ?? 0) + n;
  return out;
};

/** Merges the per-second series of several mock replicas into one (earliest origin, widest bins). */
export function mergeLatencySeconds(parts: readonly LatencySeconds[]): LatencySeconds | undefined {
  if (!parts.length) return undefined;
  const originMs = Math.min(...parts.map((p) => p.originMs));
  const binS = Math.max(...parts.map((p) => p.binS));
  const bins = rebinSeconds(parts, originMs, binS, addHistogram);
  return { originMs, binS, bins: [...bins].sort((a, b) => a[0] - b[0]).map(([i, h]) => [i, h.toJSON()]) };
}

export function mergeCountSeconds(parts: readonly CountSeconds[]): CountSeconds | undefined {
  if (!parts.length) return undefined;
  const originMs = Math.min(...parts.map((p) => p.originMs));
  const binS = Math.max(...parts.map((p) => p.binS));
  const bins = rebinSeconds(parts, originMs, binS, addCounts);
  return { originMs, binS, bins: [...bins].sort((a, b) => a[0] - b[0]) };
}

/** Points from second 0 to the last second with data (or `minSeconds`), in steps of the resolution. */
function resolution(
  series: readonly Bins<unknown>[],
  startedAtMs: number,
  minResolutionS: number,
  minSeconds: number,
): { resolutionS: number; count: number } {
  let lastS = minSeconds;
  for (const s of series) {
    const last = s.bins.at(-1);
    if (last) lastS = Math.max(lastS, Math.round((s.originMs - startedAtMs) / 1000) + (last[0] + 1) * s.binS);
  }
  // A whole number of source bins per point (widths are powers of two), or grouped points alias.
  const widest = Math.max(1, ...series.map((s) => s.binS));
  const resolutionS = Math.ceil(Math.max(minResolutionS, Math.ceil(lastS / MAX_TIMELINE_POINTS)) / widest) * widest;
  return { resolutionS, count: Math.max(0, Math.ceil(lastS / resolutionS)) };
}

const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * The webhook→reply chart's series: p50/p99 of the time from a webhook's send to its first
 * committed reply, by the second the webhook was sent, from `startedAtMs` (the run's second 0).
 * Groups of seconds merge their histograms exactly. Undefined when the ledger has no series.
 */
export function buildReplyTimeline(
  series: LatencySeconds | undefined,
  startedAtMs: number,
  options: { resolutionS: number; seconds: number },
): ReplyTimeline | undefined {
  if (!series) return undefined;
  const { resolutionS, count } = resolution([series], startedAtMs, options.resolutionS, options.seconds);
  const bins = rebinSeconds([series], startedAtMs, resolutionS, addHistogram);
  const points = Array.from({ length: count }, (_, i) => {
    const h = bins.get(i);
    return {
      t: i * resolutionS,
      count: h?.count ?? 0,
      p50Ms: h ? round(h.percentileMs(50)) : 0,
      p99Ms: h ? round(h.percentileMs(99)) : 0,
    };
  });
  return { resolutionS, points };
}

/**
 * The faults chart's series: faults injected per second by kind, the mock's kinds as they are
 * and the Redis proxy's as `redis <kind>`; groups of seconds read per second (sum ÷ width).
 * Undefined when neither source has a series.
 */
export function buildFaultTimeline(
  sources: { graph?: CountSeconds; redis?: CountSeconds },
  startedAtMs: number,
  options: { resolutionS: number; seconds: number },
): FaultTimeline | undefined {
  const renamed = [
    ...(sources.graph ? [sources.graph] : []),
    ...(sources.redis
      ? [
          {
            ...sources.redis,
            bins: sources.redis.bins.map(([i, c]): [number, Record<string, number>] => [
              i,
              Object.fromEntries(Object.entries(c).map(([k, n]) => [`redis ${k}`, n])),
            ]),
          },
        ]
      : []),
  ];
  if (!renamed.length) return undefined;
  const { resolutionS, count } = resolution(renamed, startedAtMs, options.resolutionS, options.seconds);
  const bins = rebinSeconds(renamed, startedAtMs, resolutionS, addCounts);
  const kinds = [...new Set([...bins.values()].flatMap((c) => Object.keys(c)))].sort();
  const points = Array.from({ length: count }, (_, i) => {
    const counts = bins.get(i) ?? {};
    return {
      t: i * resolutionS,
      perS: Object.fromEntries(kinds.map((k) => [k, round((counts[k] ?? 0) / resolutionS)])),
    };
  });
  return { resolutionS, kinds, points };
}
