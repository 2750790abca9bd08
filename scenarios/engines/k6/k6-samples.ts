import type { Counters, RunRecord, Scenario } from '../../../common/contracts/index.ts';
import { countErrors, rateAt, totalDurationS, type AttemptOutcome } from '../../model/index.ts';
import {
  ACKED_IDS,
  ATTEMPT_MS,
  CLOCK_MS,
  CONNECT_ACKED,
  COUNTER_METRICS,
  decodeAckedId,
  LATE_COPY_MS,
  TREND,
} from '../../k6/index.ts';
import { targetRateOfSecond, type ProgressSnapshot } from '../node/node-engine-run.ts';
import { RunStats } from '../record/run-stats.ts';

/** One `Point` line of k6's JSON output (`--out json=`), the part we read. */
interface K6Point {
  type: 'Point';
  metric: string;
  data: { time: string; value: number; tags?: Record<string, string> | null };
}

const OUTCOMES = new Set<AttemptOutcome>([
  'ok',
  'redirect',
  'client-error',
  'server-error',
  'timeout',
  'connection-error',
]);

/** Counters taken from k6's own counter samples; sent, outcomes, dropped and acked come from richer samples. */
const FROM_COUNTER_SAMPLES: Map<string, keyof Counters> = new Map(
  (Object.entries(COUNTER_METRICS) as [keyof Counters, string][])
    .filter(
      ([field]) =>
        ![
          'sent',
          'status2xx',
          'status3xx',
          'status4xx',
          'status5xx',
          'timeouts',
          'connectionErrors',
          'dropped',
          'inboundMessagesAcked',
        ].includes(field),
    )
    .map(([field, metric]) => [metric, field]),
);

/** Milliseconds since the epoch of a k6 sample time (RFC 3339, nanoseconds, any offset). */
export function parseK6Time(time: string): number {
  const match = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (!match) return Date.parse(time);
  return Date.parse(`${match[1]}${match[3]}`) + (match[2] ? Number(match[2]) * 1000 : 0);
}

/**
 * Builds the exact run record of a k6 run from k6's JSON output, the way the Node engine builds
 * its own (same RunStats: HDR histograms overall and by phase, per-second timeline, acknowledged
 * set as a bit set). Fed incrementally (`push`) while k6 runs, so memory stays bounded and a
 * progress line can be printed; `finish` merges it into the record handleSummary wrote.
 *
 * Reads: `wa_clock_ms` (setup's clock), `wa_attempt_ms` (one per attempt: ms since its intended
 * time, tags outcome/signed/phase), `wa_acked_ids` (seq and parts of each acked delivery),
 * `wa_connect_acked` (calls `connect` ids acked, tag `call`), `wa_dedupe_overhead`, the other `wa_*` counters, and k6's own `dropped_iterations`.
 */
