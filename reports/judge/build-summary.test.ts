import { describe, expect, it } from 'vitest';
import { gatesSchema, LEDGER_FLAG, type Gates } from '../../common/contracts/index.ts';
import { buildSummary, exitCodeFor, type SummaryInput } from './build-summary.ts';
import { summarySchema } from '../schema/summary-schema.ts';
import {
  buildCounters,
  buildHistogram,
  buildLedgerStats,
  buildRunRecord,
  EMPTY_HISTOGRAM,
} from '../../test/helpers/reports/test-builders.ts';

const gates = (input: Partial<Gates> = {}): Gates => gatesSchema.parse(input);
const summarize = (input: Partial<SummaryInput> = {}) =>
  buildSummary({ runRecords: [buildRunRecord()], ledgers: [buildLedgerStats()], gates: gates(), ...input });
const gate = (s: ReturnType<typeof summarize>, id: string) => s.gates.find((g) => g.id === id)!;

describe('buildSummary', () => {
  it('passes every gate for a clean run and exits 0', () => {
    const s = summarize();
    expect(s.gates.map((g) => [g.id, g.verdict])).toEqual([
      ['ack-p99', 'pass'],
      ['error-rate', 'pass'],
      ['dedupe-p99', 'pass'],
      ['reply-p99', 'pass'],
      ['duplicates', 'pass'],
      ['lost', 'pass'],
      ['forged-accepted', 'pass'],
      ['non-retryable-retries', 'pass'],
    ]);
    expect(s).toMatchObject({ verdict: 'pass', exitCode: 0 });
    expect(exitCodeFor(s)).toBe(0);
    expect(summarySchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('fails the lost gate when an acked message got no reply', () => {
    const s = summarize({ ledgers: [buildLedgerStats({ messages: [{ seq: 17, replies: 0 }] })] });
    expect(gate(s, 'lost')).toMatchObject({ verdict: 'fail', observed: 1 });
    expect(exitCodeFor(s)).toBe(99);
  });

  it('says why messages were lost: the Graph code the mock refused, in the first lines of the terminal, report.md and HTML', async () => {
    const ledger = {
      ...buildLedgerStats({
        messages: [
          { seq: 3, replies: 0 },
          { seq: 4, replies: 0 },
        ],
      }),
      rejectedByCode: { '2500': 2, '130429': 5 },
    };
    const s = summarize({ ledgers: [ledger] });
    const lost = gate(s, 'lost');
    expect(lost.note).toContain('Why: 2 acknowledged but no side effect; Graph refused 2 sends with code 2500');
    expect(lost.note).not.toContain('130429');
    const { renderTerminal, renderMarkdown, renderHtml } = await import('../index.ts');
    const firstLines = (text: string) => text.split('\n').slice(0, 6).join('\n');
    expect(firstLines(renderTerminal(s, { color: false }))).toMatch(/why: lost: 2 .*code 2500/);
    expect(firstLines(renderMarkdown(s))).toMatch(/Why it failed[\s\S]*- lost: 2 .*code 2500/);
    expect(renderHtml(s).indexOf('Why it failed')).toBeLessThan(renderHtml(s).indexOf('<h2>Gates</h2>'));
  });

  it('says when lost messages had their replies refused by retryable faults: the target stopped retrying', () => {
    const ledger = {
      ...buildLedgerStats({
        messages: [
          { seq: 3, replies: 0, flags: LEDGER_FLAG.refused },
          { seq: 4, replies: 0, flags: LEDGER_FLAG.refused },
          { seq: 5, replies: 0 },
        ],
      }),
      rejectedByCode: { '130429': 9 },
    };
    const note = gate(summarize({ ledgers: [ledger] }), 'lost').note ?? '';
    expect(note).toContain(
      '3 acknowledged but no side effect: 2 had replies refused by retryable Graph answers (429, 5xx, timeouts, throughput limits) and the target gave up retrying',
    );
    expect(note).toContain('; for the other 1, the target never sent a reply for them (check its logs)');
  });

  it('counts deliveries never acknowledged after all redeliveries as lost, with that cause', () => {
    const s = summarize({ runRecords: [buildRunRecord({ counters: { redeliveriesExhausted: 3 } })] });
    expect(gate(s, 'lost')).toMatchObject({ verdict: 'fail', observed: 3 });
    expect(gate(s, 'lost').note).toContain('3 deliveries never acknowledged after all redeliveries');
  });

  it('fails the ack p99 gate above its threshold', () => {
    const s = summarize({
      runRecords: [
        buildRunRecord({
          ack: buildHistogram([
            [100, 90],
            [6000, 10],
          ]),
        }),
      ],
    });
    expect(gate(s, 'ack-p99')).toMatchObject({ verdict: 'fail', unit: 'ms' });
    expect(gate(s, 'ack-p99').observed).toBeGreaterThan(5000);
  });

  it('does not count forged deliveries correctly rejected as errors', () => {
    const counters = buildCounters({
      sent: 1100,
      status2xx: 995,
      status4xx: 105,
      forgedSent: 100,
      forgedRejected: 100,
    });
    const s = summarize({ runRecords: [buildRunRecord({ counters })] });
    expect(gate(s, 'error-rate')).toMatchObject({ verdict: 'pass', observed: 0.5 });
    expect(s.errors).toMatchObject({ errors: 5, attempts: 1000 });
  });

  it('never reports an error rate above 100 %: a forged attempt that failed counts in both the errors and the attempts', () => {
    // A bot that does not await its signature check: every forged delivery ends in a 500.
    const counters = buildCounters({ sent: 1500, status2xx: 400, status5xx: 1100, forgedSent: 500, forgedRejected: 0 });
    const s = summarize({ runRecords: [buildRunRecord({ counters })] });
    expect(s.errors).toMatchObject({ errors: 1100, attempts: 1500 });
    expect(gate(s, 'error-rate').observed).toBeCloseTo(73.33, 2);
    expect(gate(s, 'error-rate').note).toContain('1100 errors in 1500 attempts');
    expect(gate(s, 'error-rate').note).toContain('500 forged or unsigned attempts answered neither 401/403 nor 2xx');
  });

  it('keeps forged deliveries correctly rejected or accepted out of both sides of the error rate', () => {
    const counters = buildCounters({
      sent: 1200,
      status2xx: 1090,
      status4xx: 110,
      forgedSent: 200,
      forgedRejected: 100,
      forgedAccepted: 100,
    });
    expect(summarize({ runRecords: [buildRunRecord({ counters })] }).errors).toMatchObject({
      errors: 10,
      attempts: 1000,
    });
  });

  it('fails the error rate gate with 5xx, timeouts and connection errors over non-forged attempts', () => {
    const counters = buildCounters({ sent: 1000, status5xx: 10, timeouts: 3, connectionErrors: 2 });
    expect(gate(summarize({ runRecords: [buildRunRecord({ counters })] }), 'error-rate')).toMatchObject({
      verdict: 'fail',
      observed: 1.5,
      threshold: 1,
    });
  });

  it('shows dropped deliveries apart, as a harness problem', () => {
    const s = summarize({ runRecords: [buildRunRecord({ counters: { dropped: 40 } })] });
    expect(gate(s, 'error-rate').verdict).toBe('pass');
    expect(gate(s, 'error-rate').note).toContain('40 deliveries dropped by the harness');
    expect(s.errors.dropped).toBe(40);
  });

  it('fails the forged gate when a forged delivery was accepted', () => {
    const counters = buildCounters({ forgedSent: 10, forgedRejected: 9, forgedAccepted: 1 });
    expect(gate(summarize({ runRecords: [buildRunRecord({ counters })] }), 'forged-accepted')).toMatchObject({
      verdict: 'fail',
      observed: 1,
    });
  });

  it('does not fail the duplicates gate for ambiguous after-commit duplicates', () => {
    const ledger = buildLedgerStats({ messages: [{ seq: 3, replies: 2, flags: 1 }] });
    const s = summarize({ ledgers: [ledger] });
    expect(gate(s, 'duplicates')).toMatchObject({ verdict: 'pass', observed: 0 });
    expect(gate(s, 'duplicates').note).toContain(
      'Not counted (ambiguous, after an after-commit fault the target could not see): 1',
    );
  });

  it('fails the duplicates gate for a genuine duplicate read receipt', () => {
    expect(
      gate(summarize({ ledgers: [buildLedgerStats({ messages: [{ seq: 3, replies: 1, reads: 2 }] })] }), 'duplicates'),
    ).toMatchObject({ verdict: 'fail', observed: 1 });
  });

  it('fails the non-retryable gate when the target retried a do-not-retry error', () => {
    const retried = [
      { seq: 3, replies: 1, flags: 6 },
      { seq: 5, replies: 1, flags: 6 },
    ];
    expect(
      gate(
        summarize({ ledgers: [buildLedgerStats({ messages: retried, retriedNonRetryable: 2 })] }),
        'non-retryable-retries',
      ),
    ).toMatchObject({ verdict: 'fail', observed: 2 });
  });

  it('marks ledger gates not measured without a ledger, which fails the run', () => {
    const s = summarize({ ledgers: [] });
    for (const id of ['reply-p99', 'duplicates', 'lost', 'non-retryable-retries'])
      expect(gate(s, id).verdict).toBe('not-measured');
    expect(s.exitCode).toBe(99);
  });

  it('passes a run whose unmeasured gates are allowed', () => {
    const s = summarize({
      ledgers: [],
      gates: gates({ allowNotMeasured: ['reply-p99', 'duplicates', 'lost', 'non-retryable-retries'] }),
    });
    expect(gate(s, 'lost')).toMatchObject({ verdict: 'not-measured', allowedNotMeasured: true });
    expect(s.exitCode).toBe(0);
  });

  describe('dedupe overhead', () => {
    const noTiming = buildRunRecord({ dedupe: EMPTY_HISTOGRAM });
    const prom = (counts: number[]) =>
      ['0.01', '0.05', '0.2', '+Inf'].map((le, i) => `wa_dedupe_seconds_bucket{le="${le}"} ${counts[i]}`).join('\n');

    it('prefers Server-Timing samples', () => {
      const s = summarize({ gates: gates({ dedupeMetric: 'wa_dedupe_seconds' }), metricsAfter: prom([0, 0, 0, 10]) });
      expect(gate(s, 'dedupe-p99')).toMatchObject({ source: 'server-timing', verdict: 'pass' });
    });

    it('falls back to the /metrics histogram delta named in the gates', () => {
      const s = summarize({
        runRecords: [noTiming],
        gates: gates({ dedupeMetric: 'wa_dedupe_seconds' }),
        metricsBefore: prom([100, 100, 100, 100]),
        metricsAfter: prom([100, 100, 300, 300]),
      });
      expect(gate(s, 'dedupe-p99')).toMatchObject({ source: 'prometheus', verdict: 'fail' });
      expect(gate(s, 'dedupe-p99').observed).toBeCloseTo(198.5, 3);
    });

    it('labels the ack-p99 upper bound as an estimate when it proves the gate', () => {
      const record = buildRunRecord({ dedupe: EMPTY_HISTOGRAM, ack: buildHistogram([[30, 100]]) });
      const g = gate(summarize({ runRecords: [record] }), 'dedupe-p99');
      expect(g).toMatchObject({ source: 'estimate', verdict: 'pass' });
      expect(g.note).toContain('Estimate');
    });

    it('says not measured for a black-box bot whose ack p99 is above the threshold, as a warning that does not fail the run', () => {
      const record = buildRunRecord({ dedupe: EMPTY_HISTOGRAM, ack: buildHistogram([[800, 100]]) });
      const s = summarize({ runRecords: [record] });
      expect(gate(s, 'dedupe-p99')).toMatchObject({
        verdict: 'not-measured',
        observed: null,
        allowedNotMeasured: true,
      });
      expect(gate(s, 'dedupe-p99').note).toContain('Server-Timing: dedupe;dur=');
      expect(gate(s, 'dedupe-p99').note).toContain('requireMeasured');
      expect(s.exitCode).toBe(0);
    });

    it('fails an unmeasured dedupe gate when the user requires it to be measured', () => {
      const record = buildRunRecord({ dedupe: EMPTY_HISTOGRAM, ack: buildHistogram([[800, 100]]) });
      const s = summarize({ runRecords: [record], gates: gates({ requireMeasured: ['dedupe-p99'] }) });
      expect(gate(s, 'dedupe-p99')).toMatchObject({ verdict: 'not-measured', allowedNotMeasured: false });
      expect(s.exitCode).toBe(99);
    });
  });

  it('evaluates gates per chaos phase and fails the run on a failing phase', () => {
    const record = buildRunRecord({
      phases: [
        { name: 'calm', startS: 0, endS: 5 },
        { name: '429-storm', startS: 5, endS: 10 },
      ],
      ackByPhase: {
        calm: buildHistogram([[20, 500]]),
        '429-storm': buildHistogram([
          [20, 400],
          [7000, 100],
        ]),
      },
      countersByPhase: { calm: buildCounters({ sent: 500 }), '429-storm': buildCounters({ sent: 500 }) },
    });
    const s = summarize({
      runRecords: [record],
      ledgers: [buildLedgerStats({ replyByPhase: { '429-storm': buildHistogram([[200, 10]]) } })],
    });
    expect(s.phaseGates.map((p) => [p.phase, p.gates.map((g) => `${g.id}:${g.verdict}`)])).toEqual([
      ['calm', ['ack-p99:pass', 'error-rate:pass']],
      ['429-storm', ['ack-p99:fail', 'error-rate:pass', 'reply-p99:pass']],
    ]);
    expect(s.exitCode).toBe(99);
  });

  it('marks every gate incomplete for an aborted run and exits 3', () => {
    const s = summarize({
      runRecords: [buildRunRecord({ status: 'aborted', abortReason: 'target unreachable' })],
      ledgers: [],
    });
    expect(new Set(s.gates.map((g) => g.verdict))).toEqual(new Set(['incomplete']));
    expect(s).toMatchObject({ verdict: 'aborted', abortReason: 'target unreachable', exitCode: 3 });
    expect(exitCodeFor(s)).toBe(3);
  });

  it('merges several run records as one run', () => {
    const a = buildRunRecord({ engine: { name: 'k6', version: '1.3.0' } });
    const b = buildRunRecord({
      engine: { name: 'k6', version: '1.3.0' },
      ack: buildHistogram([
        [20, 500],
        [8000, 500],
      ]),
    });
    const s = summarize({ runRecords: [a, b] });
    expect(s.engine).toEqual({ name: 'k6', version: '1.3.0', instances: 2 });
    expect(s.counters.sent).toBe(2000);
    expect(s.load.achievedRate).toBe(200);
    expect(gate(s, 'ack-p99').verdict).toBe('fail');
  });

  it('merges k6 percentile-only histograms conservatively', () => {
    const k6 = (p99Us: number) => ({
      ...EMPTY_HISTOGRAM,
      count: 100,
      max: p99Us * 2,
      percentiles: { p50: 1000, p90: 2000, p95: 3000, p99: p99Us, max: p99Us * 2 },
    });
    const s = summarize({ runRecords: [buildRunRecord({ ack: k6(40_000) }), buildRunRecord({ ack: k6(90_000) })] });
    expect(gate(s, 'ack-p99')).toMatchObject({ observed: 90, verdict: 'pass' });
    expect(s.latency.ack?.exact).toBe(false);
    expect(s.info.find((i) => i.id === 'meta-acks-over-1s')?.meets).toBe(true);
  });

  it('refuses run records of different scenarios', () => {
    expect(() => summarize({ runRecords: [buildRunRecord(), buildRunRecord({ scenario: 'soak' })] })).toThrow(
      /different scenarios/,
    );
  });

  it('reports Meta guidance as information only', () => {
    const s = summarize({
      runRecords: [
        buildRunRecord({
          ack: buildHistogram([
            [300, 95],
            [1500, 5],
          ]),
        }),
      ],
    });
    expect(s.info.map((i) => [i.id, i.meets])).toEqual([
      ['meta-median-ack', false],
      ['meta-acks-over-1s', false],
    ]);
    expect(s.exitCode).toBe(0);
  });

  it('never copies the run record config (and so no secret) into the summary', () => {
    const record = buildRunRecord({ config: { target: { appSecret: 'super-secret-value' } } });
    expect(JSON.stringify(summarize({ runRecords: [record] }))).not.toContain('super-secret-value');
  });
});
