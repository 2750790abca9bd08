import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWamid } from '../../common/core/index.ts';
import { LEDGER_FLAG } from '../../common/contracts/index.ts';
import { decodeBytes } from '../../common/node/index.ts';
import { startMockServer, type ChaosProfileInput, type MockServer } from '../../mock-graph-api/index.ts';

const RUN = 'a1b2c3d4e5f6';
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ config: { pairRate: 'off', throughputPerS: 'off', seed: 3 } });
});
afterAll(() => mock.close());

function useChaos(profile: ChaosProfileInput): void {
  mock.simulator.reset();
  mock.simulator.setChaos(profile);
}

function send(seq: number, signal?: AbortSignal): Promise<Response> {
  return fetch(`${mock.url}/v21.0/1234/messages`, {
    method: 'POST',
    headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
    body: JSON.stringify({
      messaging_product: 'whatsapp',
      to: '15550001111',
      type: 'text',
      text: { body: 'hi' },
      context: { message_id: encodeWamid({ runId: RUN, seq, part: 0, sentAtMs: Date.now() }) },
    }),
    signal,
  });
}

const only = (fault: Record<string, unknown>): ChaosProfileInput => ({
  phases: [{ name: 'chaos', faults: [fault as never] }],
});

describe('fault kinds over the wire', () => {
  it('resets the connection (the client sees a network error)', async () => {
    useChaos(only({ kind: 'reset', probability: 1 }));
    await expect(send(1)).rejects.toThrow(/fetch failed/);
    expect(mock.simulator.stats().faults).toEqual({ 'chaos/reset': 1 });
  });

  it('holds the request until the client gives up', async () => {
    useChaos(only({ kind: 'timeout', probability: 1, attributes: { holdMs: 60_000 } }));
    await expect(send(1, AbortSignal.timeout(200))).rejects.toThrow(/abort|timeout/i);
  });

  it('drops a held connection after holdMs', async () => {
    useChaos(only({ kind: 'timeout', probability: 1, attributes: { holdMs: 50 } }));
    await expect(send(1)).rejects.toThrow(/fetch failed/);
  });

  it.each([
    ['empty', ''],
    ['truncated-json', '{"messaging_product":"whatsapp","messages":[{"id":"wamid.'],
  ])('answers a %s body a JSON client cannot parse', async (variant, expected) => {
    useChaos(only({ kind: 'malformed', probability: 1, commit: 'after', attributes: { variant } }));
    const response = await send(1);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(expected);
  });

  it('serves an HTML error page for the html variant', async () => {
    useChaos(only({ kind: 'malformed', probability: 1, attributes: { variant: 'html', httpStatus: 502 } }));
    const response = await send(1);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
  });

  it('sends Retry-After with a rate-limit fault', async () => {
    useChaos(only({ kind: 'rate-limit', probability: 1, attributes: { code: 80007, retryAfterS: 7 } }));
    const response = await send(1);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(((await response.json()) as any).error.code).toBe(80007);
  });

  it('delays answers with a latency fault and still commits', async () => {
    useChaos(only({ kind: 'latency', probability: 1, attributes: { latencyMs: 30 } }));
    expect((await send(1)).status).toBe(200);
    const stats = mock.simulator.stats();
    expect(stats.faults).toEqual({ 'chaos/latency': 1 });
    expect(stats.committedByType).toEqual({ text: 1 });
  });

  it('observes a 30 % before-commit 503 rate within ±7 points over 300 seeded requests', async () => {
    useChaos(only({ kind: 'server-error', probability: 0.3 }));
    const statuses: number[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => send(batch * 50 + i)));
      statuses.push(...responses.map((r) => r.status));
    }
    const rate = statuses.filter((s) => s === 503).length / statuses.length;
    expect(Math.abs(rate - 0.3)).toBeLessThan(0.07);
    expect(mock.simulator.stats().committedByType.text).toBe(statuses.filter((s) => s === 200).length);
  });

  it('flags a retried after-commit failure as an ambiguous duplicate, and a rejection as rejected', async () => {
    useChaos(
      only({ kind: 'server-error', probability: 1, commit: 'after', attributes: { httpStatus: 500, code: 131000 } }),
    );
    expect((await send(4)).status).toBe(500);
    mock.simulator.setChaos({ phases: [{ name: 'ok' }] });
    expect((await send(4)).status).toBe(200);
    mock.simulator.setChaos(only({ kind: 'reject', probability: 1, attributes: { code: 131051 } }));
    expect((await send(6)).status).toBe(400);
    const run = mock.simulator.stats().runs[0]!;
    expect(decodeBytes(run.replies)[4]).toBe(2);
    expect(decodeBytes(run.flags)[4]).toBe(LEDGER_FLAG.ambiguous);
    expect(decodeBytes(run.flags)[6]).toBe(LEDGER_FLAG.rejected);
    expect(mock.simulator.summary().duplicateReplyMessages).toEqual({ genuine: 0, ambiguous: 1 });
  });
});
