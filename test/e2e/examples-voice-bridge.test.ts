import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerStats } from '../../common/contracts/index.ts';
import { graphError, postWebhook } from '../helpers/connector/index.ts';
import { expectPerAddressLimit, startExampleHarness, type ExampleHarness } from '../helpers/example-harness.ts';
import { rehearse } from '../helpers/rehearse-example.ts';

describe('example voice-bridge through the voice-bridge preset', () => {
  it('passes at 2.5x its per-IP limit (the preset spreads the load): every connect pre-accepted, then accepted at the mock', async () => {
    const run = await rehearse({ example: 'voice-bridge', rate: 25, durationS: 3 });
    const diagnostics = run.json<{ rateLimitedByTarget: number; sourceAddresses: string[] }>('engine-diagnostics.json');
    expect(diagnostics.sourceAddresses.length).toBeGreaterThanOrEqual(3);
    expect(diagnostics.rateLimitedByTarget).toBe(0);
    const committed = run.json<LedgerStats>('ledger-stats.json').committedByType;
    expect(committed['call_pre_accept']).toBeGreaterThan(3);
    expect(committed['call_accept']).toBe(committed['call_pre_accept']);
    expect(run.check('calls-answered')?.verdict).toBe('pass');
    expect(run.gate('ack-p99')).toMatchObject({ verdict: 'pass', threshold: 1000 });
    expect(run.exitCode, run.log).toBe(0);
  }, 180_000);

  it('fails calls-answered when the bridge never accepts', async () => {
    const run = await rehearse({ example: 'voice-bridge', defect: 'never-accept' });
    expect(run.json<LedgerStats>('ledger-stats.json').committedByType['call_accept']).toBeUndefined();
    expect(run.check('calls-answered')?.verdict).toBe('fail');
    expect(run.exitCode).toBe(99);
  }, 180_000);
});

describe('example voice-bridge against a recording Graph API', () => {
  const PHONE = '106540352242922';
  let harness: ExampleHarness;
  const connect = (callId: string, event = 'connect') =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'calls',
              value: {
                messaging_product: 'whatsapp',
                metadata: { phone_number_id: PHONE },
                calls: [
                  { id: callId, event, ...(event === 'connect' && { session: { sdp_type: 'offer', sdp: 'v=0\r\n' } }) },
                ],
              },
            },
          ],
        },
      ],
    });
  const start = () => harness.launch('voice-bridge');

  beforeAll(async () => {
    harness = await startExampleHarness();
  });
  afterAll(() => harness?.close());

  it('answers a connect with pre_accept then accept (SDP answer) on /calls, once per call, and nothing for a terminate', async () => {
    const bridge = await start();
    try {
      const url = `${bridge.url}/webhook`;
      for (const body of [connect('wacid.A'), connect('wacid.A'), connect('wacid.A', 'terminate')])
        expect((await postWebhook(url, body, { appSecret: harness.secrets.appSecret })).status).toBe(200);
      await sleep(800);
      const calls = harness.graph.sends.filter((s) => s.body['call_id'] === 'wacid.A');
      expect(calls.map((s) => s.body['action'])).toEqual(['pre_accept', 'accept']);
      for (const s of calls) {
        expect(s.path).toBe(`/v21.0/${PHONE}/calls`);
        expect(s.authorization).toBe(`Bearer ${harness.secrets.accessToken}`);
        expect(s.body['session']).toMatchObject({
          sdp_type: 'answer',
          sdp: expect.stringMatching(/^v=0\r\n[\s\S]*m=audio /),
        });
      }
    } finally {
      await bridge.target.stop(5000);
    }
  }, 60_000);

  it('limits one address to 20 back-to-back webhooks with 429 and Retry-After', async () => {
    const bridge = await start();
    try {
      await expectPerAddressLimit(`${bridge.url}/webhook`, (i) => connect(`wacid.L${i}`));
    } finally {
      await bridge.target.stop(5000);
    }
  }, 60_000);

  it('on SIGTERM finishes the call it acknowledged, retries included, then exits 0', async () => {
    let attempts = 0;
    harness.graph.setResponder(() =>
      ++attempts === 1
        ? { status: 503, body: graphError(2) }
        : { status: 200, body: { messaging_product: 'whatsapp', success: true } },
    );
    const bridge = await start();
    expect(
      (await postWebhook(`${bridge.url}/webhook`, connect('wacid.D'), { appSecret: harness.secrets.appSecret })).status,
    ).toBe(200);
    const stop = await bridge.target.stop(10_000);
    expect(stop).toMatchObject({ exitCode: 0, killed: false });
    expect(harness.graph.sends.filter((s) => s.body['call_id'] === 'wacid.D').map((s) => s.body['action'])).toEqual([
      'pre_accept',
      'pre_accept',
      'accept',
    ]);
  }, 60_000);
});
