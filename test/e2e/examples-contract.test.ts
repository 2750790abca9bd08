import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMessagesWebhook,
  graphError,
  postWebhook,
  readDedupeDuration,
  waitFor,
  type FakeGraph,
} from '../helpers/connector/index.ts';
import { startExampleHarness, type ExampleHarness } from '../helpers/example-harness.ts';
import { EXAMPLES, type ExampleSecrets, type LaunchedExample } from '../../targets/examples/rehearse/index.ts';

const PHONE = '106540352242922';
const WEBHOOK_PATH: Record<string, string> = { 'wappa-app': `/webhook/messenger/${PHONE}/whatsapp` };
const OK = { status: 200, body: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.out' }] } };

// Each example against a recording fake Graph API: the rules every shape must get right.
describe.each(EXAMPLES.map((e) => [e.name, e] as const))('example %s', (name, spec) => {
  let harness: ExampleHarness;
  let graph: FakeGraph;
  let example: LaunchedExample;
  let secrets: ExampleSecrets;
  let webhookUrl: string;
  let seq = 0;
  const message = () => buildMessagesWebhook({ messages: [{ id: `wamid.${name}.${++seq}`, text: 'Olá, está aí?' }] });

  beforeAll(async () => {
    harness = await startExampleHarness();
    ({ graph, secrets } = harness);
    example = await harness.launch(spec);
    webhookUrl = example.url + (WEBHOOK_PATH[name] ?? '/webhook');
  }, 120_000);
  afterAll(() => harness?.close());

  it('answers the verify handshake with the challenge only for the right token', async () => {
    const url = (token: string) =>
      `${webhookUrl}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;
    const right = await fetch(url(secrets.verifyToken));
    expect([right.status, await right.text()]).toEqual([200, '1158201444']);
    expect((await fetch(url('wrong-token'))).status).toBe(403);
  });

  it('rejects unsigned and forged deliveries with 401 and never calls the Graph API for them', async () => {
    const before = graph.sends.length;
    expect((await postWebhook(webhookUrl, message(), { signature: null })).status).toBe(401);
    expect((await postWebhook(webhookUrl, message(), { appSecret: 'not-the-app-secret' })).status).toBe(401);
    await sleep(300);
    expect(graph.sends.length).toBe(before);
  });

  it('acks a signed message with Server-Timing, then marks it read and replies once, threaded, with the Bearer token, even for a copy', async () => {
    graph.setResponder(() => OK);
    const body = message(); // non-ASCII escaped like Meta: the HMAC must be over the raw bytes
    const first = await postWebhook(webhookUrl, body, { appSecret: secrets.appSecret });
    const copy = await postWebhook(webhookUrl, body, { appSecret: secrets.appSecret });
    expect([first.status, copy.status]).toEqual([200, 200]);
    expect(readDedupeDuration(first.serverTiming)).toBeGreaterThanOrEqual(0);
    const id = `wamid.${name}.${seq}`;
    const forId = () =>
      graph.sends.filter(
        (s) =>
          s.body['message_id'] === id || (s.body['context'] as { message_id?: string } | undefined)?.message_id === id,
      );
    await waitFor(() => forId().length >= 2, 10_000, 'read and reply');
    await sleep(400);
    const sends = forId();
    expect(sends.map((s) => (s.body['status'] === 'read' ? 'read' : 'reply')).sort()).toEqual(['read', 'reply']);
    for (const s of sends) {
      expect(s.path).toBe(`/v21.0/${PHONE}/messages`);
      expect(s.authorization).toBe(`Bearer ${secrets.accessToken}`);
    }
    expect(sends.find((s) => s.body['type'] === 'text')?.body['to']).toBe('16505551234');
  }, 20_000);

  it('retries a 5xx, waits out a 429 for its Retry-After, and never retries a do-not-retry 400', async () => {
    const answers = new Map<string, number>();
    // Per message id: reply sends answer 503, then 429 (Retry-After 1), then 200; reads answer 400 (131026) for good.
    graph.setResponder((body) => {
      if (body['status'] === 'read') return { status: 400, body: graphError(131026, 'Message undeliverable') };
      const key = String((body['context'] as { message_id?: string } | undefined)?.message_id);
      const n = (answers.get(key) ?? 0) + 1;
      answers.set(key, n);
      if (n === 1) return { status: 503, body: graphError(2, 'Service temporarily unavailable') };
      if (n === 2) return { status: 429, body: graphError(130429, 'Rate limit hit'), headers: { 'retry-after': '1' } };
      return OK;
    });
    const id = `wamid.${name}.${seq + 1}`;
    expect((await postWebhook(webhookUrl, message(), { appSecret: secrets.appSecret })).status).toBe(200);
    const replies = () =>
      graph.sends.filter((s) => (s.body['context'] as { message_id?: string } | undefined)?.message_id === id);
    const reads = () => graph.sends.filter((s) => s.body['message_id'] === id);
    await waitFor(() => replies().length >= 3, 15_000, 'three reply attempts');
    await sleep(1500);
    const [, limited, third] = replies();
    expect(replies()).toHaveLength(3);
    expect(third!.atMs - limited!.atMs).toBeGreaterThanOrEqual(950); // Retry-After: 1 honoured
    expect(reads()).toHaveLength(1); // 131026 is final
    graph.setResponder(() => OK);
  }, 30_000);

  it('stops on SIGTERM with exit 0', async () => {
    const stop = await example.target.stop(10_000);
    expect(stop).toMatchObject({ exitCode: 0, killed: false });
  }, 15_000);
});
