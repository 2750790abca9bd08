import type {
  HistogramData,
  Acked,
  Counters,
  MeasuredCounter,
  PhaseWindow,
  RunRecord,
  TimelinePoint,
} from '../../common/contracts/index.ts';
import { UserError } from '../../common/node/index.ts';
import { collectConnectCalls, type ConnectCalls } from './calls-gates.ts';
import { mergeHistogramMaps } from './latency-stats.ts';

/** Several engine instances (k6 execution segments, Node workers) seen as one run. */
export interface MergedRun {
  runId: string;
  scenario: string;
  engine: { name: string; version: string; instances: number };
  status: 'completed' | 'aborted';
  abortReason: string | null;
  startedAt: string;
  endedAt: string;
  phases: PhaseWindow[];
  timeline: TimelinePoint[];
  ack: HistogramData[];
  ackByPhase: Record<string, HistogramData[]>;
  dedupe: HistogramData[];
  dedupeByPhase: Record<string, HistogramData[]>;
  counters: Counters;
  countersByPhase: Record<string, Counters>;
  acked: Acked[];
  /** Acked calls `connect` webhooks of every instance; null when none (calls gates not applicable). */
  connectCalls: ConnectCalls | null;
  /** Late copies of every instance (sent added, the largest delay after an ack); null when none was sent. */
  lateCopies: NonNullable<RunRecord['lateCopies']> | null;
}

/** Adds two instances' counters; planned and unstarted only when both know them (k6's handleSummary record does not). */
export function addCounters(a: Counters, b: Counters): Counters {
  const { planned: plannedA, unstarted: unstartedA, ...out } = a;
  const { planned: plannedB, unstarted: unstartedB, ...measured } = b;
  for (const key of Object.keys(measured) as MeasuredCounter[]) out[key] = (out[key] ?? 0) + measured[key];
  if (plannedA === undefined || plannedB === undefined) return out;
  return { ...out, planned: plannedA + plannedB, unstarted: (unstartedA ?? 0) + (unstartedB ?? 0) };
}

/**
 * Adds timelines second by second. Counts and target rates add; percentiles of different
 * instances cannot be merged exactly, so p90/p99/max take the worst instance and p50 the
 * send-weighted mean (shown in charts, never used by a gate).
 */
function mergeTimelines(timelines: readonly TimelinePoint[][]): TimelinePoint[] {
  if (timelines.length === 1) return timelines[0] ?? [];
  const byT = new Map<number, { point: TimelinePoint; p50Weighted: number; weight: number }>();
  for (const timeline of timelines) {
    for (const p of timeline) {
      const seen = byT.get(p.t);
      if (!seen) {
        byT.set(p.t, { point: { ...p }, p50Weighted: p.p50Ms * p.sent, weight: p.sent });
        continue;
      }
      const q = seen.point;
      for (const key of [
        'targetRate',
        'sent',
        'ok',
        'clientErrors',
        'serverErrors',
        'timeouts',
        'connectionErrors',
        'dropped',
      ] as const)
        q[key] += p[key];
      for (const key of ['p90Ms', 'p99Ms', 'maxMs'] as const) q[key] = Math.max(q[key], p[key]);
      seen.p50Weighted += p.p50Ms * p.sent;
      seen.weight += p.sent;
      q.p50Ms = seen.weight ? seen.p50Weighted / seen.weight : Math.max(q.p50Ms, p.p50Ms);
    }
  }
  return [...byT.values()].map((v) => v.point).sort((a, b) => a.t - b.t);
}

function mergePhases(records: readonly RunRecord[]): PhaseWindow[] {
  const byName = new Map<string, PhaseWindow>();
  for (const r of records)
    for (const p of r.phases) {
      const seen = byName.get(p.name);
      byName.set(
        p.name,
        seen ? { ...seen, startS: Math.min(seen.startS, p.startS), endS: Math.max(seen.endS, p.endS) } : { ...p },
      );
    }
  return [...byName.values()].sort((a, b) => a.startS - b.startS);
}

function mergeCounterMaps(maps: readonly Record<string, Counters>[]): Record<string, Counters> {
  const out: Record<string, Counters> = {};
  for (const map of maps) for (const [k, c] of Object.entries(map)) out[k] = out[k] ? addCounters(out[k], c) : { ...c };
  return out;
}

const minIso = (xs: string[]): string => xs.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
const maxIso = (xs: string[]): string => xs.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));

/** Merges the run records of one run; refuses records of different scenarios. */
export function mergeRunRecords(records: readonly RunRecord[]): MergedRun {
  const first = records[0];
  if (!first)
    throw new UserError(
      'Could not build the report: no run record was given. Pass the run folder written by `npm run loadtest`.',
    );
  const other = records.find((r) => r.scenario !== first.scenario);
  if (other) {
    throw new UserError(
      `Could not merge run records: they come from different scenarios ("${first.scenario}" and "${other.scenario}"). Put only the records of one run in the folder.`,
    );
  }
  const names = [...new Set(records.map((r) => r.engine.name))];
  const versions = [...new Set(records.map((r) => r.engine.version))];
  const aborted = records.find((r) => r.status === 'aborted');
  return {
    runId: first.runId,
    scenario: first.scenario,
    engine: { name: names.join('+'), version: versions.join('+'), instances: records.length },
    status: aborted ? 'aborted' : 'completed',
    abortReason: aborted ? (aborted.abortReason ?? 'aborted (no reason recorded)') : null,
    startedAt: minIso(records.map((r) => r.startedAt)),
    endedAt: maxIso(records.map((r) => r.endedAt)),
    phases: mergePhases(records),
    timeline: mergeTimelines(records.map((r) => r.timeline)),
    ack: records.map((r) => r.latency.ack),
    ackByPhase: mergeHistogramMaps(records.map((r) => r.latency.ackByPhase)),
    dedupe: records.map((r) => r.latency.dedupe),
    dedupeByPhase: mergeHistogramMaps(records.map((r) => r.latency.dedupeByPhase)),
    counters: records.slice(1).reduce((acc, r) => addCounters(acc, r.counters), { ...first.counters }),
    countersByPhase: mergeCounterMaps(records.map((r) => r.countersByPhase)),
    acked: records.map((r) => r.acked),
    connectCalls: collectConnectCalls(records),
    lateCopies: mergeLateCopies(records),
  };
}

function mergeLateCopies(records: readonly RunRecord[]): MergedRun['lateCopies'] {
  const parts = records.flatMap((r) => (r.lateCopies ? [r.lateCopies] : []));
  if (!parts.length) return null;
  const maxes = parts.flatMap((p) => (p.maxDelayMsAfterAck === null ? [] : [p.maxDelayMsAfterAck]));
  return { sent: parts.reduce((n, p) => n + p.sent, 0), maxDelayMsAfterAck: maxes.length ? Math.max(...maxes) : null };
}
