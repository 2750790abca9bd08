import { describe, expect, it } from 'vitest';
import { gatesSchema, type PhaseWindow } from '../../common/contracts/index.ts';
import { buildHistogram, buildLedgerStats, buildRunRecord } from '../../test/helpers/reports/test-builders.ts';
import { buildSummary } from './build-summary.ts';
import { replyGateP99Ms } from './live-reply-p99.ts';

const STORM = { fault: true, latency: 'off', errorRate: 'slo', recoveryS: 30, sources: ['graph'] } as const;
const phases: PhaseWindow[] = [
  { name: 'healthy', startS: 0, endS: 10 },
  { name: 'storm', startS: 10, endS: 40, judge: { ...STORM, sources: ['graph'] } },
  { name: 'recovery', startS: 40, endS: 100 },
];
// Storm replies are late by design (Retry-After); the healthy and recovered ones are quick.
const ledger = buildLedgerStats({
  answered: 3000,
  reply: buildHistogram([
    [150, 2900],
    [9800, 100],
  ]),
  replyByPhase: {
    healthy: buildHistogram([[140, 1000]]),
    storm: buildHistogram([
      [150, 900],
      [9800, 100],
    ]),
    recovery: buildHistogram([[160, 1000]]),
  },
});

function finalGate(windows: PhaseWindow[]): number | null | undefined {
  const summary = buildSummary({
    runRecords: [buildRunRecord({ seconds: 30, rate: 100, phases: windows })],
    ledgers: [ledger],
    gates: gatesSchema.parse({}),
  });
  return summary.gates.find((g) => g.id === 'reply-p99')?.observed;
}

describe('live reply p99', () => {
  it('reads the final gate’s population: replies to messages sent in a fault phase are left out', () => {
    const live = replyGateP99Ms(ledger, phases, { redisProxy: false });
    expect(live).toBe(finalGate(phases));
    expect(live).toBeLessThan(200);
  });

  it('reads every first reply when no phase is set apart, as the final gate does', () => {
    const healthy = [{ name: 'healthy', startS: 0, endS: 100 }];
    const live = replyGateP99Ms(ledger, healthy, { redisProxy: false });
    expect(live).toBe(finalGate(healthy));
    expect(live).toBeGreaterThan(5000);
  });

  it('is null before the first reply', () => {
    const empty = buildLedgerStats({ answered: 0, reply: buildHistogram([]) });
    expect(replyGateP99Ms(empty, phases, { redisProxy: false })).toBeNull();
  });
});
