import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatesSchema, type HistogramData, type PhaseJudge, type PhaseWindow } from '../../common/contracts/index.ts';
import {
  buildCounters,
  buildHistogram,
  buildLedgerStats,
  buildRunRecord,
  EMPTY_HISTOGRAM,
  buildRedisProxyStats,
} from '../../test/helpers/reports/test-builders.ts';
import { buildSummary } from './build-summary.ts';
import { classifyPhases } from './phase-kinds.ts';
import { extractVerdictSection, renderVerdictModelMarkdown } from './verdict-model-doc.ts';
import { PHASE_KINDS, thresholdOf, VERDICT_MODEL } from './verdict-model.ts';

const GATES = gatesSchema.parse({});
const GRAPH: PhaseJudge = { fault: true, latency: 'off', errorRate: 'slo', recoveryS: 30, sources: ['graph'] };
const REDIS: PhaseJudge = { fault: true, latency: 'off', errorRate: 'off', recoveryS: 5, sources: ['redis'] };

type Summary = ReturnType<typeof buildSummary>;
const phaseGate = (s: Summary, phase: string, id: string) =>
  s.phaseGates.find((p) => p.phase === phase)?.gates.find((g) => g.id === id);
const runGate = (s: Summary, id: string) => s.gates.find((g) => g.id === id);

describe('the written verdict model', () => {
  it('is what docs/verdicts.md shows (regenerate with npx tsx scripts/calibrate/write-verdicts-doc.ts)', () => {
    const doc = readFileSync(new URL('../../docs/verdicts.md', import.meta.url), 'utf8');
    expect(extractVerdictSection(doc)).toBe(renderVerdictModelMarkdown());
  });

  it('judges ack latency in every kind of phase, never "not judged"', () => {
    for (const kind of PHASE_KINDS) expect(thresholdOf('ack-p99', kind, GATES), kind).toBeGreaterThan(0);
    expect(thresholdOf('ack-p99', 'graph-fault', GATES, { judge: GRAPH })).toBe(GATES.ackP99Ms);
  });

  it('keeps ack-p99 judged when a profile turns latency off, while reply-p99 follows the profile', () => {
    const off = { latency: 'off' as const, errorRate: 'slo' as const };
    expect(thresholdOf('ack-p99', 'healthy', GATES, { judge: off })).toBe(GATES.ackP99Ms);
    expect(thresholdOf('reply-p99', 'healthy', GATES, { judge: off })).toBeUndefined();
    expect(thresholdOf('reply-p99', 'graph-fault', GATES, { judge: { ...off, latency: 'slo' } })).toBe(
      GATES.replyP99Ms,
    );
  });

  it('says for every gate and kind of phase who is judged and why', () => {
    for (const gate of Object.values(VERDICT_MODEL))
      for (const kind of PHASE_KINDS) {
        expect(gate[kind].population.length).toBeGreaterThan(0);
        expect(gate[kind].why.length).toBeGreaterThan(10);
      }
  });

  it('classifies phases: Graph fault, Redis fault, Redis latency, recovery after the last fault, healthy', () => {
    const w = (name: string, startS: number, judge?: PhaseJudge): PhaseWindow => ({
      name,
      startS,
      endS: startS + 5,
      ...(judge ? { judge } : {}),
    });
    const phases = [w('warmup', 0), w('slow', 5), w('down', 10, REDIS), w('hung', 15, REDIS), w('after', 20)];
    const judging = new Map(phases.flatMap((p) => (p.judge ? [[p.name, p.judge] as const] : [])));
    expect([...classifyPhases(phases, judging, new Set(['slow']))]).toEqual([
      ['warmup', 'healthy'],
      ['slow', 'redis-latency'],
      ['down', 'redis-fault'],
      ['hung', 'redis-fault'],
      ['after', 'recovery'],
    ]);
  });
});

