import { Histogram } from '../../common/core/index.ts';
import type { HistogramData, LedgerRun, LedgerStats } from '../../common/contracts/index.ts';
import { decodeBytes, encodeBytes, UserError } from '../../common/node/index.ts';
import { mergeCountSeconds, mergeLatencySeconds } from './second-series.ts';

type ByteOp = (a: number, b: number) => number;
const addSaturating: ByteOp = (a, b) => Math.min(255, a + b);
const or: ByteOp = (a, b) => a | b;

function combineBytes(a: Uint8Array, b: Uint8Array, op: ByteOp): Uint8Array {
  const out = new Uint8Array(Math.max(a.length, b.length));
  out.set(a);
  for (let i = 0; i < b.length; i++) out[i] = op(out[i] ?? 0, b[i] ?? 0);
  return out;
}

function mergeRun(a: LedgerRun, b: LedgerRun): LedgerRun {
  const parts = new Map<string, [number, number, number, number, number]>();
  for (const e of [...a.extraParts, ...b.extraParts]) {
    const key = `${e[0]}:${e[1]}`;
    const seen = parts.get(key);
    parts.set(
      key,
      seen ? [e[0], e[1], addSaturating(seen[2], e[2]), addSaturating(seen[3], e[3]), seen[4] | e[4]] : [...e],
    );
  }
  return {
    runId: a.runId,
    replies: encodeBytes(combineBytes(decodeBytes(a.replies), decodeBytes(b.replies), addSaturating)),
    reads: encodeBytes(combineBytes(decodeBytes(a.reads), decodeBytes(b.reads), addSaturating)),
    flags: encodeBytes(combineBytes(decodeBytes(a.flags), decodeBytes(b.flags), or)),
    extraParts: [...parts.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]),
  };
}

function addRecords(maps: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const map of maps) for (const [k, v] of Object.entries(map)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Bucketed histograms merge exactly; a percentile-only one cannot be added to, so keep the worst. */
export function mergeHistograms(parts: readonly HistogramData[]): HistogramData {
  const withData = parts.filter((p) => p.count > 0);
  if (withData.every((p) => p.buckets.length > 0)) return Histogram.merge(parts).toJSON();
  const worst = withData.reduce((a, b) => ((b.percentiles?.p99 ?? b.max) > (a.percentiles?.p99 ?? a.max) ? b : a));
  return { ...worst, count: withData.reduce((n, p) => n + p.count, 0), sum: withData.reduce((n, p) => n + p.sum, 0) };
}

function mergeHistogramRecords(maps: readonly Record<string, HistogramData>[]): Record<string, HistogramData> {
  const grouped: Record<string, HistogramData[]> = {};
  for (const map of maps) for (const [k, h] of Object.entries(map)) (grouped[k] ??= []).push(h);
  return Object.fromEntries(Object.entries(grouped).map(([k, hs]) => [k, mergeHistograms(hs)]));
}

/**
 * Merges the ledgers of several mock replicas that shared one run's traffic: per-message counts
 * add (saturating at 255 like the ledger), flags OR, histograms merge, records add.
 */
export function mergeLedgerStats(parts: readonly LedgerStats[]): LedgerStats {
  const [first, ...rest] = parts;
  if (!first)
    throw new UserError('Could not merge ledger stats: none were given. Pass at least one ledger-stats.json.');
  if (rest.length === 0) return first;
  const runs = new Map<string, LedgerRun>();
  for (const run of parts.flatMap((p) => p.runs)) {
    const seen = runs.get(run.runId);
    runs.set(run.runId, seen ? mergeRun(seen, run) : run);
  }
  return {
    schemaVersion: first.schemaVersion,
    kind: 'ledger-stats',
    replicas: parts.reduce((n, p) => n + p.replicas, 0),
    startedAt: parts.map((p) => p.startedAt).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a)),
    generatedAt: parts.map((p) => p.generatedAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
    committedByType: addRecords(parts.map((p) => p.committedByType)),
    rejectedByCode: addRecords(parts.map((p) => p.rejectedByCode)),
    uncorrelated: parts.reduce((n, p) => n + p.uncorrelated, 0),
    runs: [...runs.values()],
    latency: {
      reply: mergeHistograms(parts.map((p) => p.latency.reply)),
      replyByPhase: mergeHistogramRecords(parts.map((p) => p.latency.replyByPhase)),
      ...(parts.some((p) => p.latency.replySettlingByPhase)
        ? { replySettlingByPhase: mergeHistogramRecords(parts.map((p) => p.latency.replySettlingByPhase ?? {})) }
        : {}),
      read: mergeHistograms(parts.map((p) => p.latency.read)),
    },
    faults: addRecords(parts.map((p) => p.faults)),
    ...mergeSeries(parts),
    retriedNonRetryable: parts.reduce((n, p) => n + p.retriedNonRetryable, 0),
    limits: {
      throughput: parts.reduce((n, p) => n + p.limits.throughput, 0),
      pairRate: parts.reduce((n, p) => n + p.limits.pairRate, 0),
    },
    ...mergeCallAnswers(parts),
  };
}

/** Per-second series of the replicas that have them (older mocks have none). */
function mergeSeries(parts: readonly LedgerStats[]): Pick<LedgerStats, 'replyBySecond' | 'faultsBySecond'> {
  const replyBySecond = mergeLatencySeconds(parts.flatMap((p) => (p.replyBySecond ? [p.replyBySecond] : [])));
  const faultsBySecond = mergeCountSeconds(parts.flatMap((p) => (p.faultsBySecond ? [p.faultsBySecond] : [])));
  return { ...(replyBySecond && { replyBySecond }), ...(faultsBySecond && { faultsBySecond }) };
}

/** First answer per call id across replicas (the earliest wins). */
function mergeCallAnswers(parts: readonly LedgerStats[]): Pick<LedgerStats, 'callAnswers'> {
  const withAnswers = parts.filter((p) => p.callAnswers);
  if (!withAnswers.length) return {};
  const first: Record<string, [number, string]> = {};
  let overflow = 0;
  for (const part of withAnswers) {
    overflow += part.callAnswers!.overflow;
    for (const [callId, answer] of Object.entries(part.callAnswers!.first)) {
      const before = first[callId];
      if (!before || answer[0] < before[0]) first[callId] = answer;
    }
  }
  return { callAnswers: { first, overflow } };
}
