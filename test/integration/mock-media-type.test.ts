import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock-graph-api/index.ts';

const AUTH = { authorization: 'Bearer test-token' };
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ config: { pairRate: 'off' } });
});
afterAll(() => mock.close());

async function upload(type: string, fileType = 'image/png') {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', type);
  form.set('file', new Blob([new Uint8Array([1, 2, 3])], { type: fileType }), 'f.bin');
  const response = await fetch(`${mock.url}/v21.0/1234/media`, { method: 'POST', headers: AUTH, body: form });
  return {
    status: response.status,
    body: (await response.json()) as { id?: string; error?: { code: number; error_data?: { details: string } } },
  };
}

/** A GET carrying a body, which fetch refuses to send. */
function getWithBody(url: string, body: string): Promise<{ status: number; contentType?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'GET', headers: { ...AUTH, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('media type from an upload', () => {
  it('refuses an upload whose type is not a MIME type with a Graph 400 naming the field', async () => {
    for (const type of ['image/p\u0100ng', 'ünïcødé/☃', 'text/plain\r\nx-evil: 1', 'nonsense']) {
      const { status, body } = await upload(type);
      expect(status).toBe(400);
      expect(body.error?.code).toBe(100);
      expect(body.error?.error_data?.details).toMatch(/^type: /);
    }
  });

  it('falls back to a safe type when the file part carries an unusable content type', async () => {
    const { status, body } = await upload('', 'x'.repeat(300));
    expect(status).toBe(200);
    const info = (await (await fetch(`${mock.url}/v21.0/${body.id}`, { headers: AUTH })).json()) as {
      mime_type: string;
      url: string;
    };
    expect(info.mime_type).toBe('application/octet-stream');
  });

  it('serves a download with a body on the GET without crashing, then keeps answering', async () => {
    const { body } = await upload('image/png');
    const info = (await (await fetch(`${mock.url}/v21.0/${body.id}`, { headers: AUTH })).json()) as { url: string };
    expect(await getWithBody(info.url, 'hello')).toEqual({ status: 200, contentType: 'image/png' });
    expect((await fetch(`${mock.url}/v21.0/1234`, { headers: AUTH })).status).toBe(200);
  });
});

describe('outcome headers', () => {
  it('never throws on a header value outside Latin-1: the header is dropped, the answer still goes out', async () => {
    const { sendOutcome } = await import('../../mock-graph-api/express/send-outcome.ts');
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) =>
      sendOutcome(res, {
        action: 'respond',
        status: 200,
        headers: { 'content-type': 'image/p\u0100ng', 'x-ok': 'yes', 'bad name': 'v' },
        body: new Uint8Array([1]),
        delayMs: 0,
        holdMs: 0,
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ok')).toBe('yes');
      expect(response.headers.get('content-type')).toBeNull();
    } finally {
      server.close();
    }
  });
});
