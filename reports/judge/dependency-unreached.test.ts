import { describe, expect, it } from 'vitest';
import {
  gatesSchema,
  REDIS_PROXY_STATS_SCHEMA_VERSION,
  type PhaseJudge,
  type RedisProxyStats,
} from '../../common/contracts/index.ts';
import {
  buildCounters,
  buildHistogram,
  buildLedgerStats,
  buildRunRecord,
  EMPTY_HISTOGRAM,
} from '../../test/helpers/reports/test-builders.ts';
import { buildSummary } from './build-summary.ts';

const REDIS: PhaseJudge = { fault: true, latency: 'off', errorRate: 'off', recoveryS: 5, sources: ['redis'] };

function proxyStats(commands: number): RedisProxyStats {
  return {
    schemaVersion: REDIS_PROXY_STATS_SCHEMA_VERSION,
    kind: 'redis-proxy-stats',
    upstream: 'redis://127.0.0.1:6379',
    startedAt: '2026-01-15T02:00:00.000Z',
    generatedAt: '2026-01-15T02:00:10.000Z',
    connections: { accepted: commands ? 1 : 0, refused: 0, frozen: 0, closedByFault: 0 },
    commands: { total: commands, byFamily: {}, unanswered: 0 },
    faults: commands ? { 'redis-down/outage': 1 } : {},
    dedupe: {
      byShape: {},
      outcomes: { claimed: commands, seen: 0, error: 0, unanswered: 0 },
      latency: commands ? buildHistogram([[1, commands]]) : EMPTY_HISTOGRAM,
      latencyByPhase: {},
      tiedToMessage: commands,
      messagesClaimedTwice: 0,
      cutClaimSeqs: [],
      ttl: { minTtlS: 86_400, withTtl: commands, withoutTtl: 0, minS: null, maxS: null, belowMinimum: 0 },
    },
  };
}

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
    redisProxy: proxyStats(commands),
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
