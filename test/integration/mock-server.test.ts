import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeWamid } from '../../common/core/index.ts';
import { ledgerStatsSchema } from '../../common/contracts/index.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockApp, createSimulator, startMockServer, type MockServer } from '../../mock-graph-api/index.ts';

const RUN = 'a1b2c3d4e5f6';
const AUTH = { authorization: 'Bearer test-token' };
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ config: { pairRate: 'off' } });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await fetch(`${mock.url}/__admin/reset`, { method: 'POST' });
});

const inbound = (seq: number) => encodeWamid({ runId: RUN, seq, part: 0, sentAtMs: Date.now() - 20 });

async function postMessage(body: unknown, phoneNumberId = '1234', baseUrl = mock.url) {
  const response = await fetch(`${baseUrl}/v21.0/${phoneNumberId}/messages`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const base = (seq: number) => ({
  messaging_product: 'whatsapp',
  to: '15550001111',
  context: { message_id: inbound(seq) },
});
const OUTBOUND: [string, Record<string, unknown>][] = [
  ['text', { type: 'text', text: { body: 'hello' } }],
  ['image by id', { type: 'image', image: { id: '900000000000001' } }],
  ['audio by link', { type: 'audio', audio: { link: 'https://example.com/a.ogg' } }],
  ['video', { type: 'video', video: { link: 'https://example.com/v.mp4', caption: 'v' } }],
  ['document', { type: 'document', document: { id: '1', filename: 'a.pdf' } }],
  ['sticker', { type: 'sticker', sticker: { id: '2' } }],
  ['location', { type: 'location', location: { latitude: 52.5, longitude: 13.4, name: 'Berlin' } }],
  ['contacts', { type: 'contacts', contacts: [{ name: { formatted_name: 'Ada' }, phones: [{ phone: '+1555' }] }] }],
  [
    'interactive button',
    {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Pick' },
        action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Yes' } }] },
      },
    },
  ],
  [
    'interactive list',
    {
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Pick' },
        action: { button: 'Menu', sections: [{ title: 'S', rows: [{ id: 'r', title: 'Row' }] }] },
      },
    },
  ],
  [
    'interactive cta_url',
    {
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        body: { text: 'Go' },
        action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://example.com' } },
      },
    },
  ],
  [
    'interactive flow',
    {
      type: 'interactive',
      interactive: { type: 'flow', action: { name: 'flow', parameters: { flow_id: '1', flow_cta: 'Book' } } },
    },
  ],
  ['template', { type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } }],
  ['reaction', { type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '👍' } }],
];

describe('mock Graph API server: /messages', () => {
  it.each(OUTBOUND)('accepts a %s message and answers like Cloud API', async (_name, message) => {
    const { status, body } = await postMessage({ ...base(1), ...message });
    expect(status).toBe(200);
    expect(body.messaging_product).toBe('whatsapp');
    expect(body.contacts).toEqual([{ input: '15550001111', wa_id: '15550001111' }]);
    expect(body.messages[0].id).toMatch(/^wamid\./);
  });

  it('marks as read and shows a typing indicator, recording both as reads', async () => {
    expect(await postMessage({ messaging_product: 'whatsapp', status: 'read', message_id: inbound(2) })).toEqual({
      status: 200,
      body: { success: true },
    });
    await postMessage({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: inbound(3),
      typing_indicator: { type: 'text' },
    });
    const stats = ledgerStatsSchema.parse(await (await fetch(`${mock.url}/__admin/stats`)).json());
    expect(stats.committedByType).toEqual({ read: 1, typing: 1 });
    expect(stats.latency.read.count).toBe(2);
  });

  it('answers 400 with the Graph envelope for an invalid message', async () => {
    const { status, body } = await postMessage({
      ...base(1),
      type: 'interactive',
      interactive: { type: 'button', body: { text: 'x' }, action: { buttons: [] } },
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'OAuthException', code: 131009 });
    expect(body.error.fbtrace_id).toEqual(expect.any(String));
    expect(body.error.error_data.details).toMatch(/buttons/);
  });

  it('serves an unversioned Graph path as its oldest version over HTTP too, leaving admin paths alone', async () => {
    const response = await fetch(`${mock.url}/106540352242922/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ ...base(40), type: 'text', text: { body: 'hi' } }),
    });
    expect(response.status).toBe(200);
    expect((await fetch(`${mock.url}/__admin/stats`)).status).toBe(200);
  });

  it('answers 401 code 190 without a Bearer token', async () => {
    const response = await fetch(`${mock.url}/v21.0/1234/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).error.code).toBe(190);
  });

  it('answers 130429 once a number exceeds 80 msg/s', async () => {
    // The mock's clock is the test's: the load is 200 sends within one frozen millisecond, then
    // 1 s later, however long the machine takes to carry the requests.
    let clockMs = 1_000_000;
    const clocked = await startMockServer({
      simulator: createSimulator({ pairRate: 'off' }, undefined, { now: () => clockMs }),
    });
    try {
      const send = (seq: number) =>
        postMessage({ ...base(seq), type: 'text', text: { body: 'x' } }, '777', clocked.url);
      const burst = await Promise.all(Array.from({ length: 200 }, (_, i) => send(i)));
      const limited = burst.filter((r) => r.body.error?.code === 130429);
      // Cloud API's 80 msg/s: the first 80 pass, every later one in the same instant is limited.
      expect(burst.filter((r) => r.status === 200)).toHaveLength(80);
      expect(limited).toHaveLength(120);
      expect(limited.every((r) => r.status === 429)).toBe(true);
      // One second later the number has earned 80 more sends, and no more.
      clockMs += 1000;
      const second = [];
      for (let i = 0; i < 81; i++) second.push(await send(200 + i));
      expect(second.slice(0, 80).every((r) => r.status === 200)).toBe(true);
      expect(second[80]?.body.error?.code).toBe(130429);
      // Another number has its own 80/s.
      expect((await postMessage({ ...base(999), type: 'text', text: { body: 'x' } }, '778', clocked.url)).status).toBe(
        200,
      );
    } finally {
      await clocked.close();
    }
  });
});

