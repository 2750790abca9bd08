import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWamid } from '../../common/core/index.ts';
import { createMockClient, startMockServer, type MockServer } from '../../mock-graph-api/index.ts';
import { fetchMockLedgers, loadRunFolder } from '../../reports/index.ts';

/**
 * The mock as a secured service: bound to every address (as in a pod), with an admin token and
 * the run's access tokens. Reached here over loopback; test/e2e/staging-rehearsal.test.ts does
 * the same over a network namespace.
 */
const ADMIN = 'admin-token-0123456789abcdef';
const RUN = 'a1b2c3d4e5f6';
let mock: MockServer;
let local: string;
const committed = (stats: { committedByType: Record<string, number> }) =>
  Object.values(stats.committedByType).reduce((a, b) => a + b, 0);

beforeAll(async () => {
  mock = await startMockServer({
    host: '0.0.0.0',
    adminToken: ADMIN,
    config: { pairRate: 'off', accessTokens: ['EAAG-run-1', 'EAAG-run-2'] },
  });
  local = mock.url.replace('0.0.0.0', '127.0.0.1');
});
afterAll(() => mock.close());

const send = (token: string, seq = 1) =>
  fetch(`${local}/v21.0/1234/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      messaging_product: 'whatsapp',
      to: '15550001111',
      type: 'text',
      text: { body: 'hi' },
      context: { message_id: encodeWamid({ runId: RUN, seq, part: 0, sentAtMs: Date.now() - 20 }) },
    }),
  });

describe('a mock bound off loopback with an admin token', () => {
  it('refuses to start without the tokens, whoever calls startMockServer', async () => {
    await expect(startMockServer({ host: '0.0.0.0' })).rejects.toThrow(/WA_MOCK_ADMIN_TOKEN/);
    await expect(startMockServer({ host: '0.0.0.0', adminToken: ADMIN })).rejects.toThrow(/WA_MOCK_ACCESS_TOKENS/);
  });

  it('answers 401 on every admin endpoint without the token or with a wrong one, and changes nothing', async () => {
    await send('EAAG-run-1');
    for (const [method, path] of [
      ['POST', '/__admin/reset'],
      ['GET', '/__admin/chaos'],
      ['PUT', '/__admin/chaos'],
      ['GET', '/__admin/stats'],
      ['GET', '/__admin/ledger'],
      ['GET', '/__admin/nothing-here'],
    ] as const) {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer wrong-token-0123456789' },
        { authorization: ADMIN },
      ];
      for (const headers of attempts) {
        const response = await fetch(`${local}${path}`, { method, headers, body: method === 'PUT' ? '{}' : undefined });
        expect(response.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(await response.text()).not.toContain(ADMIN);
      }
    }
    const stats = await createMockClient(local, ADMIN).stats();
    expect(committed(stats)).toBeGreaterThan(0); // the reset above did not happen
  });

  it('serves the admin API with the token, and /healthz without one', async () => {
    const client = createMockClient(local, ADMIN);
    await client.reset();
    expect(committed(await client.stats())).toBe(0);
    const health = await fetch(`${local}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('says which variable to set when the client has no token or the wrong one', async () => {
    await expect(createMockClient(local).stats()).rejects.toThrow(/WA_MOCK_ADMIN_TOKEN is not set/);
    await expect(createMockClient(local, 'wrong-token-0123456789').stats()).rejects.toThrow(
      /not the token the mock was started with/,
    );
  });

  it('accepts only the access tokens configured for the run on the Graph endpoints', async () => {
    expect((await send('EAAG-run-1')).status).toBe(200);
    expect((await send('EAAG-run-2', 2)).status).toBe(200);
    const refused = await send('any-other-token', 3);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: number } }).error.code).toBe(190);
  });
});

describe('npm run report --mock-url: the ledgers of several replicas', () => {
  it('are read into the run folder, replace the old ledger files, and merge', async () => {
    const second = await startMockServer({
      host: '0.0.0.0',
      adminToken: ADMIN,
      config: { pairRate: 'off', accessTokens: ['EAAG-run-1'] },
    });
    try {
      const other = second.url.replace('0.0.0.0', '127.0.0.1');
      await createMockClient(local, ADMIN).reset();
      await send('EAAG-run-1', 11);
      await fetch(`${other}/v21.0/1234/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer EAAG-run-1', 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', to: '15550001111', type: 'text', text: { body: 'x' } }),
      });
      const dir = mkdtempSync(join(tmpdir(), 'wa-report-replicas-'));
      writeFileSync(join(dir, 'ledger-stats.json'), '{"stale": true}');
      const written = await fetchMockLedgers(dir, [local, other], ADMIN);
      expect(written).toEqual(['ledger-stats-1.json', 'ledger-stats-2.json']);
      expect(readdirSync(dir).filter((f) => f.startsWith('ledger-stats'))).toEqual(written);
      const texts = written.map((f) => readFileSync(join(dir, f), 'utf8'));
      expect(texts.join('')).not.toContain(ADMIN);
      const totals = texts.map((t) => committed(JSON.parse(t) as { committedByType: Record<string, number> }));
      expect(totals).toEqual([1, 1]);
      // An unreachable replica leaves the folder as it was.
      await expect(fetchMockLedgers(dir, [local, 'http://127.0.0.1:1'], ADMIN)).rejects.toThrow(/Could not reach/);
      expect(readdirSync(dir).filter((f) => f.startsWith('ledger-stats'))).toEqual(written);
      mkdirSync(join(dir, 'x'));
      expect(() => loadRunFolder(dir)).toThrow(/no run-record.json/);
    } finally {
      await second.close();
    }
  });
});
