import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ANSWER_OK,
  buildMessagesWebhook,
  postWebhook,
  readDedupeDuration,
  signBody,
  startFakeGraph,
  startTestConnector,
  waitFor,
  TEST_ACCESS_TOKEN,
  TEST_APP_SECRET,
  TEST_VERIFY_TOKEN,
  type FakeGraph,
} from '../helpers/connector/index.ts';

let graph: FakeGraph;
let connector: Awaited<ReturnType<typeof startTestConnector>>;

beforeAll(async () => {
  graph = await startFakeGraph();
  connector = await startTestConnector(graph.url);
});
afterAll(async () => {
  await connector.close();
  await graph.close();
});
afterEach(async () => {
  await connector.drain();
  graph.sends.length = 0;
  graph.setResponder(ANSWER_OK);
});

const post = (body: string, options: Parameters<typeof postWebhook>[2] = {}) =>
  postWebhook(connector.webhookUrl, body, { appSecret: TEST_APP_SECRET, ...options });
let seq = 0;
const nextId = () => `wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQz${seq++}`;

describe('GET verify handshake', () => {
  it('echoes the challenge as text when the verify token matches', async () => {
    const res = await fetch(
      `${connector.webhookUrl}?hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses a wrong verify token with 403', async () => {
    const res = await fetch(`${connector.webhookUrl}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`);
    expect(res.status).toBe(403);
  });
});

describe('signature', () => {
  it('accepts a correctly signed delivery whose body carries Meta-escaped unicode', async () => {
    const body = buildMessagesWebhook({ messages: [{ id: nextId(), text: 'Olá, ça va? 😀 a/b' }] });
    expect(body).toContain('\\u00e1');
    expect((await post(body)).status).toBe(200);
    await connector.drain();
    expect(graph.replies()).toHaveLength(1);
  });

  it('rejects a delivery without a signature with 401 and sends nothing', async () => {
    const res = await post(buildMessagesWebhook({ messages: [{ id: nextId() }] }), { signature: null });
    expect(res.status).toBe(401);
    await connector.drain();
    expect(graph.sends).toHaveLength(0);
  });

  it('rejects a forged signature with 401 and sends nothing', async () => {
    const body = buildMessagesWebhook({ messages: [{ id: nextId() }] });
    const res = await post(body, { signature: signBody(body, 'not-the-app-secret') });
    expect(res.status).toBe(401);
    await connector.drain();
    expect(graph.sends).toHaveLength(0);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400, a non-envelope with 400, without side effects', async () => {
    const broken = '{"object":"whatsapp_business_account","entry":[';
    expect((await post(broken)).status).toBe(400);
    expect((await post('{"hello":"world"}')).status).toBe(400);
    await connector.drain();
    expect(graph.sends).toHaveLength(0);
  });

  it('answers a body over the size limit with 413 and stays up', async () => {
    const small = await startTestConnector(graph.url, { maxBodyBytes: 1_024 });
    try {
      const body = buildMessagesWebhook({ messages: [{ id: nextId(), text: 'x'.repeat(2_000) }] });
      expect((await postWebhook(small.webhookUrl, body, { appSecret: TEST_APP_SECRET })).status).toBe(413);
      const ok = buildMessagesWebhook({ messages: [{ id: nextId() }] });
      expect((await postWebhook(small.webhookUrl, ok, { appSecret: TEST_APP_SECRET })).status).toBe(200);
      await small.drain();
      expect(graph.replies()).toHaveLength(1);
    } finally {
      await small.close();
    }
  });

  it('answers a non-JSON content type with 415 without side effects', async () => {
    const body = buildMessagesWebhook({ messages: [{ id: nextId() }] });
    expect((await post(body, { contentType: 'text/plain' })).status).toBe(415);
    expect((await post(body, { contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
    await connector.drain();
    expect(graph.sends).toHaveLength(0);
    const health = await fetch(`${connector.url}/health`);
    expect(health.status).toBe(200);
  });
});

describe('processing', () => {
  it('acks with 200 before the Graph API has answered, then processes asynchronously', async () => {
    graph.setResponder(() => ({ status: 200, delayMs: 300 }));
    const res = await post(buildMessagesWebhook({ messages: [{ id: nextId() }] }));
    const ackedAt = Date.now();
    expect(res.status).toBe(200);
    await connector.drain();
    expect(graph.sends).toHaveLength(2);
    // Each send was answered 300 ms after it arrived: all of that happened after the ack.
    expect(Math.min(...graph.sends.map((s) => s.atMs + 300))).toBeGreaterThan(ackedAt);
  });

  it('sends one mark-as-read and one threaded reply per inbound message, from the metadata number, with the bearer token', async () => {
    const ids = [nextId(), nextId(), nextId()];
    const body = buildMessagesWebhook({
      messages: ids.map((id, i) => ({ id, from: `1650555000${i}`, type: i === 1 ? 'image' : 'text' })),
      phoneNumberId: '999000111',
    });
    expect((await post(body)).status).toBe(200);
    await connector.drain();
    expect(
      graph
        .reads()
        .map((s) => s.body['message_id'])
        .sort(),
    ).toEqual([...ids].sort());
    expect(
      graph
        .replies()
        .map((s) => (s.body['context'] as { message_id: string }).message_id)
        .sort(),
    ).toEqual([...ids].sort());
    const reply = graph.replies().find((s) => (s.body['context'] as { message_id: string }).message_id === ids[0]);
    expect(reply?.body).toMatchObject({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505550000',
      type: 'text',
    });
    expect(graph.reads()[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: expect.any(String),
    });
    expect(graph.sends.every((s) => s.path === '/v23.0/999000111/messages')).toBe(true);
    expect(graph.sends.every((s) => s.authorization === `Bearer ${TEST_ACCESS_TOKEN}`)).toBe(true);
  });

  it('consumes statuses and other fields without sending anything', async () => {
    expect((await post(buildMessagesWebhook({ statuses: 3 }))).status).toBe(200);
    const other = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }] }],
    });
    expect((await post(other)).status).toBe(200);
    await connector.drain();
    expect(graph.sends).toHaveLength(0);
  });

  it('acks, answers and counts a message of an unknown type', async () => {
    expect((await post(buildMessagesWebhook({ messages: [{ id: nextId(), type: 'hologram' }] }))).status).toBe(200);
    await connector.drain();
    expect(graph.replies()).toHaveLength(1);
    const metrics = await (await fetch(`${connector.url}/metrics`)).text();
    expect(metrics).toMatch(/^wa_connector_unknown_types_total 1$/m);
  });

  it('dedupes a redelivered message id in memory and reports the dedupe time in Server-Timing', async () => {
    const body = buildMessagesWebhook({ messages: [{ id: nextId() }] });
    const first = await post(body);
    const second = await post(body);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.serverTiming).toMatch(/^dedupe;dur=\d+\.\d+$/);
    expect(readDedupeDuration(second.serverTiming)).toBeGreaterThanOrEqual(0);
    await connector.drain();
    expect(graph.reads()).toHaveLength(1);
    expect(graph.replies()).toHaveLength(1);
    const metrics = await (await fetch(`${connector.url}/metrics`)).text();
    expect(metrics).toMatch(/^wa_connector_deduped_total [1-9]\d*$/m);
  });
});

describe('batches', () => {
  it('answers an id repeated inside one batch once', async () => {
    const id = nextId();
    const res = await post(buildMessagesWebhook({ messages: [{ id }, { id: nextId() }, { id }] }));
    expect(JSON.parse(res.body)).toEqual({ received: true, messages: 2, duplicates: 1 });
    await connector.drain();
    expect(graph.replies()).toHaveLength(2);
  });
});

describe('observability', () => {
  it('exposes health and metrics without any secret', async () => {
    const health = await (await fetch(`${connector.url}/health`)).json();
    expect(health).toMatchObject({
      status: 'ok',
      store: { kind: 'memory', ready: true },
      breaker: 'closed',
      defect: 'none',
    });
    const metrics = await (await fetch(`${connector.url}/metrics`)).text();
    for (const name of [
      'webhooks_received_total',
      'messages_sent_total',
      'sends_failed_total',
      'deduped_total',
      'send_latency_seconds',
      'dedupe_latency_seconds',
      'breaker_state',
      'unknown_types_total',
    ]) {
      expect(metrics).toContain(`wa_connector_${name}`);
    }
    for (const text of [JSON.stringify(health), metrics]) {
      expect(text).not.toContain(TEST_APP_SECRET);
      expect(text).not.toContain(TEST_ACCESS_TOKEN);
    }
  });
});

describe('Wappa-style path template', () => {
  it('serves the webhook under /webhook/messenger/{phone_number_id}/whatsapp and replies from the path number when metadata has none', async () => {
    const wappa = await startTestConnector(graph.url, {
      pathTemplate: '/webhook/messenger/{phone_number_id}/whatsapp',
    });
    try {
      expect(wappa.webhookUrl).toMatch(/\/webhook\/messenger\/106540352242922\/whatsapp$/);
      const body = buildMessagesWebhook({ messages: [{ id: nextId() }], phoneNumberId: null });
      expect((await postWebhook(wappa.webhookUrl, body, { appSecret: TEST_APP_SECRET })).status).toBe(200);
      expect((await postWebhook(wappa.url + '/webhook', body, { appSecret: TEST_APP_SECRET })).status).toBe(404);
      await wappa.drain();
      await waitFor(() => graph.sends.length === 2);
      expect(graph.sends.every((s) => s.path === '/v23.0/106540352242922/messages')).toBe(true);
    } finally {
      await wappa.close();
    }
  });
});
