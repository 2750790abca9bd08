import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../common/contracts/index.ts';
import { buildMessagesWebhook, postWebhook } from '../helpers/connector/index.ts';
import { startExampleHarness, type ExampleHarness } from '../helpers/example-harness.ts';
import type { LaunchedExample } from '../../targets/examples/rehearse/index.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { rehearse } from '../helpers/rehearse-example.ts';

describe('example wappa-app through the wappa preset', () => {
  it('passes with its dedupe in Redis while 40 % of deliveries come twice', async () => {
    const run = await rehearse({ example: 'wappa-app' });
    expect(run.json<RunRecord>('run-record.json').counters.duplicatesSent).toBeGreaterThan(3);
    expect(run.gate('duplicates')?.verdict).toBe('pass');
    expect(run.gate('ack-p99')).toMatchObject({ verdict: 'pass', threshold: 1000 });
    expect(
      run.json<{ health: Record<string, { cache?: unknown }> }>('preset.json').health['/health/detailed']?.cache,
    ).toMatchObject({ backend: 'redis', redis: 'up' });
    expect(run.exitCode, run.log).toBe(0);
  }, 120_000);

  it('fails the duplicates gate when the dedupe is switched off', async () => {
    const run = await rehearse({ example: 'wappa-app', defect: 'no-dedupe' });
    expect(run.gate('duplicates')?.verdict).toBe('fail');
    expect(run.gate('lost')?.verdict).toBe('pass');
    expect(run.exitCode).toBe(99);
  }, 120_000);
});

describe('example wappa-app cache', () => {
  const path = '/webhook/messenger/106540352242922/whatsapp';
  let redis: RedisServer;
  let harness: ExampleHarness;
  const apps: LaunchedExample[] = [];
  const post = async (app: LaunchedExample, id: string) =>
    JSON.parse(
      (
        await postWebhook(app.url + path, buildMessagesWebhook({ messages: [{ id }] }), {
          appSecret: harness.secrets.appSecret,
        })
      ).body,
    ) as { messages: number; duplicates: number };
  const detailed = async (app: LaunchedExample) =>
    ((await (await fetch(`${app.url}/health/detailed`)).json()) as { cache: Record<string, unknown> }).cache;

  beforeAll(async () => {
    redis = await startRedisServer();
    harness = await startExampleHarness();
    for (let i = 0; i < 2; i++) apps.push(await harness.launch('wappa-app', { redisUrl: redis.url }));
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    await redis?.close();
  });

  it('shares one dedupe between replicas through Redis', async () => {
    expect(await post(apps[0]!, 'wamid.shared.1')).toMatchObject({ messages: 1, duplicates: 0 });
    expect(await post(apps[1]!, 'wamid.shared.1')).toMatchObject({ messages: 0, duplicates: 1 });
  });

  it('falls back to memory while Redis is down, still dedupes what it saw, and returns to Redis', async () => {
    expect(await post(apps[0]!, 'wamid.outage.1')).toMatchObject({ messages: 1 });
    await redis.stop();
    expect(await post(apps[0]!, 'wamid.outage.1')).toMatchObject({ messages: 0, duplicates: 1 });
    expect(await post(apps[0]!, 'wamid.outage.2')).toMatchObject({ messages: 1, duplicates: 0 });
    expect(await post(apps[0]!, 'wamid.outage.2')).toMatchObject({ messages: 0, duplicates: 1 });
    expect((await fetch(`${apps[0]!.url}/health`)).status).toBe(200);
    expect(await detailed(apps[0]!)).toMatchObject({ backend: 'memory', redis: 'down' });
    await redis.start();
    await sleep(2200); // the app tries Redis again 2 s after a failure
    expect(await post(apps[0]!, 'wamid.outage.3')).toMatchObject({ messages: 1 });
    expect(await detailed(apps[0]!)).toMatchObject({ backend: 'redis', redis: 'up' });
    expect(await post(apps[1]!, 'wamid.outage.3')).toMatchObject({ messages: 0, duplicates: 1 });
  }, 30_000);
});
