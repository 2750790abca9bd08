import { describe, expect, it } from 'vitest';
import type { Summary } from '../../reports/index.ts';
import { gate, runPreset } from '../helpers/run-preset.ts';

/**
 * The reference connector against the built-in scenarios that carry late copies and fault phases,
 * shortened with --duration (chaos phases and recovery times scale with it): a correct connector
 * passes, and a dedupe that forgets ids after 3 s is caught by the late copies.
 */
describe('late copies and fault phases, end to end (Node engine)', () => {
  it('demo catches a dedupe that forgets ids after a few seconds (duplicates gate), and claims no horizon', async () => {
    const r = await runPreset([
      '--scenario',
      'demo',
      '--duration',
      '15',
      '--defect',
      'short-ttl-dedupe',
      '--seed',
      '3',
    ]);
    const summary = r.json<Summary>('summary.json');
    expect(gate(r, 'duplicates')?.verdict).toBe('fail');
    expect(summary.lateCopies?.verifiedMs).toBeNull();
    expect(summary.lateCopies?.text).toContain('no dedupe horizon is verified');
    expect(r.exitCode).toBe(99);
    expect(r.text('report.md').split('\n').slice(0, 12).join('\n')).toContain('duplicates:');
  }, 120_000);

  it('demo passes the correct connector and states the horizon it verified', async () => {
    const r = await runPreset(['--scenario', 'demo', '--duration', '15', '--seed', '3']);
    const summary = r.json<Summary>('summary.json');
    expect(summary.gates.filter((g) => g.verdict === 'fail').map((g) => g.id)).toEqual([]);
    expect(summary.lateCopies?.sent).toBeGreaterThan(0);
    expect(summary.lateCopies?.verifiedMs).toBeGreaterThan(2000);
    expect(r.text('report.md')).toMatch(/copies up to \d+ s late were deduped/);
    expect(r.exitCode).toBe(0);
  }, 120_000);

  it('a shortened chaos run passes the correct connector: the 429 storm is judged by lost, duplicates, retries and recovery, not the latency SLO', async () => {
    const r = await runPreset(['--scenario', 'chaos', '--duration', '24', '--rate', '30', '--seed', '3']);
    const summary = r.json<Summary>('summary.json');
    const storm = summary.phaseGates.find((p) => p.phase === 'storm');
    expect(storm?.judge).toMatchObject({ fault: true, latency: 'off' });
    expect(storm?.gates.map((g) => g.id)).not.toContain('reply-p99');
    expect(storm?.gates.map((g) => g.id)).toEqual(
      expect.arrayContaining(['lost', 'duplicates', 'non-retryable-retries']),
    );
    const failing = summary.phaseGates.flatMap((p) =>
      p.gates.filter((g) => g.verdict === 'fail').map((g) => `${p.phase}:${g.id} ${g.observed}`),
    );
    expect(failing).toEqual([]);
    expect(r.exitCode).toBe(0);
  }, 150_000);
});
