import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../contracts/index.ts';
import { buildMessagesWebhook, startFakeGraph } from './helpers/connector/index.ts';
import { findExample, launchExample, randomSecrets } from '../examples/rehearse/index.ts';
import { rehearse } from './helpers/rehearse-example.ts';

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
    const graph = await startFakeGraph();
    const work = mkdtempSync(join(tmpdir(), 'wa-memoapp-'));
    const secrets = randomSecrets();
    const app = await launchExample(findExample('memoapp-bot')!, { graphBaseUrl: graph.url, secrets, work });
    try {
      const body = buildMessagesWebhook({ messages: [{ id: 'wamid.limit' }] });
      // Unsigned and all at once, so the bucket (refilled 1 per 100 ms) has no time to refill.
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => fetch(`${app.url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })),
      );
      const statuses = answers.map((a) => a.status);
      const unauthorized = statuses.filter((s) => s === 401).length;
      expect(unauthorized).toBeGreaterThanOrEqual(20);
      expect(unauthorized).toBeLessThanOrEqual(22);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30 - unauthorized);
      expect(answers.filter((a) => a.status === 429).map((a) => a.headers.get('retry-after'))).toEqual(Array(30 - unauthorized).fill('1'));
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toMatch(/^# TYPE memoapp_webhooks_received_total counter$/m);
      expect(metrics).toContain(`memoapp_webhooks_received_total{outcome="rate_limited"} ${30 - unauthorized}\n`);
      expect(metrics).toMatch(/^memoapp_dedupe_seconds_bucket\{le="\+Inf"\} \d+$/m);
    } finally {
      await app.target.stop(5000);
      await graph.close();
      rmSync(work, { recursive: true, force: true });
    }
  }, 30_000);
});
