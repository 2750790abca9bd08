import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ANSWER_OK,
  buildMessagesWebhook,
  postWebhook,
  spawnConnectorCli,
  startFakeGraph,
  startTestConnector,
  TEST_ACCESS_TOKEN,
  TEST_APP_SECRET,
  type FakeGraph,
} from '../helpers/connector/index.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';

let redis: RedisServer;
let graph: FakeGraph;
beforeAll(async () => {
  redis = await startRedisServer();
  graph = await startFakeGraph();
});
afterAll(async () => {
  await graph?.close();
  await redis?.close();
});
afterEach(() => {
  graph.sends.length = 0;
  graph.setResponder(ANSWER_OK);
});

let seq = 0;
const nextId = () => `wamid.REDIS${Date.now()}x${seq++}`;
const repliedIds = () => graph.replies().map((s) => (s.body['context'] as { message_id: string }).message_id);

describe('Redis dedupe store (real redis-server)', () => {
  it('dedupes a redelivery with SET NX and a 24 h TTL on the key', async () => {
    const connector = await startTestConnector(graph.url, { redisUrl: redis.url });
    const inspector = createClient({ url: redis.url });
    await inspector.connect();
    try {
      const id = nextId();
      const body = buildMessagesWebhook({ messages: [{ id }, { id }] });
      const first = await postWebhook(connector.webhookUrl, body, { appSecret: TEST_APP_SECRET });
      const second = await postWebhook(connector.webhookUrl, body, { appSecret: TEST_APP_SECRET });
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(JSON.parse(first.body)).toMatchObject({ messages: 1, duplicates: 1 });
      expect(JSON.parse(second.body)).toMatchObject({ messages: 0, duplicates: 2 });
      expect(second.serverTiming).toMatch(/^dedupe;dur=\d+\.\d+$/);
      await connector.drain();
      expect(repliedIds()).toEqual([id]);
      const ttl = await inspector.ttl(`wa-connector:dedupe:${id}`);
      expect(ttl).toBeGreaterThan(86_300);
      expect(ttl).toBeLessThanOrEqual(86_400);
      const health = await (await fetch(`${connector.url}/health`)).json();
      expect(health.store).toEqual({ kind: 'redis', ready: true });
    } finally {
      await inspector.close();
      await connector.close();
    }
  });

  it('answers each message id once across two connector processes sharing one Redis', async () => {
    const env = {
      WA_APP_SECRET: TEST_APP_SECRET,
      WA_ACCESS_TOKEN: TEST_ACCESS_TOKEN,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
    };
    const runs = [
      spawnConnectorCli(['--port', '0', '--graph-base-url', graph.url], env),
      spawnConnectorCli(['--port', '0', '--graph-base-url', graph.url], env),
    ];
    try {
      const urls = await Promise.all(runs.map((r) => r.listening));
      const ids = Array.from({ length: 20 }, nextId);
      // Every id is delivered to both replicas at the same moment, as after a Meta redelivery to a scaled-out deployment.
      const statuses = await Promise.all(
        ids.flatMap((id) => {
          const body = buildMessagesWebhook({ messages: [{ id }] });
          return urls.map(
            async (url) => (await postWebhook(`${url}/webhook`, body, { appSecret: TEST_APP_SECRET })).status,
          );
        }),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
      for (const run of runs) run.child.kill('SIGTERM');
      expect(await Promise.all(runs.map((r) => r.exited))).toEqual([0, 0]);
      expect(repliedIds().sort()).toEqual([...ids].sort());
      expect(graph.reads()).toHaveLength(20);
    } finally {
      for (const run of runs) run.kill();
    }
  });

  it('fails closed while Redis is unreachable: 503 with no Graph call, then recovers when Redis is back', async () => {
    const connector = await startTestConnector(graph.url, { redisUrl: redis.url, redisCommandTimeoutMs: 300 });
    try {
      await redis.stop();
      const id = nextId();
      const body = buildMessagesWebhook({ messages: [{ id }] });
      const refused = await postWebhook(connector.webhookUrl, body, { appSecret: TEST_APP_SECRET });
      expect(refused.status).toBe(503);
      const health = await fetch(`${connector.url}/health`);
      expect(health.status).toBe(503);
      expect((await health.json()).status).toBe('degraded');
      await connector.drain();
      expect(graph.sends).toHaveLength(0);

      await redis.start();
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
        status = (await postWebhook(connector.webhookUrl, body, { appSecret: TEST_APP_SECRET })).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(200);
      await connector.drain();
      expect(repliedIds()).toEqual([id]);
    } finally {
      await connector.close();
    }
  });

  it('refuses to start when Redis is unreachable at startup, naming the URL without credentials', async () => {
    const error = await startTestConnector(graph.url, {
      redisUrl: 'redis://user:hunter22@127.0.0.1:1',
      redisConnectTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^Could not connect to Redis at redis:\/\/127\.0\.0\.1:1: .*unset it to use the in-memory store\.$/,
    );
    expect((error as Error).message).not.toContain('hunter22');
    expect((error as { exitCode?: number }).exitCode).toBe(3);
  });
});
