import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ANSWER_OK,
  buildMessagesWebhook,
  graphError,
  postWebhook,
  startFakeGraph,
  startTestConnector,
  TEST_APP_SECRET,
  type FakeGraph,
  type Responder,
} from '../helpers/connector/index.ts';

let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph();
});
afterAll(async () => {
  await graph.close();
});
afterEach(() => {
  graph.sends.length = 0;
  graph.setResponder(ANSWER_OK);
});

let seq = 0;
const nextId = () => `wamid.RETRY${seq++}`;

/** Answers replies with `failure` for the first `times` reply attempts, then 200; reads always 200. */
function failRepliesFirst(times: number, failure: ReturnType<Responder>): Responder {
  let replies = 0;
  return (body, index) => (body['type'] === 'text' && replies++ < times ? failure : ANSWER_OK(body, index));
}

async function deliverOne(overrides: Parameters<typeof startTestConnector>[1] = {}) {
  const connector = await startTestConnector(graph.url, overrides);
  try {
    const res = await postWebhook(connector.webhookUrl, buildMessagesWebhook({ messages: [{ id: nextId() }] }), {
      appSecret: TEST_APP_SECRET,
    });
    expect(res.status).toBe(200);
    await connector.drain();
    return await (await fetch(`${connector.url}/metrics`)).text();
  } finally {
    await connector.close();
  }
}

describe('Graph API retries', () => {
  it('retries 5xx with backoff until the reply goes through', async () => {
    graph.setResponder(failRepliesFirst(3, { status: 503, body: graphError(131000) }));
    const metrics = await deliverOne();
    expect(graph.replies()).toHaveLength(4);
    expect(metrics).toMatch(/^wa_connector_messages_sent_total\{kind="reply"\} 1$/m);
    expect(metrics).toMatch(/^wa_connector_send_retries_total\{class="retry"\} 3$/m);
  });

  it('retries an attempt that times out', async () => {
    graph.setResponder(failRepliesFirst(1, { status: 200, delayMs: 500 }));
    await deliverOne({ sendTimeoutMs: 100 });
    expect(graph.replies()).toHaveLength(2);
  });

  it('retries a rate limit signalled by code 130429 under HTTP 400', async () => {
    graph.setResponder(failRepliesFirst(2, { status: 400, body: graphError(130429) }));
    const metrics = await deliverOne();
    expect(graph.replies()).toHaveLength(3);
    expect(metrics).toMatch(/^wa_connector_send_retries_total\{class="rate-limit"\} 2$/m);
  });

  it('waits at least Retry-After before retrying a 429', async () => {
    graph.setResponder(failRepliesFirst(1, { status: 429, body: graphError(80007), headers: { 'retry-after': '1' } }));
    await deliverOne();
    const [first, second] = graph.replies();
    expect(second!.atMs - first!.atMs).toBeGreaterThanOrEqual(950);
  });

  it('never retries a do-not-retry 4xx and counts it failed', async () => {
    graph.setResponder(failRepliesFirst(10, { status: 400, body: graphError(131026) }));
    const metrics = await deliverOne();
    expect(graph.replies()).toHaveLength(1);
    expect(metrics).toMatch(/^wa_connector_sends_failed_total\{kind="reply",reason="fatal"\} 1$/m);
  });

  it('gives up after the bounded number of attempts', async () => {
    graph.setResponder(failRepliesFirst(100, { status: 500 }));
    const metrics = await deliverOne({ retryMaxAttempts: 4, breakerFailureThreshold: 100 });
    expect(graph.replies()).toHaveLength(4);
    expect(metrics).toMatch(/^wa_connector_sends_failed_total\{kind="reply",reason="attempts_exhausted"\} 1$/m);
  });
});

describe('circuit breaker', () => {
  it('opens during an outage, probes when half-open, closes on recovery, and loses nothing', async () => {
    const connector = await startTestConnector(graph.url, {
      breakerFailureThreshold: 3,
      breakerOpenMs: 150,
      retryMaxAttempts: 20,
    });
    try {
      let down = true;
      graph.setResponder((body, i) => (down ? { status: 503 } : ANSWER_OK(body, i)));
      const ids = [nextId(), nextId(), nextId(), nextId(), nextId()];
      const res = await postWebhook(
        connector.webhookUrl,
        buildMessagesWebhook({ messages: ids.map((id) => ({ id })) }),
        { appSecret: TEST_APP_SECRET },
      );
      expect(res.status).toBe(200);
      await waitForHealth(connector.url, (h) => h.breaker === 'open');
      await new Promise((resolve) => setTimeout(resolve, 30)); // let attempts sent before opening land
      const sendsWhileOpen = graph.sends.length;
      await new Promise((resolve) => setTimeout(resolve, 90));
      // While open nothing reaches the API but a single probe after the 150 ms open period.
      expect(graph.sends.length - sendsWhileOpen).toBeLessThanOrEqual(1);
      down = false;
      await connector.drain();
      const health = await (await fetch(`${connector.url}/health`)).json();
      expect(health.breaker).toBe('closed');
      const repliedTo = new Set(graph.replies().map((s) => (s.body['context'] as { message_id: string }).message_id));
      expect([...repliedTo].sort()).toEqual([...ids].sort());
      const metrics = await (await fetch(`${connector.url}/metrics`)).text();
      expect(metrics).toMatch(/^wa_connector_breaker_state 0$/m);
      expect(metrics).toMatch(/^wa_connector_messages_sent_total\{kind="reply"\} 5$/m);
      expect(metrics).not.toMatch(/^wa_connector_sends_failed_total\{/m);
    } finally {
      await connector.close();
    }
  });
});

async function waitForHealth(url: string, check: (health: { breaker: string }) => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (check(await (await fetch(`${url}/health`)).json())) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('health never reached the expected state');
}

describe('shutdown', () => {
  it('abandons retries still pending when the drain deadline passes, and stops sending', async () => {
    graph.setResponder(() => ({ status: 500 }));
    const connector = await startTestConnector(graph.url, {
      retryBaseMs: 100,
      retryMaxDelayMs: 100,
      retryMaxAttempts: 50,
      breakerFailureThreshold: 1_000,
      drainTimeoutMs: 250,
    });
    const res = await postWebhook(connector.webhookUrl, buildMessagesWebhook({ messages: [{ id: nextId() }] }), {
      appSecret: TEST_APP_SECRET,
    });
    expect(res.status).toBe(200);
    await connector.close();
    const sendsAtClose = graph.sends.length;
    expect(sendsAtClose).toBeGreaterThan(2);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(graph.sends.length).toBe(sendsAtClose);
  });
});
