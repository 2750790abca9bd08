import { request, Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  signBody,
  startFakeGraph,
  startTestConnector,
  waitFor,
  TEST_APP_SECRET,
  type FakeGraph,
} from '../helpers/connector/index.ts';

let graph: FakeGraph;
const connectors: Array<{ close(): Promise<void> }> = [];
async function connector(
  overrides: Parameters<typeof startTestConnector>[1],
  options?: Parameters<typeof startTestConnector>[2],
) {
  const c = await startTestConnector(graph.url, overrides, options);
  connectors.push(c);
  return c;
}
beforeAll(async () => {
  graph = await startFakeGraph();
});
afterAll(async () => {
  await Promise.all(connectors.map((c) => c.close()));
  await graph.close();
});

function callsWebhook(calls: Array<{ id: string; event: string }>): string {
  const value = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
    calls: calls.map((c) => ({
      ...c,
      from: '16505551234',
      to: '15550783881',
      timestamp: '1749416383',
      ...(c.event === 'connect' ? { session: { sdp_type: 'offer', sdp: 'v=0\r\n' } } : {}),
    })),
  };
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ value, field: 'calls' }] }],
  });
}

async function postFrom(pool: Pool, path: string, body: string) {
  const res = await pool.request({
    path,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, TEST_APP_SECRET) },
    body,
  });
  return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: await res.body.text() };
}

describe('reference connector configured like the presets', () => {
  it('limits webhook requests per source address: 429 with Retry-After past the burst, other sources unaffected', async () => {
    // The limiter's clock stands still, so the burst is exactly 20 however slowly the machine sends.
    const c = await connector({ rateLimitPerIp: 10, rateLimitBurst: 20 }, { now: () => 1_000_000 });
    const body = callsWebhook([]);
    const first = new Pool(c.url, { localAddress: '127.0.0.2' });
    const second = new Pool(c.url, { localAddress: '127.0.0.3' });
    try {
      const burst = await Promise.all(Array.from({ length: 25 }, () => postFrom(first, '/webhook', body)));
      const limited = burst.filter((r) => r.status === 429);
      expect(burst.filter((r) => r.status === 200).length).toBe(20);
      expect(limited.length).toBe(5);
      expect(limited[0]?.retryAfter).toBe('1');
      expect(JSON.parse(limited[0]?.body ?? '{}')).toEqual({
        error: expect.stringContaining('10 requests/s per source address (burst 20)'),
        status: 429,
      });
      expect((await postFrom(second, '/webhook', body)).status).toBe(200);
      // Health and metrics are never limited.
      expect((await request(`${c.url}/health`)).statusCode).toBe(200);
      const metrics = await (await request(`${c.url}/metrics`)).body.text();
      expect(metrics).toMatch(
        new RegExp(`wa_connector_webhooks_received_total\\{outcome="rate_limited"\\} ${limited.length}`),
      );
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('answers /health/detailed with the store, Graph breaker, inbound limit and calls mode', async () => {
    const c = await connector({
      rateLimitPerIp: 10,
      callsMode: 'answer',
      pathTemplate: '/webhook/messenger/{phone_number_id}/whatsapp',
    });
    const res = await request(`${c.url}/health/detailed`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toMatchObject({
      status: 'ok',
      checks: {
        store: { kind: 'memory', ready: true },
        graph: { breaker: 'closed', origin: graph.url, version: 'v23.0' },
      },
      webhook: {
        path: '/webhook/messenger/{phone_number_id}/whatsapp',
        rateLimit: { perIpPerS: 10, burst: 20 },
        callsMode: 'answer',
      },
    });
  });

  it('in calls mode answer, pre-accepts then accepts each new connect on /calls, once, and sends nothing for a terminate', async () => {
    const c = await connector({ callsMode: 'answer' });
    const before = graph.sends.length;
    const pool = new Pool(c.url);
    try {
      const connect = callsWebhook([{ id: 'wacid.CALL1', event: 'connect' }]);
      const answers = await Promise.all([postFrom(pool, '/webhook', connect), postFrom(pool, '/webhook', connect)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers.map((a) => JSON.parse(a.body).calls).sort()).toEqual([0, 1]);
      expect((await postFrom(pool, '/webhook', callsWebhook([{ id: 'wacid.CALL1', event: 'terminate' }]))).status).toBe(
        200,
      );
      await waitFor(() => graph.sends.length - before >= 2, 5_000, 'pre_accept and accept');
      await c.drain();
    } finally {
      await pool.close();
    }
    const sends = graph.sends.slice(before);
    expect(sends.map((s) => [s.path, s.body['action'], s.body['call_id']])).toEqual([
      ['/v23.0/106540352242922/calls', 'pre_accept', 'wacid.CALL1'],
      ['/v23.0/106540352242922/calls', 'accept', 'wacid.CALL1'],
    ]);
    expect(sends[1]?.body).toMatchObject({
      messaging_product: 'whatsapp',
      session: { sdp_type: 'answer', sdp: expect.stringContaining('a=setup:active') },
    });
  });

  it('by default only counts calls webhooks and sends nothing', async () => {
    const c = await connector({});
    const before = graph.sends.length;
    const pool = new Pool(c.url);
    try {
      const res = await postFrom(pool, '/webhook', callsWebhook([{ id: 'wacid.CALL2', event: 'connect' }]));
      expect(JSON.parse(res.body)).toEqual({ received: true, messages: 0, duplicates: 0 });
      await c.drain();
    } finally {
      await pool.close();
    }
    expect(graph.sends.length).toBe(before);
  });
});
