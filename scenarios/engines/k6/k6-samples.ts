import type { RunRecord, Scenario } from '../../../common/contracts/index.ts';
import { OUTCOME_COUNTER, type AttemptOutcome } from '../../model/index.ts';
import {
  ACKED_IDS,
  ATTEMPT_MS,
  CLOCK_MS,
  CONNECT_ACKED,
  COUNTER_METRICS,
  decodeAckedId,
  LATE_COPY_MS,
  TREND,
  type MeasuredCounter,
} from '../../k6/index.ts';
import { buildRunRecord } from '../record/build-run-record.ts';
import { createProgressMeter, type ProgressSnapshot } from '../record/progress-snapshot.ts';
import { RunStats } from '../record/run-stats.ts';

/** One `Point` line of k6's JSON output (`--out json=`), the part we read. */
interface K6Point {
  type: 'Point';
  metric: string;
  data: { time: string; value: number; tags?: Record<string, string> | null };
}

const OUTCOMES = new Set(Object.keys(OUTCOME_COUNTER) as AttemptOutcome[]);

/** Counters that come from richer samples than k6's counters: attempts (sent, outcome class), drops, acks. */
const FROM_RICHER_SAMPLES = new Set<MeasuredCounter>([
  'sent',
  ...Object.values(OUTCOME_COUNTER),
  'dropped',
  'inboundMessagesAcked',
]);

/** Counters taken from k6's own counter samples. */
const FROM_COUNTER_SAMPLES: Map<string, MeasuredCounter> = new Map(
  (Object.entries(COUNTER_METRICS) as [MeasuredCounter, string][])
    .filter(([field]) => !FROM_RICHER_SAMPLES.has(field))
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
  private readonly progressOf: ReturnType<typeof createProgressMeter>;
  /** Lines that were not JSON (k6 cut short): counted, never fatal. */
  badLines = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly phases: RunRecord['phases'],
  ) {
    const openSeconds = Math.ceil(scenario.delivery.timeoutMs / 1000) + 15;
    this.stats = new RunStats(phases, openSeconds, scenario.load);
    this.progressOf = createProgressMeter(scenario.load);
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
        stats.countDropped(relMs, stats.phaseOf(relMs), 'first');
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
    return this.progressOf({ elapsedMs: nowMs - this.startMs, stats: this.stats });
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
    const endedMs = Date.parse(summaryRecord.endedAt);
    return buildRunRecord({
      header: { ...summaryRecord, startedAt: new Date(this.startMs).toISOString() },
      load: this.scenario.load,
      ranMs: Number.isFinite(endedMs) ? endedMs - this.startMs : 0,
      stats: this.stats,
    });
  }
}
