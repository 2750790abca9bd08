import { describe, expect, it } from 'vitest';
import { gatesSchema } from '../../common/contracts/index.ts';
import type { PhaseJudge, PhaseWindow } from '../../common/contracts/index.ts';
import { buildSummary } from './build-summary.ts';
import { failureReasons } from './failure-reasons.ts';
import { renderHtml, renderMarkdown, renderTerminal } from '../index.ts';
import {
  buildCounters,
  buildHistogram,
  buildLedgerStats,
  buildRunRecord,
} from '../../test/helpers/reports/test-builders.ts';

const STORM: PhaseJudge = { fault: true, latency: 'off', errorRate: 'slo', recoveryS: 30, sources: ['graph'] };

/** The chaos scenario's shape: healthy 0–10 s, a 429 storm 10–40 s, recovery 40–100 s; 1000 deliveries per phase. */
function chaosRun(storm: PhaseJudge | null = STORM, ledgerOverrides: Parameters<typeof buildLedgerStats>[0] = {}) {
  const phases: PhaseWindow[] = [
    { name: 'healthy', startS: 0, endS: 10 },
    { name: 'storm', startS: 10, endS: 40, ...(storm ? { judge: storm } : {}) },
    { name: 'recovery', startS: 40, endS: 100 },
  ];
  const record = buildRunRecord({
    seconds: 30,
    rate: 100,
    phases,
    ackByPhase: {
      healthy: buildHistogram([[20, 1000]]),
      storm: buildHistogram([[25, 1000]]),
      recovery: buildHistogram([[20, 1000]]),
    },
    countersByPhase: { healthy: buildCounters(), storm: buildCounters(), recovery: buildCounters() },
  });
  // Retry-After makes storm replies late by design (p99 ~9.8 s); the target is back at the SLO soon after.
  const ledger = buildLedgerStats({
    answered: 3000,
    reply: buildHistogram([
      [150, 2975],
      [9800, 25],
    ]),
    replyByPhase: {
      healthy: buildHistogram([[150, 1000]]),
      storm: buildHistogram([
        [400, 975],
        [9800, 25],
      ]),
      recovery: buildHistogram([[150, 950]]),
    },
    ...ledgerOverrides,
  });
  return buildSummary({ runRecords: [record], ledgers: [ledger], gates: gatesSchema.parse({}) });
}

const cells = (s: ReturnType<typeof chaosRun>) =>
  s.phaseGates.map((p) => [p.phase, p.gates.map((g) => `${g.id}:${g.verdict}`)]);

