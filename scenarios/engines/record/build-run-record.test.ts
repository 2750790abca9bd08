import { describe, expect, it } from 'vitest';
import { runRecordSchema, scenarioSchema, type RunRecord } from '../../../common/contracts/index.ts';
import {
  deliveryCounters,
  judgeAttempt,
  type AttemptAnswer,
  type AttemptRole,
  type DeliveryKind,
} from '../../model/index.ts';
import {
  ACKED_IDS,
  ATTEMPT_MS,
  CLOCK_MS,
  COUNTER_METRICS,
  encodeAckedId,
  LATE_COPY_MS,
  TREND,
} from '../../k6/index.ts';
import { K6SampleStream } from '../k6/k6-samples.ts';
import { buildRunRecord, runRecordHeader } from './build-run-record.ts';
import { RunStats } from './run-stats.ts';

const scenario = scenarioSchema.parse({
  name: 'smoke',
  load: { profile: 'constant', rate: 4, durationS: 3 },
  target: { headers: { 'X-Tenant-Key': 'tenant-secret-value' }, secretHeaders: ['X-Tenant-Key'] },
});
const phases = [
  { name: 'calm', startS: 0, endS: 1 },
  { name: 'storm', startS: 1, endS: 3 },
];
const RUN_ID = 'a1b2c3d4e5f6';
const START = Date.parse('2026-12-01T20:00:00.000Z');

/** One attempt as both engines see it: its delivery, why it left, when it was due, what came back. */
interface Attempt {
  seq: number;
  kind: DeliveryKind;
  role: AttemptRole;
  intendedMs: number;
  answer: AttemptAnswer;
  /** From the intended time to the answer (or the timeout). */
  tookMs: number;
  /** Inbound messages in the delivery. */
  parts: number;
  dedupeMs?: number;
  /** Sent as a late copy this long after the first attempt (a duplicate). */
  lateDelayMs?: number;
}

const ATTEMPTS: Attempt[] = [
  {
    seq: 0,
    kind: 'signed',
    role: 'first',
    intendedMs: 10,
    answer: { status: 200 },
    tookMs: 10,
    parts: 1,
    dedupeMs: 1.5,
  },
  { seq: 1, kind: 'signed', role: 'first', intendedMs: 1200, answer: { status: 500 }, tookMs: 50, parts: 5 },
  { seq: 1, kind: 'signed', role: 'redelivery', intendedMs: 1800, answer: { status: 200 }, tookMs: 1000, parts: 5 },
  { seq: 2, kind: 'forged', role: 'first', intendedMs: 2098, answer: { status: 401 }, tookMs: 2, parts: 1 },
  {
    seq: 3,
    kind: 'signed',
    role: 'first',
    intendedMs: 2297,
    answer: { failure: 'connection-error' },
    tookMs: 3,
    parts: 1,
  },
  { seq: 4, kind: 'signed', role: 'first', intendedMs: 2400, answer: { failure: 'timeout' }, tookMs: 500, parts: 0 },
  {
    seq: 0,
    kind: 'signed',
    role: 'duplicate',
    intendedMs: 2600,
    answer: { status: 200 },
    tookMs: 4,
    parts: 1,
    lateDelayMs: 2590,
  },
];
/** An arrival maxInFlight (k6: its VU pool) refused, in ms from the start: counted dropped, never started. */
const DROPPED_AT_MS = 2500;

function newStats(): RunStats {
  return new RunStats(phases, 20, scenario.load);
}

/** The Node engine's calls for ATTEMPTS (node-engine-run.ts: startDelivery, dispatch, settle). */
function statsAsNodeCounts(): RunStats {
  const stats = newStats();
  for (const a of ATTEMPTS) {
    const phase = stats.phaseOf(a.intendedMs);
    if (a.role === 'first') for (const field of deliveryCounters(a.kind)) stats.count(field, phase);
    stats.countSent(a.intendedMs, phase, a.role, 0.25);
    if (a.lateDelayMs !== undefined) stats.countLateCopy(a.lateDelayMs, stats.acked.has(a.seq));
    const verdict = judgeAttempt(a.kind, a.role, a.answer);
    stats.countJudged(a.intendedMs, phase, verdict, verdict.measureLatency ? a.tookMs : undefined, a.dedupeMs);
    if (verdict.acks) stats.countAcked(a.seq, a.parts, phase);
  }
  stats.countDropped(DROPPED_AT_MS, stats.phaseOf(DROPPED_AT_MS), 'first');
  return stats;
}

/** The samples k6 writes for ATTEMPTS (scenarios/k6/k6-deliver.ts, k6-metrics.ts), read by K6SampleStream. */
function statsAsK6Samples(): RunStats {
  const lines: string[] = [];
  const point = (metric: string, atMs: number, value: number, tags: Record<string, string> = {}): void => {
    lines.push(
      JSON.stringify({ type: 'Point', metric, data: { time: new Date(START + atMs).toISOString(), value, tags } }),
    );
  };
  const stream = new K6SampleStream(scenario, phases);
  point(CLOCK_MS, 0, START);
  for (const a of ATTEMPTS) {
    const phase = stream.stats.phaseOf(a.intendedMs) ?? '';
    const verdict = judgeAttempt(a.kind, a.role, a.answer);
    const counter = (field: keyof typeof COUNTER_METRICS) => point(COUNTER_METRICS[field], a.intendedMs, 1, { phase });
    if (a.role === 'first') for (const field of deliveryCounters(a.kind)) counter(field);
    if (a.role === 'redelivery') counter('redeliveries');
    if (a.role === 'duplicate') counter('duplicatesSent');
    if (a.lateDelayMs !== undefined) point(LATE_COPY_MS, a.intendedMs, a.lateDelayMs, { acked: '1', phase });
    // Exact times keep the test off rounding: the sample time minus its value is the intended time.
    point(ATTEMPT_MS, a.intendedMs + a.tookMs, a.tookMs, {
      outcome: verdict.outcome,
      signed: a.kind === 'signed' ? '1' : '0',
      phase,
    });
    for (const field of verdict.counters.filter((f) => f === 'forgedRejected' || f === 'forgedAccepted'))
      counter(field);
    if (a.dedupeMs !== undefined) point(TREND.dedupe, a.intendedMs + a.tookMs, a.dedupeMs, { phase });
    if (verdict.acks && a.parts > 0)
      point(ACKED_IDS, a.intendedMs + a.tookMs, encodeAckedId(a.seq, a.parts), { phase });
  }
  point('dropped_iterations', DROPPED_AT_MS, 1);
  stream.push(lines.join('\n') + '\n');
  return stream.stats;
}