export class K6SampleStream {
  readonly stats: RunStats;
  private startMs: number | undefined;
  private readonly early: K6Point[] = [];
  private partial = '';
  private lastProgress = { atMs: 0, deliveries: 0 };
  /** Lines that were not JSON (k6 cut short): counted, never fatal. */
  badLines = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly phases: RunRecord['phases'],
  ) {
    const openSeconds = Math.ceil(scenario.delivery.timeoutMs / 1000) + 15;
    this.stats = new RunStats(phases, openSeconds, (second) => targetRateOfSecond(scenario, second));
  }

  /** Feeds a chunk of the JSON output (any split; a partial last line is kept for the next chunk). */
  push(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** Epoch ms when k6 started iterating (setup's clock), once its sample was read. */
  get startedAtMs(): number | undefined {
    return this.startMs;
  }

  private line(line: string): void {
    if (!line.includes('"Point"') || !(line.includes('"wa_') || line.includes('"dropped_iterations"'))) return;
    let point: K6Point;
    try {
      point = JSON.parse(line) as K6Point;
    } catch {
      this.badLines++;
      return;
    }
    if (point.type !== 'Point') return;
    if (point.metric === CLOCK_MS) {
      this.startMs = point.data.value;
      for (const p of this.early.splice(0)) this.apply(p, this.startMs);
      return;
    }
    if (this.startMs === undefined) this.early.push(point);
    else this.apply(point, this.startMs);
  }

  private apply(point: K6Point, startMs: number): void {
    const { value } = point.data;
    const tags = point.data.tags ?? {};
    const phase = this.phases.length ? tags.phase : undefined;
    const stats = this.stats;
    switch (point.metric) {
      case ATTEMPT_MS: {
        const outcome = tags.outcome as AttemptOutcome;
        if (!OUTCOMES.has(outcome)) return;
        const intendedRelMs = Math.max(0, parseK6Time(point.data.time) - value - startMs);
        stats.count('sent', phase);
        stats.timeline.countSent(Math.floor(intendedRelMs / 1000));
        const latencyMs = tags.signed === '1' && outcome !== 'connection-error' ? value : undefined;
        stats.countOutcome(intendedRelMs, phase, outcome, latencyMs);
        return;
      }
      case ACKED_IDS: {
        const { seq, parts } = decodeAckedId(value);
        stats.countAcked(seq, parts, phase);
        return;
      }
      case CONNECT_ACKED:
        if (tags.call)
          stats.countConnectCallsAcked([tags.call], Math.max(0, parseK6Time(point.data.time) - value - startMs));
        return;
      case TREND.dedupe:
        stats.countDedupe(phase, value);
        return;
      case LATE_COPY_MS:
        stats.countLateCopy(value, tags.acked === '1');
        return;
      case 'dropped_iterations': {
        const relMs = Math.max(0, parseK6Time(point.data.time) - startMs);
        stats.countDropped(relMs, stats.phaseOf(relMs));
        return;
      }
      default: {
        const field = FROM_COUNTER_SAMPLES.get(point.metric);
        if (field) stats.count(field, phase, Math.round(value));
      }
    }
  }

  /** The progress snapshot at `nowMs` (epoch), as the Node engine reports it; undefined before setup. */
  progress(nowMs: number): ProgressSnapshot | undefined {
    if (this.startMs === undefined) return undefined;
    const elapsedS = Math.max(0, (nowMs - this.startMs) / 1000);
    const c = this.stats.counters;
    const deliveries = c.deliveries;
    const sinceS = (nowMs - this.lastProgress.atMs) / 1000;
    const achievedRate =
      this.lastProgress.atMs && sinceS > 0
        ? (deliveries - this.lastProgress.deliveries) / sinceS
        : elapsedS > 0
          ? deliveries / elapsedS
          : 0;
    this.lastProgress = { atMs: nowMs, deliveries };
    return {
      elapsedS,
      durationS: totalDurationS(this.scenario.load),
      targetRate: rateAt(this.scenario.load, elapsedS),
      achievedRate,
      sent: c.sent,
      errors: countErrors(c),
      dropped: c.dropped,
      p99Ms: this.stats.ack.percentileMs(99),
    };
  }

  /**
   * The exact record: counters, by-phase figures, timeline, histograms and the acknowledged bit
   * set from the samples; identity, config and status from the record handleSummary wrote.
   */
  finish(summaryRecord: RunRecord): RunRecord {
    if (this.partial) {
      this.line(this.partial);
      this.partial = '';
    }
    if (this.startMs === undefined)
      throw new Error('the JSON output holds no wa_clock_ms sample (setup() did not run)');
    const stats = this.stats;
    const phases = stats.phaseEntries();
    const endedMs = Date.parse(summaryRecord.endedAt);
    const ranS = Number.isFinite(endedMs) ? Math.ceil((endedMs - this.startMs) / 1000) : 0;
    const timelineSeconds =
      summaryRecord.status === 'aborted'
        ? Math.min(ranS, totalDurationS(this.scenario.load))
        : totalDurationS(this.scenario.load);
    return {
      ...summaryRecord,
      startedAt: new Date(this.startMs).toISOString(),
      timeline: stats.timeline.finish(Math.ceil(timelineSeconds)),
      latency: {
        ack: stats.ack.toJSON(),
        ackByPhase: Object.fromEntries(phases.map(([name, p]) => [name, p.ack.toJSON()])),
        dedupe: stats.dedupe.toJSON(),
        dedupeByPhase: Object.fromEntries(phases.map(([name, p]) => [name, p.dedupe.toJSON()])),
      },
      counters: { ...stats.counters },
      countersByPhase: Object.fromEntries(phases.map(([name, p]) => [name, { ...p.counters }])),
      acked: { mode: 'bitset', runId: summaryRecord.runId, seqs: stats.acked.encode(), multiPart: stats.multiPart },
      ...stats.callsConnectRecord(),
      ...(stats.lateCopies.sent ? { lateCopies: { ...stats.lateCopies } } : {}),
    };
  }
}
