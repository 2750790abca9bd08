import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWamid } from '../../common/core/index.ts';
import { startMockServer, type MockServer } from '../../mock-graph-api/index.ts';
import { startFakeGraph, startTestConnector, TEST_APP_SECRET } from '../helpers/connector/index.ts';
import { CONNECTOR_ENDPOINTS, MOCK_ENDPOINTS, runFuzz } from '../helpers/fuzz.ts';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({
    config: { throughputPerS: 'off', pairRate: 'off', maxJsonBytes: 64 * 1024, maxMediaBytes: 128 * 1024 },
  });
});
afterAll(() => mock.close());

const wamid = encodeWamid({ runId: 'a1b2c3d4e5f6', seq: 1, part: 0, sentAtMs: 1 });
const validMessage = {
  messaging_product: 'whatsapp',
  to: '15550001111',
  type: 'text',
  text: { body: 'hi' },
  context: { message_id: wamid },
};

const bodyArb = fc.oneof(
  fc.json().map((text) => text),
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc
    .record({
      key: fc.constantFrom(...Object.keys(validMessage), 'status', 'message_id', 'interactive'),
      value: fc.jsonValue({ maxDepth: 3 }),
    })
    .map(({ key, value }) => JSON.stringify({ ...validMessage, [key]: value })),
  fc.constant(JSON.stringify(validMessage)),
);
const pathArb = fc.oneof(
  fc.constantFrom(
    '/v21.0/123/messages',
    '/v21.0/123/media',
    '/v21.0/123/calls',
    '/v21.0/123',
    '/v21.0/whatsapp_business/attachments?mid=1',
    '/v99.9/%E0%A4%A/messages',
    '/%ZZ',
    '/v21.0/123/messages?access_token=x',
    '/__admin/chaos',
    '/__admin/ledger?delivered=x',
  ),
  fc.webPath(),
);
const contentTypeArb = fc.option(
  fc.constantFrom(
    'application/json',
    'text/plain',
    'multipart/form-data; boundary=xyz',
    'multipart/form-data',
    'application/x-www-form-urlencoded',
    '☃'.replace('☃', 'x/y'),
  ),
  { nil: undefined },
);
const authArb = fc.option(fc.constantFrom('Bearer token', 'Bearer', 'Basic abc', 'bearer  spaced  ', ''), {
  nil: undefined,
});

describe('hostile input', () => {
  it('answers every fuzzed request with a Graph-style status below 500, never crashing or hanging', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH'),
        pathArb,
        bodyArb,
        contentTypeArb,
        authArb,
        async (method, path, body, contentType, auth) => {
          const headers: Record<string, string> = {};
          if (contentType !== undefined) headers['content-type'] = contentType;
          if (auth !== undefined) headers.authorization = auth;
          const withBody = method !== 'GET';
          const response = await fetch(`${mock.url}${path}`, {
            method,
            headers,
            body: withBody ? body : undefined,
            signal: AbortSignal.timeout(5000),
          });
          const text = await response.text();
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400 && path.startsWith('/__admin')) {
            expect((JSON.parse(text) as { status: number }).status).toBe(response.status);
          } else if (response.status >= 400) {
            const error = (JSON.parse(text) as { error: { code: number; fbtrace_id: string } }).error;
            expect(typeof error.code).toBe('number');
          }
        },
      ),
      { numRuns: 150, seed: 20_261_122 },
    );
    // Still alive and healthy afterwards.
    expect((await fetch(`${mock.url}/v21.0/1`, { headers: { authorization: 'Bearer t' } })).status).toBe(200);
  });

  it('answers an oversized body with a Graph 413', async () => {
    const response = await fetch(`${mock.url}/v21.0/123/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ ...validMessage, text: { body: 'x'.repeat(200_000) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(100);
  });
});

describe('seeded fuzz slice over raw sockets (scripts/bench/fuzz.ts runs the large one)', () => {
  it('the mock Graph API answers every documented endpoint and the admin API below 500, and still serves valid requests', async () => {
    const port = Number(new URL(mock.url).port);
    const figures = await runFuzz(
      {
        port,
        endpoints: MOCK_ENDPOINTS,
        headers: { authorization: 'Bearer t' },
        probe: { method: 'GET', path: '/v21.0/1', headers: { authorization: 'Bearer t' } },
      },
      { cases: 300, seed: 15_001 },
    );
    expect(figures.fiveXxSamples).toEqual([]);
    expect(figures).toMatchObject({ cases: 300, fiveXx: 0, hung: 0, stillAnswering: true });
  }, 60_000);

  it('the reference connector answers every documented endpoint below 500, signed bodies included, and still serves valid requests', async () => {
    const graph = await startFakeGraph();
    const connector = await startTestConnector(graph.url);
    try {
      const port = Number(new URL(connector.url).port);
      const figures = await runFuzz(
        { port, endpoints: CONNECTOR_ENDPOINTS, appSecret: TEST_APP_SECRET, probe: { method: 'GET', path: '/health' } },
        { cases: 300, seed: 15_002 },
      );
      expect(figures.fiveXxSamples).toEqual([]);
      expect(figures).toMatchObject({ cases: 300, fiveXx: 0, hung: 0, stillAnswering: true });
    } finally {
      await connector.close();
      await graph.close();
    }
  }, 60_000);
});