describe('mock Graph API server: media, phone number, calls', () => {
  it('uploads media, describes it, serves its bytes to a token holder and deletes it', async () => {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', 'image/png');
    form.set('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'pic.png');
    const upload = await fetch(`${mock.url}/v21.0/1234/media`, { method: 'POST', headers: AUTH, body: form });
    const { id } = (await upload.json()) as { id: string };
    expect(id).toMatch(/^\d+$/);

    const info = (await (await fetch(`${mock.url}/v21.0/${id}`, { headers: AUTH })).json()) as Record<string, any>;
    expect(info).toMatchObject({ messaging_product: 'whatsapp', id, mime_type: 'image/png', file_size: 4 });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);

    expect((await fetch(info.url)).status).toBe(401);
    const download = await fetch(info.url, { headers: AUTH });
    expect(download.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await download.arrayBuffer())]).toEqual([137, 80, 78, 71]);

    expect(await (await fetch(`${mock.url}/v21.0/${id}`, { method: 'DELETE', headers: AUTH })).json()).toEqual({
      success: true,
    });
    expect((await fetch(`${mock.url}/v21.0/${id}`, { method: 'DELETE', headers: AUTH })).status).toBe(404);
  });

  it('refuses an upload without a file part', async () => {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    const response = await fetch(`${mock.url}/v21.0/1234/media`, { method: 'POST', headers: AUTH, body: form });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.code).toBe(131008);
  });

  it('describes a phone number, narrowed by ?fields', async () => {
    const full = (await (await fetch(`${mock.url}/v21.0/1234`, { headers: AUTH })).json()) as Record<string, unknown>;
    expect(full).toMatchObject({ id: '1234', quality_rating: 'GREEN', throughput: { level: 'STANDARD' } });
    const narrow = await (await fetch(`${mock.url}/v21.0/1234?fields=verified_name`, { headers: AUTH })).json();
    expect(narrow).toEqual({ verified_name: 'Mock Business', id: '1234' });
  });

  it.each([
    ['pre_accept', { session: { sdp_type: 'answer', sdp: 'v=0' } }],
    ['accept', { session: { sdp_type: 'answer', sdp: 'v=0' } }],
    ['reject', {}],
    ['terminate', {}],
  ])('accepts the %s call action', async (action, extra) => {
    const response = await fetch(`${mock.url}/v21.0/1234/calls`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ messaging_product: 'whatsapp', action, call_id: 'wacid.ABC', ...extra }),
    });
    expect(await response.json()).toEqual({ messaging_product: 'whatsapp', success: true });
  });

  it('answers a path with broken percent-encoding with a Graph 400, not a crash', async () => {
    const response = await fetch(`${mock.url}/v21.0/%E0%A4%A/messages`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.code).toBe(100);
    expect((await postMessage({ ...base(9), type: 'text', text: { body: 'still up' } })).status).toBe(200);
  });

  it('answers unknown paths and versions with a Graph 400', async () => {
    for (const path of ['/v21/1234/messages', '/v21.0/1234/nothing/here', '/1234/nothing/here']) {
      const response = await fetch(`${mock.url}${path}`, { method: 'POST', headers: JSON_HEADERS, body: '{}' });
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).error.code).toBe(2500);
    }
  });
});