function header(status: RunRecord['status'] = 'completed') {
  return runRecordHeader({
    scenario,
    runId: RUN_ID,
    engine: { name: 'node', version: 'test' },
    phases,
    startedAt: new Date(START),
    endedAt: new Date(START + 3000),
    status,
  });
}

const withoutLag = (record: RunRecord): RunRecord => {
  const { schedulingLag: _lag, ...latency } = record.latency;
  return { ...record, latency };
};

describe('the one run record of both engines', () => {
  it('gives the same record from the Node engine counts and from the k6 samples of the same attempts', () => {
    const fromNode = buildRunRecord({ header: header(), load: scenario.load, ranMs: 3000, stats: statsAsNodeCounts() });
    const fromK6 = buildRunRecord({ header: header(), load: scenario.load, ranMs: 3000, stats: statsAsK6Samples() });
    // k6 measures no scheduling lag; everything else is the same record.
    expect(fromK6.latency.schedulingLag).toBeUndefined();
    expect(fromNode.latency.schedulingLag?.count).toBe(ATTEMPTS.length);
    expect(fromK6).toEqual(withoutLag(fromNode));
    expect(runRecordSchema.parse(fromK6)).toEqual(fromK6);
    expect(fromK6.counters).toMatchObject({
      sent: 7,
      deliveries: 5,
      status2xx: 3,
      status4xx: 1,
      status5xx: 1,
      timeouts: 1,
      connectionErrors: 1,
      redeliveries: 1,
      duplicatesSent: 1,
      forgedSent: 1,
      forgedRejected: 1,
      dropped: 1,
      inboundMessagesAcked: 6,
    });
    // 4/s for 3 s: 12 planned = 5 started + 1 dropped + 6 neither sent nor counted dropped.
    expect(fromK6.counters).toMatchObject({ planned: 12, unstarted: 6 });
    expect(fromNode.counters).toMatchObject({ planned: 12, unstarted: 6 });
    expect(fromK6.timeline.map((p) => [p.t, p.sent, p.ok, p.dropped])).toEqual([
      [0, 1, 1, 0],
      [1, 2, 1, 0],
      [2, 4, 1, 1],
    ]);
    expect(fromK6.latency.ack.count).toBe(5); // signed attempts but the connection error
    expect(fromK6.lateCopies).toEqual({ sent: 1, maxDelayMsAfterAck: 2590 });
    expect(fromK6.acked).toMatchObject({ mode: 'bitset', runId: RUN_ID, multiPart: [[1, 5]] });
  });

  it('covers the scheduled seconds when completed, and only the seconds that ran when aborted', () => {
    const completed = buildRunRecord({ header: header(), load: scenario.load, ranMs: 1200, stats: newStats() });
    const aborted = buildRunRecord({
      header: { ...header('aborted'), abortReason: 'SIGINT' },
      load: scenario.load,
      ranMs: 1200,
      stats: newStats(),
    });
    expect(completed.timeline.map((p) => p.t)).toEqual([0, 1, 2]);
    expect(aborted.timeline.map((p) => p.t)).toEqual([0, 1]);
    expect(aborted).toMatchObject({ status: 'aborted', abortReason: 'SIGINT' });
    expect('abortReason' in completed).toBe(false);
  });

  it('holds planned = started + dropped + unstarted, planned counting only the arrivals due by the stop when aborted', () => {
    const stats = newStats();
    for (let seq = 0; seq < 3; seq++) stats.count('deliveries', stats.phaseOf(seq * 250));
    stats.countDropped(750, stats.phaseOf(750), 'first');
    // A copy maxInFlight refused is not a planned arrival: counted apart.
    stats.countDropped(800, stats.phaseOf(800), 'duplicate');
    const aborted = buildRunRecord({ header: header('aborted'), load: scenario.load, ranMs: 1100, stats });
    // 4/s: arrivals due at 0, 250, 500, 750, 1000 ms by the stop at 1.1 s.
    expect(aborted.counters).toMatchObject({ planned: 5, deliveries: 3, dropped: 1, unstarted: 1, copiesDropped: 1 });
    const completed = buildRunRecord({ header: header(), load: scenario.load, ranMs: 1100, stats });
    expect(completed.counters).toMatchObject({ planned: 12, deliveries: 3, dropped: 1, unstarted: 8 });
  });

  it('writes the scenario as config with the app secret, verify token and secret headers redacted', () => {
    const record = buildRunRecord({ header: header(), load: scenario.load, ranMs: 3000, stats: newStats() });
    const text = JSON.stringify(record);
    expect(text).not.toContain('tenant-secret-value');
    expect(text).not.toContain(scenario.target.appSecret);
    expect((record.config as { target: { headers: Record<string, string> } }).target.headers).toEqual({
      'X-Tenant-Key': '[redacted]',
    });
  });
});
