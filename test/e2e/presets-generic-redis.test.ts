import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../common/contracts/index.ts';
import { gate, runPreset } from '../helpers/run-preset.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.close();
});

describe('preset generic-redis against the reference connector deduping in Redis', () => {
  it('answers every message once although 5 % of deliveries arrive twice at the same moment', async () => {
    const run = await runPreset([
      '--preset',
      'generic-redis',
      '--duration',
      '3',
      '--chaos',
      'none',
      '--redis-url',
      redis.url,
    ]);
    expect(run.json('preset.json')).toMatchObject({
      health: { '/health': { status: 'ok', store: { kind: 'redis', ready: true } } },
    });
    const { counters } = run.json<RunRecord>('run-record.json');
    expect(counters.duplicatesSent).toBeGreaterThan(0);
    expect(gate(run, 'duplicates')).toMatchObject({ verdict: 'pass' });
    // dedupe-p99 is a real latency against the preset's 50 ms: measured here, judged by calibration.
    expect(gate(run, 'dedupe-p99')).toMatchObject({ threshold: 50, source: expect.any(String) });
    expect(gate(run, 'dedupe-p99')?.verdict).not.toBe('not-measured');
    expect(gate(run, 'lost')).toMatchObject({ verdict: 'pass' });
  }, 60_000);
});