/** A Graph storm 10–40 s between healthy phases; acks of the storm as given. */
function graphStormRun(stormAck: HistogramData) {
  const phases: PhaseWindow[] = [
    { name: 'healthy', startS: 0, endS: 10 },
    { name: 'timeouts', startS: 10, endS: 40, judge: GRAPH },
    { name: 'recovery', startS: 40, endS: 100 },
  ];
  const record = buildRunRecord({
    seconds: 30,
    rate: 100,
    phases,
    ack: buildHistogram([[20, 2000]]),
    ackByPhase: { healthy: buildHistogram([[20, 1000]]), timeouts: stormAck, recovery: buildHistogram([[20, 1000]]) },
    countersByPhase: { healthy: buildCounters(), timeouts: buildCounters(), recovery: buildCounters() },
  });
  // The record's whole-run ack histogram is the engine's: every phase's acks.
  record.latency.ack = buildHistogram([[20, 2000]]);
  const ledger = buildLedgerStats({
    answered: 3000,
    replyByPhase: {
      healthy: buildHistogram([[150, 1000]]),
      timeouts: buildHistogram([[9000, 1000]]),
      recovery: buildHistogram([[150, 900]]),
    },
  });
  return { record, ledger };
}

describe('ack latency under Graph faults', () => {
  it('passes a connector that acks before its Graph calls while Graph times out', () => {
    const { record, ledger } = graphStormRun(buildHistogram([[25, 1000]]));
    const s = buildSummary({ runRecords: [record], ledgers: [ledger], gates: GATES });
    expect(phaseGate(s, 'timeouts', 'ack-p99')).toMatchObject({ verdict: 'pass', threshold: 5000 });
    expect(s.exitCode).toBe(0);
  });

  it('fails a connector that acks only after its Graph calls return (6 s acks during the timeouts phase)', () => {
    const slow = buildHistogram([
      [25, 600],
      [6000, 400],
    ]);
    const { record, ledger } = graphStormRun(slow);
    record.latency.ack = buildHistogram([
      [20, 2000],
      [6000, 400],
    ]);
    const s = buildSummary({ runRecords: [record], ledgers: [ledger], gates: GATES });
    expect(phaseGate(s, 'timeouts', 'ack-p99')).toMatchObject({ verdict: 'fail', threshold: 5000 });
    expect(runGate(s, 'ack-p99')).toMatchObject({ verdict: 'fail' });
    expect(s.exitCode).toBe(99);
  });
});

/** redis-outage's shape: warmup, redis-slow (latency only), four Redis fault phases back to back, recovery. */
function redisOutageRun(options: {
  slowDedupe: HistogramData;
  recoveryReplies: HistogramData;
  hungAck?: HistogramData;
}) {
  const names = ['warmup', 'redis-slow', 'redis-errors', 'redis-flaky', 'redis-down', 'redis-hung', 'recovery'];
  const faults = new Set(['redis-errors', 'redis-flaky', 'redis-down', 'redis-hung']);
  const phases: PhaseWindow[] = names.map((name, i) => ({
    name,
    startS: i * 5,
    endS: i === names.length - 1 ? 45 : (i + 1) * 5,
    ...(faults.has(name) ? { judge: REDIS } : {}),
  }));
  const perPhase = <T>(f: (name: string) => T) => Object.fromEntries(names.map((n) => [n, f(n)]));
  const record = buildRunRecord({
    seconds: 45,
    rate: 20,
    phases,
    ack: buildHistogram([[10, 900]]),
    ackByPhase: perPhase((n) =>
      n === 'redis-hung' && options.hungAck ? options.hungAck : buildHistogram([[10, 100]]),
    ),
    dedupe: buildHistogram([[2, 900]]),
    dedupeByPhase: perPhase((n) => (n === 'redis-slow' ? options.slowDedupe : buildHistogram([[2, 100]]))),
    countersByPhase: perPhase(() =>
      buildCounters({ sent: 100, status2xx: 100, deliveries: 100, inboundMessagesAcked: 100 }),
    ),
  });
  record.latency.dedupe = buildHistogram([
    [2, 800],
    [75, 100],
  ]);
  const ledger = buildLedgerStats({
    answered: 900,
    replyByPhase: perPhase((n) =>
      n === 'recovery'
        ? options.recoveryReplies
        : faults.has(n)
          ? buildHistogram([[17_600, 100]]) // redelivered after failing closed: late by design
          : buildHistogram([[150, 100]]),
    ),
  });
  const redisProxy = buildRedisProxyStats({
    commands: 900,
    faults: {
      'redis-slow/latency': 100,
      'redis-errors/error': 30,
      'redis-flaky/reset': 5,
      'redis-down/outage': 10,
      'redis-hung/freeze': 1,
    },
    latencyByPhase: { warmup: buildHistogram([[1, 100]]), 'redis-slow': buildHistogram([[40, 100]]) },
  });
  return buildSummary({
    runRecords: [record],
    ledgers: [ledger],
    gates: gatesSchema.parse({ dedupeP99Ms: 50 }),
    redisProxy,
  });
}

