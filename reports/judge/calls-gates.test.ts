import { describe, expect, it } from 'vitest';
import type { LedgerStats } from '../../common/contracts/index.ts';
import { collectConnectCalls, evaluateCallsGates } from './calls-gates.ts';

const ctx = { allowNotMeasured: [], aborted: false };
const START = '2026-01-01T00:00:00.000Z';
const T0 = Date.parse(START);
const record = (acked: [string, number][], overflow = 0) => ({ startedAt: START, callsConnect: { acked, overflow } });
const ledger = (first: Record<string, [number, string]>) =>
  ({ callAnswers: { first, overflow: 0 } }) as unknown as LedgerStats;

describe('calls gates', () => {
  it('does not apply when the run acked no connect call', () => {
    expect(collectConnectCalls([{ startedAt: START }])).toBeNull();
    expect(
      evaluateCallsGates({ calls: null, ledger: ledger({}), answerMs: 5000, unansweredThreshold: 0 }, ctx),
    ).toEqual([]);
  });

  it('passes when every acked connect got a call action within the threshold', () => {
    const calls = collectConnectCalls([
      record([
        ['c1', 100],
        ['c2', 200],
      ]),
    ]);
    const [gate] = evaluateCallsGates(
      {
        calls,
        ledger: ledger({ c1: [T0 + 150, 'pre_accept'], c2: [T0 + 4000, 'reject'] }),
        answerMs: 5000,
        unansweredThreshold: 0,
      },
      ctx,
    );
    expect(gate).toMatchObject({ id: 'calls-unanswered', verdict: 'pass', observed: 0, threshold: 0 });
    expect(gate!.note).toContain('2 acknowledged connect calls: 2 answered');
  });

  it('counts connects never answered and answered later than gates.callsAnswerMs, and fails', () => {
    const calls = collectConnectCalls([
      record([
        ['c1', 0],
        ['c2', 0],
        ['c3', 0],
      ]),
    ]);
    const [gate] = evaluateCallsGates(
      {
        calls,
        ledger: ledger({ c1: [T0 + 10, 'accept'], c2: [T0 + 6000, 'pre_accept'] }),
        answerMs: 5000,
        unansweredThreshold: 0,
      },
      ctx,
    );
    expect(gate).toMatchObject({ verdict: 'fail', observed: 2 });
    expect(gate!.note).toContain('1 later, 1 never');
  });

  it('keeps the earliest send per call id across engine instances', () => {
    const calls = collectConnectCalls([
      record([['c1', 3000]]),
      { startedAt: '2026-01-01T00:00:01.000Z', callsConnect: { acked: [['c1', 0]], overflow: 0 } },
    ]);
    expect(calls!.sentAtMs.get('c1')).toBe(T0 + 1000);
  });

  it('is not measured (and fails unless allowed) without ledger stats', () => {
    const [gate] = evaluateCallsGates(
      { calls: collectConnectCalls([record([['c1', 0]])]), ledger: undefined, answerMs: 5000, unansweredThreshold: 0 },
      ctx,
    );
    expect(gate).toMatchObject({ verdict: 'not-measured', allowedNotMeasured: false });
  });
});
