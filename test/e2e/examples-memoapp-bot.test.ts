import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../common/contracts/index.ts';
import { buildMessagesWebhook } from '../helpers/connector/index.ts';
import { expectPerAddressLimit, startExampleHarness } from '../helpers/example-harness.ts';
import { rehearse } from '../helpers/rehearse-example.ts';

describe('example memoapp-bot through the rate-limited-bot preset', () => {
  it('passes at 3x its per-IP limit because the preset spreads the load over loopback addresses, and gives up 131026 rejections', async () => {
    const run = await rehearse({ example: 'memoapp-bot', rate: 30, durationS: 3 });
    const diagnostics = run.json<{ rateLimitedByTarget: number; sourceAddresses: string[] }>('engine-diagnostics.json');
    expect(diagnostics.sourceAddresses.length).toBeGreaterThanOrEqual(4);
    expect(diagnostics.rateLimitedByTarget).toBe(0);
    expect(run.json<RunRecord>('run-record.json').counters.status4xx).toBe(0);
    expect(run.gate('non-retryable-retries')?.verdict).toBe('pass');
    expect(run.exitCode, run.log).toBe(0);
  }, 120_000);

  it('fails non-retryable-retries when it retries do-not-retry 4xx errors', async () => {
    const run = await rehearse({ example: 'memoapp-bot', defect: 'retry-4xx' });
    expect(run.gate('non-retryable-retries')?.verdict).toBe('fail');
    expect(run.exitCode).toBe(99);
  }, 120_000);

  it('answers 429 with Retry-After past 20 back-to-back requests from one address, before any other check, and serves /metrics', async () => {
    const harness = await startExampleHarness();
    try {
      const app = await harness.launch('memoapp-bot');
      const body = buildMessagesWebhook({ messages: [{ id: 'wamid.limit' }] });
      const limited = await expectPerAddressLimit(`${app.url}/webhook`, () => body);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toMatch(/^# TYPE memoapp_webhooks_received_total counter$/m);
      expect(metrics).toContain(`memoapp_webhooks_received_total{outcome="rate_limited"} ${limited}\n`);
      expect(metrics).toMatch(/^memoapp_dedupe_seconds_bucket\{le="\+Inf"\} \d+$/m);
    } finally {
      await harness.close();
    }
  }, 30_000);
});