describe('fault phases are judged by what a correct connector can promise there', () => {
  it('passes a 429 storm whose replies are late by design: no reply-p99 in a fault phase, but lost, duplicates and retries of do-not-retry errors', () => {
    const s = chaosRun();
    expect(cells(s)).toEqual([
      ['healthy', ['ack-p99:pass', 'error-rate:pass', 'reply-p99:pass']],
      [
        'storm',
        [
          'ack-p99:pass',
          'error-rate:pass',
          'lost:pass',
          'duplicates:pass',
          'non-retryable-retries:pass',
          'recovery:pass',
        ],
      ],
      ['recovery', ['ack-p99:pass', 'error-rate:pass', 'reply-p99:pass']],
    ]);
    expect(s.phaseGates.find((p) => p.phase === 'storm')?.judge).toMatchObject({
      fault: true,
      latency: 'off',
      recoveryS: 30,
    });
    expect(s.exitCode).toBe(0);
  });

  it('leaves replies made late by design in a fault phase out of the whole-run reply-p99 (a real 180 s chaos run: 5.77 s)', () => {
    const storm = buildHistogram([
      [400, 700],
      [9800, 300],
    ]);
    const ledger = {
      reply: buildHistogram([
        [150, 1950],
        [400, 700],
        [9800, 300],
      ]),
      replyByPhase: { healthy: buildHistogram([[150, 1000]]), storm, recovery: buildHistogram([[150, 950]]) },
    };
    const judged = chaosRun(STORM, ledger);
    expect(judged.gates.find((g) => g.id === 'reply-p99')).toMatchObject({
      verdict: 'pass',
      observed: expect.closeTo(150, -1),
    });
    expect(judged.gates.find((g) => g.id === 'reply-p99')?.note).toContain('fault phases (storm)');
    expect(judged.exitCode).toBe(0);
    expect(chaosRun(null, ledger).gates.find((g) => g.id === 'reply-p99')?.verdict).toBe('fail');
  });

  it('still fails a fault phase whose messages were lost or answered twice, and names it first', () => {
    // seq 1500 and 1600 are first sent in the storm (deliveries 1000–1999).
    const s = chaosRun(STORM, {
      answered: 3000,
      messages: [
        { seq: 1500, replies: 0 },
        { seq: 1600, replies: 2 },
      ],
      replyByPhase: { storm: buildHistogram([[400, 1000]]) },
    });
    const storm = s.phaseGates.find((p) => p.phase === 'storm')!;
    expect(storm.gates.find((g) => g.id === 'lost')).toMatchObject({ verdict: 'fail', observed: 1 });
    expect(storm.gates.find((g) => g.id === 'duplicates')).toMatchObject({ verdict: 'fail', observed: 1 });
    expect(failureReasons(s)).toContain(
      'phase storm: lost 1 (≤ 0). 1 of 1000 acknowledged messages first sent in this phase got no reply.',
    );
  });

  it('fails recovery when replies to messages sent after the stated recovery time still miss the SLO', () => {
    const s = chaosRun(STORM, {
      replyByPhase: {
        storm: buildHistogram([[400, 1000]]),
        recovery: buildHistogram([
          [150, 900],
          [7000, 100],
        ]),
      },
    });
    const storm = s.phaseGates.find((p) => p.phase === 'storm')!;
    expect(storm.gates.find((g) => g.id === 'recovery')).toMatchObject({
      verdict: 'fail',
      unit: 'ms',
      threshold: 5000,
    });
    expect(storm.gates.find((g) => g.id === 'recovery')?.note).toContain('sent from 70 s');
    expect(s.exitCode).toBe(99);
  });

  it('judges latency in a fault phase when the profile asks for it (judge.latency slo)', () => {
    const s = chaosRun({ ...STORM, latency: 'slo' });
    expect(s.phaseGates.find((p) => p.phase === 'storm')?.gates.find((g) => g.id === 'reply-p99')).toMatchObject({
      verdict: 'fail',
    });
    expect(s.exitCode).toBe(99);
  });

  it('opens every report with the failing per-phase cell', () => {
    const s = chaosRun({ ...STORM, latency: 'slo' });
    const head = (text: string) => text.split('\n').slice(0, 8).join('\n');
    expect(head(renderTerminal(s, { color: false }))).toContain('phase storm: reply-p99');
    expect(head(renderMarkdown(s))).toContain('phase storm: reply-p99');
    const html = renderHtml(s);
    expect(html.indexOf('phase storm: reply-p99')).toBeGreaterThan(-1);
    expect(html.indexOf('phase storm: reply-p99')).toBeLessThan(html.indexOf('<h2>Gates</h2>'));
  });

  it('says under the per-phase table of every report which phases were judged as fault phases', () => {
    const s = chaosRun();
    for (const text of [renderTerminal(s, { color: false }), renderMarkdown(s), renderHtml(s)])
      expect(text).toContain('Fault phases storm (recovery time 30 s): judged by what a correct connector can promise');
  });

  it('lists a failing dependency-phase gate among the reasons a run failed', () => {
    const s = chaosRun();
    const lost = { ...s.phaseGates[1]!.gates.find((g) => g.id === 'lost')!, verdict: 'fail' as const, observed: 4 };
    const dependency = {
      kind: 'redis' as const,
      upstream: 'x',
      commands: 0,
      connections: { accepted: 0, refused: 0, frozen: 0, closedByFault: 0 },
      wireDedupe: null,
      ttl: { minTtlS: 1, minS: null, maxS: null, verdict: 'unknown' as const, note: '' },
      phases: [
        {
          phase: 'redis-down',
          startS: 0,
          endS: 1,
          faults: {},
          webhooks: { attempts: 0, ok: 0, status5xx: 0, timeouts: 0, connectionErrors: 0, redeliveries: 0 },
          dedupeAnswered: 0,
          messagesAcked: 0,
          lost: 4,
          ambiguousLost: 0,
          duplicates: 0,
          behaviour: [],
          gates: [lost],
        },
      ],
    };
    expect(failureReasons({ ...s, dependency })).toEqual([
      expect.stringMatching(/^dependency phase redis-down: lost 4 \(≤ 0\)/),
    ]);
  });

  it('keeps judging a phase of an older run record (no judge) at the SLO', () => {
    const s = chaosRun(null);
    expect(s.phaseGates.find((p) => p.phase === 'storm')?.gates.find((g) => g.id === 'reply-p99')).toMatchObject({
      verdict: 'fail',
    });
  });
});