describe('mock Graph API server: admin and metrics', () => {
  it('replaces the chaos profile at runtime and reports the phase', async () => {
    const put = await fetch(`${mock.url}/__admin/chaos`, {
      method: 'PUT',
      body: JSON.stringify({
        name: 'outage',
        phases: [
          {
            name: 'down',
            faults: [{ kind: 'server-error', probability: 1, attributes: { httpStatus: 504, code: 131000 } }],
          },
        ],
      }),
    });
    expect(put.status).toBe(200);
    const chaos = (await (await fetch(`${mock.url}/__admin/chaos`)).json()) as Record<string, any>;
    expect(chaos).toMatchObject({
      phase: 'down',
      profile: { name: 'outage' },
      phases: [{ name: 'down', startS: 0, endS: null }],
    });
    const { status, body } = await postMessage({ ...base(1), type: 'text', text: { body: 'x' } });
    expect(status).toBe(504);
    expect(body.error.code).toBe(131000);
    await fetch(`${mock.url}/__admin/chaos`, {
      method: 'PUT',
      body: JSON.stringify({ phases: [{ name: 'healthy' }] }),
    });
  });

  it('rejects an invalid profile with 400 naming the field', async () => {
    const response = await fetch(`${mock.url}/__admin/chaos`, {
      method: 'PUT',
      body: JSON.stringify({ phases: [{ name: 'x', faults: [{ kind: 'reset', probability: 'often' }] }] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; status: number };
    expect(body.status).toBe(400);
    expect(body.error).toMatch(/\.phases\[0\]\.faults\[0\]\.probability/);
  });

  it('summarises the ledger with duplicates and lost messages', async () => {
    await postMessage({ ...base(0), type: 'text', text: { body: 'a' } });
    await postMessage({ ...base(0), type: 'text', text: { body: 'b' } });
    const summary = (await (await fetch(`${mock.url}/__admin/ledger?delivered=${RUN}:3`)).json()) as Record<
      string,
      any
    >;
    expect(summary).toMatchObject({ committed: 2, duplicateReplyMessages: { genuine: 1, ambiguous: 0 }, lost: 2 });
    expect(summary.samples.genuineDuplicates).toEqual([`${RUN}/0`]);
    expect((await fetch(`${mock.url}/__admin/ledger?delivered=nope`)).status).toBe(400);
  });

  it('resets idempotently', async () => {
    await postMessage({ ...base(0), type: 'text', text: { body: 'a' } });
    for (let i = 0; i < 2; i++) expect((await fetch(`${mock.url}/__admin/reset`, { method: 'POST' })).status).toBe(200);
    const stats = (await (await fetch(`${mock.url}/__admin/stats`)).json()) as Record<string, any>;
    expect(stats.runs).toEqual([]);
  });

  it('exposes Prometheus metrics from its own registry', async () => {
    await postMessage({ ...base(0), type: 'text', text: { body: 'a' } });
    const text = await (await fetch(`${mock.url}/metrics`)).text();
    expect(text).toContain('wa_mock_requests_total{endpoint="messages",status="200"} 1');
    expect(text).toContain('wa_mock_committed_total{type="text"} 1');
    expect(text).toContain('wa_mock_chaos_phase{phase="healthy"} 1');
    expect(text).not.toContain('process_cpu');
  });

  it('answers unknown admin resources with 404 {error, status}', async () => {
    const response = await fetch(`${mock.url}/__admin/nothing`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as any).status).toBe(404);
  });
});

describe("createMockApp mounted in a user's own server", () => {
  it('serves the same Graph routes, admin API and metrics as the mock server', async () => {
    const simulator = createSimulator({ pairRate: 'off' });
    const server = createServer(createMockApp(simulator));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const sent = await fetch(`${url}/v21.0/1234/messages`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ ...base(1), type: 'text', text: { body: 'hi' } }),
      });
      expect(sent.status).toBe(200);
      const stats = ledgerStatsSchema.parse(await (await fetch(`${url}/__admin/stats`)).json());
      expect(stats.committedByType).toEqual({ text: 1 });
      expect(await (await fetch(`${url}/metrics`)).text()).toContain('wa_mock_committed_total{type="text"} 1');
      expect((await fetch(`${url}/nowhere`)).status).toBe(400);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});
