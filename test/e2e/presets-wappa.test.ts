import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerStats, RunRecord } from '../../common/contracts/index.ts';
import { InfraError } from '../../common/node/index.ts';
import { PRESETS_DIR } from '../../targets/presets/index.ts';
import { gate, runPreset } from '../helpers/run-preset.ts';

describe('preset wappa against the reference connector on the Wappa path', () => {
  it('verifies and loads /webhook/messenger/{phone_number_id}/whatsapp, checks /health and /health/detailed, and passes its 1 s ack gate', async () => {
    const run = await runPreset(['--preset', 'wappa', '--duration', '3', '--chaos', 'none']);
    expect(run.json<{ target: { pathTemplate: string } }>('scenario.json').target.pathTemplate).toBe(
      '/webhook/messenger/{phone_number_id}/whatsapp',
    );
    expect(run.json('preset.json')).toMatchObject({
      name: 'wappa',
      health: {
        '/health': { status: 'ok' },
        '/health/detailed': { status: 'ok', webhook: { path: '/webhook/messenger/{phone_number_id}/whatsapp' } },
      },
    });
    const { counters } = run.json<RunRecord>('run-record.json');
    const ledger = run.json<LedgerStats>('ledger-stats.json');
    expect(counters.inboundMessagesAcked).toBeGreaterThan(0);
    // Every acknowledged message got its mark-as-read and its reply on the number from the path.
    expect(ledger.committedByType['read']).toBe(counters.inboundMessagesAcked);
    expect(gate(run, 'lost')?.verdict).toBe('pass');
    expect(gate(run, 'ack-p99')).toMatchObject({ verdict: 'pass', threshold: 1000 });
    // Wappa exposes no Prometheus endpoint: nothing is scraped.
    expect(() => run.text('metrics-after.prom')).toThrow(/ENOENT/);
    expect(run.exitCode).toBe(0);
  }, 60_000);

  it('refuses to load a target whose health endpoint does not answer 2xx', async () => {
    const preset = JSON.parse(readFileSync(join(PRESETS_DIR, 'wappa.json'), 'utf8')) as { endpoints: object };
    const file = join(mkdtempSync(join(tmpdir(), 'wa-preset-')), 'wappa-missing-detail.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...preset,
        name: 'wappa-missing-detail',
        endpoints: { ...preset.endpoints, healthDetailed: '/health/deep' },
      }),
    );
    const failed = runPreset(['--preset', file, '--duration', '3']);
    await expect(failed).rejects.toBeInstanceOf(InfraError);
    await expect(failed).rejects.toThrow(
      /Could not start the load: the target's health endpoint http:\/\/127\.0\.0\.1:\d+\/health\/deep answered 404/,
    );
  }, 60_000);
});
