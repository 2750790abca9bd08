import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeWamid } from '../../common/core/index.ts';
import { createGraphHandlers, createSimulator } from '../../mock-graph-api/index.ts';

const simulator = createSimulator({ accessToken: 'EAAG-test', pairRate: 'off' });
const server = setupServer(...createGraphHandlers(simulator));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => simulator.reset());
afterAll(() => server.close());

const inbound = encodeWamid({ runId: 'a1b2c3d4e5f6', seq: 12, part: 0, sentAtMs: Date.now() });

describe('msw in-process mode', () => {
  it('intercepts a real fetch to graph.facebook.com and records the reply in the ledger', async () => {
    const response = await fetch('https://graph.facebook.com/v22.0/106540352242922/messages', {
      method: 'POST',
      headers: { authorization: 'Bearer EAAG-test', 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: '15550001111',
        type: 'text',
        text: { body: 'hi' },
        context: { message_id: inbound },
      }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).messages[0].id).toMatch(/^wamid\./);
    expect(simulator.summary({ a1b2c3d4e5f6: 13 })).toMatchObject({ messagesReplied: 1, lost: 12 });
  });

  it('serves an unversioned Graph path as the oldest version, as Graph does, and refuses it with 2500 when switched off', async () => {
    const send = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer EAAG-test', 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          to: '15550001111',
          type: 'text',
          text: { body: 'hi' },
          context: { message_id: inbound },
        }),
      });
    expect((await send('https://graph.facebook.com/106540352242922/messages')).status).toBe(200);
    expect(simulator.summary({ a1b2c3d4e5f6: 13 })).toMatchObject({ messagesReplied: 1 });
    const strict = setupServer(
      ...createGraphHandlers(createSimulator({ accessToken: 'EAAG-test', pairRate: 'off', unversionedAs: 'off' }), {
        baseUrl: 'https://graph.strict.test',
      }),
    );
    server.close();
    strict.listen({ onUnhandledRequest: 'error' });
    try {
      const refused = await send('https://graph.strict.test/106540352242922/messages');
      expect(((await refused.json()) as any).error.code).toBe(2500);
    } finally {
      strict.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });

  it('answers a wrong token with 401 code 190, as the server does', async () => {
    const response = await fetch('https://graph.facebook.com/v22.0/1/messages', {
      method: 'POST',
      headers: { authorization: 'Bearer wrong' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).error.code).toBe(190);
  });

  it('serves the media round trip in process', async () => {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('file', new Blob(['%PDF'], { type: 'application/pdf' }), 'a.pdf');
    const auth = { authorization: 'Bearer EAAG-test' };
    const { id } = (await (
      await fetch('https://graph.facebook.com/v22.0/1/media', { method: 'POST', headers: auth, body: form })
    ).json()) as { id: string };
    const info = (await (await fetch(`https://graph.facebook.com/v22.0/${id}`, { headers: auth })).json()) as {
      url: string;
      mime_type: string;
    };
    expect(info.mime_type).toBe('application/pdf');
    expect(info.url.startsWith('https://graph.facebook.com/')).toBe(true);
    expect(await (await fetch(info.url, { headers: auth })).text()).toBe('%PDF');
  });

  it('turns a reset fault into a network error and keeps unknown paths Graph-style', async () => {
    simulator.setChaos({
      phases: [{ name: 'down', faults: [{ kind: 'reset', probability: 1, scope: { endpoints: ['phone-number'] } }] }],
    });
    await expect(
      fetch('https://graph.facebook.com/v22.0/1', { headers: { authorization: 'Bearer EAAG-test' } }),
    ).rejects.toThrow();
    const unknown = await fetch('https://graph.facebook.com/v22.0/1/whatever/else');
    expect(unknown.status).toBe(400);
    simulator.setChaos({ phases: [{ name: 'healthy' }] });
  });
});
