import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecordSchema, scenarioSchema } from '../../common/contracts/index.ts';
import { runNodeEngine } from '../../scenarios/engines/index.ts';
import { checkHandshake } from '../../scripts/loadtest/index.ts';
import { scrapeMetrics } from '../../scripts/loadtest/run/scrape-metrics.ts';
import { checkHealth } from '../../targets/presets/index.ts';
import { startSink, testFixtures, type Sink } from '../helpers/engine-support.ts';

// "outside" stands for a non-loopback host: anything arriving there has left the box.
let outside: Sink;
let redirector: Sink;
beforeAll(async () => {
  outside = await startSink();
  redirector = await startSink((req, _body, res) => {
    res.writeHead(307, { location: `${outside.url}${req.url}` });
    res.end();
  });
});
afterAll(async () => {
  await redirector.close();
  await outside.close();
});

describe('redirects are outcomes, never followed', () => {
  it('the Node engine counts a 307 as a 3xx and sends nothing to where it points', async () => {
    const scenario = scenarioSchema.parse({
      name: 'redirect-test',
      load: { profile: 'constant', rate: 40, durationS: 0.5 },
      target: { appSecret: 'redirect-secret' },
      delivery: {
        duplicateRatio: 0,
        timeoutMs: 2000,
        redelivery: { initialBackoffMs: 20, maxBackoffMs: 40, maxAttempts: 2 },
      },
    });
    const record = runRecordSchema.parse(
      JSON.parse(
        JSON.stringify(
          await runNodeEngine({
            scenario,
            targetUrl: redirector.url,
            fixtures: testFixtures(),
            runId: 'a1b2c3d4e5f6',
            phases: [],
          }),
        ),
      ),
    );
    expect(redirector.received.length).toBeGreaterThanOrEqual(20);
    expect(outside.received).toHaveLength(0);
    expect(record.counters.status3xx).toBe(record.counters.sent);
    expect(record.counters.status2xx + record.counters.status4xx).toBe(0);
  });

  it('the verify handshake refuses a redirect, naming it, and the verify token never reaches the other host', async () => {
    const before = outside.received.length;
    await expect(checkHandshake(`${redirector.url}/webhook`, 'verify-token-xyz')).rejects.toThrow(
      /answered 307 \(a redirect to http:\/\/127\.0\.0\.1:\d+\/webhook…, not followed\)/,
    );
    expect(outside.received.length).toBe(before);
  });

  it('the health check and the metrics scrape do not follow redirects either', async () => {
    const before = outside.received.length;
    await expect(checkHealth(`${redirector.url}/health`)).rejects.toThrow(/answered 307/);
    expect(await scrapeMetrics(`${redirector.url}/metrics`)).toBeUndefined();
    expect(outside.received.length).toBe(before);
  });
});