const quick = buildHistogram([[150, 400]]);

describe('Redis faults back to back (generic-redis with redis-outage)', () => {
  it('judges recovery once, after the last fault phase, never inside the next fault phase', () => {
    const s = redisOutageRun({ slowDedupe: buildHistogram([[30, 100]]), recoveryReplies: quick });
    const recoveries = s.phaseGates.filter((p) => p.gates.some((g) => g.id === 'recovery')).map((p) => p.phase);
    expect(recoveries).toEqual(['redis-hung']);
    expect(phaseGate(s, 'redis-hung', 'recovery')?.note).toContain(
      'after the last of the back-to-back fault phases redis-errors, redis-flaky, redis-down, redis-hung ended',
    );
    expect(s.exitCode).toBe(0);
  });

  it('fails recovery when replies to messages sent once Redis is back still miss the reply SLO', () => {
    const s = redisOutageRun({
      slowDedupe: buildHistogram([[30, 100]]),
      recoveryReplies: buildHistogram([[8000, 400]]),
    });
    expect(phaseGate(s, 'redis-hung', 'recovery')).toMatchObject({ verdict: 'fail', threshold: 5000 });
    expect(s.exitCode).toBe(99);
  });

  it("passes a dedupe slowed only by the profile's +20 ms Redis latency: the threshold adds the round trip the proxy timed", () => {
    const s = redisOutageRun({ slowDedupe: buildHistogram([[75, 100]]), recoveryReplies: quick });
    expect(phaseGate(s, 'redis-slow', 'dedupe-p99')).toMatchObject({
      verdict: 'pass',
      threshold: expect.closeTo(90, 0),
    });
    expect(runGate(s, 'dedupe-p99')).toMatchObject({ verdict: 'pass' });
    expect(s.exitCode).toBe(0);
  });

  it('fails a dedupe that adds its own 150 ms on top of the Redis latency', () => {
    const s = redisOutageRun({ slowDedupe: buildHistogram([[190, 100]]), recoveryReplies: quick });
    expect(phaseGate(s, 'redis-slow', 'dedupe-p99')).toMatchObject({ verdict: 'fail' });
    expect(s.exitCode).toBe(99);
  });

  it('judges acks while Redis hangs: a fail-closed 503 within the command timeout passes, a bot waiting 6 s on Redis fails', () => {
    const fast = redisOutageRun({
      slowDedupe: EMPTY_HISTOGRAM,
      recoveryReplies: quick,
      hungAck: buildHistogram([[1000, 100]]),
    });
    expect(phaseGate(fast, 'redis-hung', 'ack-p99')).toMatchObject({ verdict: 'pass' });
    const hung = redisOutageRun({
      slowDedupe: EMPTY_HISTOGRAM,
      recoveryReplies: quick,
      hungAck: buildHistogram([[6000, 100]]),
    });
    expect(phaseGate(hung, 'redis-hung', 'ack-p99')).toMatchObject({ verdict: 'fail' });
    expect(hung.exitCode).toBe(99);
  });
});
