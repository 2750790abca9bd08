import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../common/contracts/index.ts';
import { PRESETS_DIR } from '../../targets/presets/index.ts';
import { gate, promValue, runPreset } from '../helpers/run-preset.ts';

// Duplicates and forgeries off: 40 deliveries/s are then exactly 40 attempts/s, ceil(40/10)+1 = 5 sources.
const steady = { delivery: { duplicateRatio: 0, forgedRatio: 0 }, chaos: 'none' };

describe('preset rate-limited-bot against the reference connector limited to 10 requests/s per IP (burst 20)', () => {
  it('spreads 40/s over 5 loopback source addresses, so the limiter never answers 429 and every gate passes', async () => {
    const run = await runPreset(['--preset', 'rate-limited-bot', '--rate', '40', '--duration', '4'], {
      config: steady,
    });
    expect(run.json('engine-diagnostics.json')).toEqual({
      rateLimitedByTarget: 0,
      sourceAddresses: ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'],
    });
    expect(run.json<RunRecord>('run-record.json').counters).toMatchObject({ status4xx: 0, deliveries: 160 });
    expect(
      promValue(run.text('metrics-after.prom'), 'wa_connector_webhooks_received_total{outcome="rate_limited"}'),
    ).toBe(0);
    expect(
      promValue(run.text('metrics-after.prom'), 'wa_connector_webhooks_received_total{outcome="accepted"}'),
    ).toBeGreaterThanOrEqual(160);
    expect(run.log).toContain('sending from 5 source addresses (127.0.0.2…127.0.0.6), round-robin');
    expect(run.exitCode).toBe(0);
  }, 60_000);

  it('from one address the limiter answers 429, and the run names it "rate-limited by target"', async () => {
    // The same preset as a file without engine.sourceAddresses: every attempt leaves from one address.
    const preset = JSON.parse(readFileSync(join(PRESETS_DIR, 'rate-limited-bot.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const file = join(mkdtempSync(join(tmpdir(), 'wa-preset-')), 'one-source.json');
    writeFileSync(file, JSON.stringify({ ...preset, name: 'one-source', engine: {} }));
    const run = await runPreset(['--preset', file, '--rate', '40', '--duration', '4'], {
      config: { ...steady, delivery: { ...steady.delivery, redelivery: { enabled: false } } },
    });
    const { rateLimitedByTarget } = run.json<{ rateLimitedByTarget: number }>('engine-diagnostics.json');
    const counters = run.json<RunRecord>('run-record.json').counters;
    // About 160 attempts in 4 s against a bucket of 20 refilling at 10/s: roughly 100 over the limit.
    expect(rateLimitedByTarget).toBeGreaterThan(60);
    expect(counters.status4xx).toBe(rateLimitedByTarget);
    expect(
      promValue(run.text('metrics-after.prom'), 'wa_connector_webhooks_received_total{outcome="rate_limited"}'),
    ).toBe(rateLimitedByTarget);
    expect(run.log).toContain(
      `rate-limited by target: ${rateLimitedByTarget} webhook attempts answered 429 Too Many Requests`,
    );
    expect(run.log).toContain('All attempts came from one source address');
    expect(gate(run, 'error-rate')?.verdict).toBe('fail');
    expect(run.exitCode).toBe(99);
  }, 60_000);
});
