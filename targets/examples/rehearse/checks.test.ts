import { describe, expect, it } from 'vitest';
import type { LedgerStats } from '../../../common/contracts/index.ts';
import { judgeChecks, type CheckInputs } from './checks.ts';

const base: CheckInputs = {
  peakRssMb: 50,
  ledger: undefined,
  stop: { exitCode: 0, signal: null, afterMs: 300, killed: false },
};
const ledger = (committedByType: Record<string, number>) => ({ committedByType }) as unknown as LedgerStats;

describe('judgeChecks', () => {
  it('fails a target whose peak memory reaches the limit and passes one below it', () => {
    expect(judgeChecks([{ id: 'peak-rss', threshold: 200 }], { ...base, peakRssMb: 200 })[0]).toMatchObject({
      verdict: 'fail',
      observed: 200,
    });
    expect(judgeChecks([{ id: 'peak-rss', threshold: 200 }], base)[0]?.verdict).toBe('pass');
  });

  it('fails calls pre-accepted but never accepted, and a bridge that answered no call at all', () => {
    expect(
      judgeChecks([{ id: 'calls-answered' }], { ...base, ledger: ledger({ call_pre_accept: 7 }) })[0],
    ).toMatchObject({ verdict: 'fail', observed: 7 });
    expect(judgeChecks([{ id: 'calls-answered' }], { ...base, ledger: ledger({}) })[0]?.verdict).toBe('fail');
    expect(
      judgeChecks([{ id: 'calls-answered' }], { ...base, ledger: ledger({ call_pre_accept: 7, call_accept: 7 }) })[0],
    ).toMatchObject({ verdict: 'pass', observed: 0 });
  });

  it('fails a target that had to be killed or exited non-zero after SIGTERM', () => {
    const check = [{ id: 'stops-on-sigterm', threshold: 10_000 }] as const;
    expect(
      judgeChecks([...check], {
        ...base,
        stop: { exitCode: null, signal: 'SIGKILL', afterMs: 10_000, killed: true },
      })[0]?.verdict,
    ).toBe('fail');
    expect(
      judgeChecks([...check], { ...base, stop: { exitCode: 1, signal: null, afterMs: 100, killed: false } })[0]
        ?.verdict,
    ).toBe('fail');
    expect(judgeChecks([...check], base)[0]?.verdict).toBe('pass');
  });
});
