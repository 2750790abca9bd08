import { describe, expect, it } from 'vitest';
import { gatesSchema, type PhaseJudge } from '../../common/contracts/index.ts';
import {
  buildCounters,
  buildHistogram,
  buildLedgerStats,
  buildRunRecord,
  EMPTY_HISTOGRAM,
  buildRedisProxyStats,
} from '../../test/helpers/reports/test-builders.ts';
import { buildSummary } from './build-summary.ts';

const REDIS: PhaseJudge = { fault: true, latency: 'off', errorRate: 'off', recoveryS: 5, sources: ['redis'] };

/** A URL target run with redis-down 3–6 s through the proxy; a memory-fallback bot answers everything. */
function urlTargetRun(commands: number) {
  const record = buildRunRecord({
    seconds: 10,
    rate: 100,
    phases: [
      { name: 'warmup', startS: 0, endS: 3 },
      { name: 'redis-down', startS: 3, endS: 6, judge: REDIS },
      { name: 'recovery', startS: 6, endS: 10 },
    ],
    countersByPhase: {
      warmup: buildCounters({ sent: 300, status2xx: 300, deliveries: 300, inboundMessagesAcked: 300 }),
      'redis-down': buildCounters({ sent: 300, status2xx: 300, deliveries: 300, inboundMessagesAcked: 300 }),
      recovery: buildCounters({ sent: 400, status2xx: 400, deliveries: 400, inboundMessagesAcked: 400 }),
    },
  });
  return buildSummary({
    runRecords: [record],
    ledgers: [buildLedgerStats()],
    gates: gatesSchema.parse({}),
    redisProxy: buildRedisProxyStats({ commands, faults: commands ? { 'redis-down/outage': 1 } : {} }),
  });
}

describe('Redis faults for a URL target', () => {
  it('reads every Redis gate "not measured", failing the run, when no command reached the proxy', () => {
    const s = urlTargetRun(0);
    const down = s.dependency?.phases.find((p) => p.phase === 'redis-down');
    expect(down?.gates.map((g) => `${g.id}:${g.verdict}`)).toEqual(['lost:not-measured', 'duplicates:not-measured']);
    expect(down?.behaviour[0]).toContain('No Redis command reached the proxy');
    expect(s.exitCode).toBe(99);
  });

  it('judges the Redis phase once the target used the proxy', () => {
    const s = urlTargetRun(1000);
    const down = s.dependency?.phases.find((p) => p.phase === 'redis-down');
    expect(down?.gates.map((g) => `${g.id}:${g.verdict}`)).toEqual(['lost:pass', 'duplicates:pass']);
  });
});
