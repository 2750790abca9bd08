import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorConfigSchema, DEFECTS, type ConnectorConfigInput } from '../../targets/reference/index.ts';
import {
  ANSWER_OK,
  buildMessagesWebhook,
  graphError,
  postWebhook,
  readDedupeDuration,
  signBody,
  startFakeGraph,
  startTestConnector,
  TEST_APP_SECRET,
  type FakeGraph,
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
const nextId = () => `wamid.DEFECT${seq++}`;
const oneMessage = (text?: string, profileName?: string) =>
  buildMessagesWebhook({ messages: [{ id: nextId(), text }], profileName });

/** Runs `scenario` against a connector with the given defect, then drains and closes it. */
async function withConnector<T>(
  overrides: Partial<ConnectorConfigInput>,
  scenario: (c: Awaited<ReturnType<typeof startTestConnector>>) => Promise<T>,
): Promise<T> {
  const connector = await startTestConnector(graph.url, overrides);
  try {
    const result = await scenario(connector);
    await connector.drain();
    return result;
  } finally {
    await connector.close();
  }
}
const post = (url: string, body: string, options: Parameters<typeof postWebhook>[2] = {}) =>
  postWebhook(url, body, { appSecret: TEST_APP_SECRET, ...options });

describe('defect defaults', () => {
  it('uses the documented calibration values unless tests shorten them', () => {
    const config = connectorConfigSchema.parse({ appSecret: 's', accessToken: 't' });
    expect(config).toMatchObject({
      defect: 'none',
      slowDedupeMs: 150,
      slowAckMs: 6_000,
      slowReplyMs: 6_000,
      webhookErrorRate: 0.02,
    });
    expect(Object.keys(DEFECTS)).toEqual([
      'none',
      'no-dedupe',
      'slow-dedupe',
      'webhook-errors',
      'slow-ack',
      'ack-after-graph',
      'slow-reply',
      'no-retry',
      'retry-4xx',
      'reserialized-signature',
      'accept-unsigned',
      'dedupe-race',
      'body-hash-dedupe',
      'plain-reply',
      'drop-on-sigterm',
      'log-sender',
      'short-ttl-dedupe',
      'redis-down-ack-drop',
      'redis-down-memory-fallback',
    ]);
    expect(config.dropOnSigtermAckMs).toBe(1_000);
  });
});

describe('seeded defects', () => {
  it('no-dedupe: answers a redelivered message a second time', async () => {
    await withConnector({ defect: 'no-dedupe' }, async (c) => {
      const body = oneMessage();
      await post(c.webhookUrl, body);
      await post(c.webhookUrl, body);
    });
    expect(graph.replies()).toHaveLength(2);
  });

  it('slow-dedupe: spends 150 ms in the dedupe step, visible in Server-Timing', async () => {
    const res = await withConnector({ defect: 'slow-dedupe' }, (c) => post(c.webhookUrl, oneMessage()));
    expect(res.status).toBe(200);
    expect(readDedupeDuration(res.serverTiming)).toBeGreaterThanOrEqual(149);
    expect(graph.replies()).toHaveLength(1);
  });

  it('webhook-errors: answers about 2 % of signed POSTs with 500 and processes none of those', async () => {
    const statuses = await withConnector({ defect: 'webhook-errors', seed: 42 }, async (c) => {
      const out: number[] = [];
      for (let batch = 0; batch < 12; batch++) {
        const results = await Promise.all(Array.from({ length: 25 }, () => post(c.webhookUrl, oneMessage())));
        out.push(...results.map((r) => r.status));
      }
      return out;
    });
    const errors = statuses.filter((s) => s === 500).length;
    expect(errors).toBeGreaterThanOrEqual(1);
    expect(errors).toBeLessThanOrEqual(15);
    expect(statuses.filter((s) => s === 200).length).toBe(300 - errors);
    // Distinct messages: on a busy machine the connector may retry a reply the fake Graph API
    // answered late (its client timeout), which is correct behaviour, not a second answer.
    const replied = new Set(
      graph.replies().map((r) => (r.body['context'] as { message_id?: string } | undefined)?.message_id),
    );
    expect(replied.size).toBe(300 - errors);
  });

  it('slow-ack: holds the 200 while processing has already started', async () => {
    const { res, startedAt, answeredAt } = await withConnector({ defect: 'slow-ack', slowAckMs: 300 }, async (c) => {
      const startedAt = Date.now();
      const res = await post(c.webhookUrl, oneMessage());
      return { res, startedAt, answeredAt: Date.now() };
    });
    expect(res.status).toBe(200);
    expect(answeredAt - startedAt).toBeGreaterThanOrEqual(290);
    expect(Math.max(...graph.sends.map((s) => s.atMs))).toBeLessThan(answeredAt);
  });

  it('ack-after-graph: answers 200 only once its Graph calls returned, so Graph latency reaches the ack', async () => {
    graph.setResponder((body, i) => ({ ...ANSWER_OK(body, i), delayMs: 300 }));
    const { res, answeredAt } = await withConnector({ defect: 'ack-after-graph' }, async (c) => {
      const res = await post(c.webhookUrl, oneMessage());
      return { res, answeredAt: Date.now() };
    });
    expect(res.status).toBe(200);
    expect(graph.replies()).toHaveLength(1);
    // Both calls were answered (300 ms later) before the webhook was.
    expect(Math.max(...graph.sends.map((s) => s.atMs)) + 290).toBeLessThanOrEqual(answeredAt);
  });

  it('slow-reply: sends the mark-as-read at once and the reply only after the delay', async () => {
    await withConnector({ defect: 'slow-reply', slowReplyMs: 300 }, (c) => post(c.webhookUrl, oneMessage()));
    const [read] = graph.reads();
    const [reply] = graph.replies();
    expect(reply!.atMs - read!.atMs).toBeGreaterThanOrEqual(250);
  });

  it('no-retry: drops a reply at the first 5xx', async () => {
    graph.setResponder((body, i) => (body['type'] === 'text' ? { status: 503 } : ANSWER_OK(body, i)));
    const metrics = await withConnector({ defect: 'no-retry' }, async (c) => {
      await post(c.webhookUrl, oneMessage());
      await c.drain();
      return (await fetch(`${c.url}/metrics`)).text();
    });
    expect(graph.replies()).toHaveLength(1);
    expect(metrics).toMatch(/^wa_connector_sends_failed_total\{kind="reply",reason="dropped_no_retry"\} 1$/m);
  });

  it('retry-4xx: retries a do-not-retry error until its attempts run out', async () => {
    graph.setResponder((body, i) =>
      body['type'] === 'text' ? { status: 400, body: graphError(131026) } : ANSWER_OK(body, i),
    );
    await withConnector({ defect: 'retry-4xx', retryMaxAttempts: 4 }, (c) => post(c.webhookUrl, oneMessage()));
    expect(graph.replies()).toHaveLength(4);
  });

  it('reserialized-signature: rejects a genuine delivery with Meta-escaped unicode, accepts plain ASCII', async () => {
    const statuses = await withConnector({ defect: 'reserialized-signature' }, async (c) => [
      (await post(c.webhookUrl, oneMessage('café 😀'))).status,
      (await post(c.webhookUrl, oneMessage('plain', 'Zoe'))).status,
    ]);
    expect(statuses).toEqual([401, 200]);
    expect(graph.replies()).toHaveLength(1);
  });

  it('accept-unsigned: processes a POST without a signature but still rejects a forged one', async () => {
    const statuses = await withConnector({ defect: 'accept-unsigned' }, async (c) => {
      const forged = oneMessage();
      return [
        (await post(c.webhookUrl, oneMessage(), { signature: null })).status,
        (await post(c.webhookUrl, forged, { signature: signBody(forged, 'wrong') })).status,
      ];
    });
    expect(statuses).toEqual([200, 401]);
    expect(graph.replies()).toHaveLength(1);
  });

  it('dedupe-race: lets two concurrent deliveries of one id both through, where the correct connector answers once', async () => {
    const concurrentPair = async (c: Awaited<ReturnType<typeof startTestConnector>>) => {
      const body = oneMessage();
      await Promise.all([post(c.webhookUrl, body), post(c.webhookUrl, body)]);
    };
    await withConnector({}, concurrentPair);
    expect(graph.replies()).toHaveLength(1);
    graph.sends.length = 0;
    await withConnector({ defect: 'dedupe-race' }, concurrentPair);
    expect(graph.replies()).toHaveLength(2);
  });

  it('reports the active defect on /health', async () => {
    const health = await withConnector({ defect: 'slow-reply' }, async (c) => (await fetch(`${c.url}/health`)).json());
    expect(health.defect).toBe('slow-reply');
  });
});
