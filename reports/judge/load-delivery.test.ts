import { describe, expect, it } from 'vitest';
import { gatesSchema } from '../../common/contracts/index.ts';
import { buildSummary, exitCodeFor } from './build-summary.ts';
import { judgeLoadDelivery } from './load-delivery.ts';
import { summarySchema } from '../schema/summary-schema.ts';
import { buildLedgerStats, buildRunRecord, type RunRecordSpec } from '../../test/helpers/reports/test-builders.ts';

// buildRunRecord: 10 s at 100/s, 1000 deliveries started, every one acknowledged and answered.
const NODE = { name: 'node', version: '0.1.0' } as const;
const K6 = { name: 'k6', version: 'v1.3.0' } as const;

function summarize(spec: RunRecordSpec, ledger = buildLedgerStats()) {
  return buildSummary({ runRecords: [buildRunRecord(spec)], ledgers: [ledger], gates: gatesSchema.parse({}) });
}

describe('load not delivered: a run judged on less load than planned exits 3', () => {
  it('passes a run 0.5 % short through to its gates: exit 0 when they pass', () => {
    // 1005 planned: 1000 started + 5 dropped (0.50 %).
    const s = summarize({ engine: NODE, counters: { planned: 1005, dropped: 5, unstarted: 0 } });
    expect(s.loadDelivery).toMatchObject({ planned: 1005, started: 1000, dropped: 5, unstarted: 0, delivered: true });
    expect(s).toMatchObject({ verdict: 'pass', exitCode: 0 });
    expect(exitCodeFor(s)).toBe(0);
  });

  it('passes a run 0.5 % short through to its gates: exit 99 when one fails', () => {
    const s = summarize(
      { engine: K6, counters: { planned: 1005, dropped: 0, unstarted: 5 } },
      buildLedgerStats({ messages: [{ seq: 17, replies: 0 }] }),
    );
    expect(s).toMatchObject({ verdict: 'fail', exitCode: 99 });
  });

  it('exits 3 with the headline for a Node run 2 % short (dropped at maxInFlight), gates still computed', () => {
    // 1021 planned: 1000 started + 21 dropped (2.06 %).
    const s = summarize({ engine: NODE, counters: { planned: 1021, dropped: 21, unstarted: 0 } });
    expect(s).toMatchObject({ verdict: 'load-not-delivered', exitCode: 3 });
    expect(exitCodeFor(s)).toBe(3);
    expect(s.gates.every((g) => g.verdict === 'pass')).toBe(true);
    expect(s.loadDelivery?.text).toBe(
      'load not delivered: the load generator fell short — 21 of 1021 planned deliveries dropped or never started (2.06 %); the target was not judged on the planned load',
    );
    expect(summarySchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('exits 3 with the headline for a starved k6 run 2 % short that dropped nothing', () => {
    const s = summarize({ engine: K6, counters: { planned: 1020, dropped: 0, unstarted: 20 } });
    expect(s).toMatchObject({ verdict: 'load-not-delivered', exitCode: 3 });
    expect(s.loadDelivery).toMatchObject({ dropped: 0, unstarted: 20, delivered: false, gatesVerdict: 'pass' });
    expect(s.loadDelivery?.text).toContain('20 of 1020 planned deliveries dropped or never started (1.96 %)');
  });

  it('keeps the gates verdict under the headline when a short run also failed a gate', () => {
    const s = summarize(
      { engine: NODE, counters: { planned: 1100, dropped: 100, unstarted: 0 } },
      buildLedgerStats({ messages: [{ seq: 17, replies: 0 }] }),
    );
    expect(s).toMatchObject({ verdict: 'load-not-delivered', exitCode: 3 });
    expect(s.loadDelivery?.gatesVerdict).toBe('fail');
  });

  it('leaves an aborted run aborted, and judges nothing for records that carry no plan', () => {
    const aborted = summarize({ status: 'aborted', counters: { planned: 1100, dropped: 100, unstarted: 0 } });
    expect(aborted).toMatchObject({ verdict: 'aborted', exitCode: 3 });
    const old = summarize({});
    expect(old.loadDelivery).toBeUndefined();
    expect(old).toMatchObject({ verdict: 'pass', exitCode: 0 });
  });

  it('judges exactly at the 1 % line as delivered, and nothing planned as delivered', () => {
    expect(judgeLoadDelivery({ planned: 1000, deliveries: 990, dropped: 10, unstarted: 0 })?.delivered).toBe(true);
    expect(judgeLoadDelivery({ planned: 1000, deliveries: 989, dropped: 0, unstarted: 11 })?.delivered).toBe(false);
    expect(judgeLoadDelivery({ planned: 0, deliveries: 0, dropped: 0, unstarted: 0 })?.delivered).toBe(true);
    expect(judgeLoadDelivery({ deliveries: 5, dropped: 0 })).toBeUndefined();
  });
});
