import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Histogram } from '../../common/core/index.ts';
import type { RedisProxyStats, RunRecord } from '../../common/contracts/index.ts';
import type { ChaosProfileInput } from '../../mock-graph-api/index.ts';
import { gate, runPreset, type PresetRun } from '../helpers/run-preset.ts';
import type { Summary } from '../../reports/index.ts';

const PHASE_S = 3;
const every = (name: string, faults: unknown[]) => ({ name, durationS: PHASE_S, faults: [], redis: { faults } });
/** Every dependency fault kind, one short phase each, with healthy Redis around them. */
const ALL_FAULTS: ChaosProfileInput = {
  name: 'redis-every-fault',
  phases: [
    { name: 'warmup', durationS: PHASE_S, faults: [] },
    every('redis-slow', [{ kind: 'latency', attributes: { distribution: 'fixed', latencyMs: 25 } }]),
    every('redis-errors', [
      { kind: 'error', probability: 0.2, scope: { families: ['write'] }, attributes: { reply: 'LOADING' } },
      { kind: 'error', probability: 0.2, scope: { families: ['write'] }, attributes: { reply: 'READONLY' } },
      { kind: 'error', probability: 0.2, scope: { families: ['write'] }, attributes: { reply: 'OOM' } },
    ]),
    every('redis-flaky', [
      { kind: 'reset', probability: 0.1 },
      { kind: 'slow-drip', probability: 0.3, attributes: { chunkBytes: 1, intervalMs: 2 } },
    ]),
    every('redis-down', [{ kind: 'outage' }]),
    every('redis-hung', [{ kind: 'freeze' }]),
    { name: 'recovery', faults: [] },
  ],
} as ChaosProfileInput;
const OUTAGE_ONLY: ChaosProfileInput = {
  name: 'redis-outage-short',
  phases: [
    { name: 'warmup', durationS: 3, faults: [] },
    every('redis-down', [{ kind: 'outage' }]),
    { name: 'recovery', faults: [] },
  ],
} as ChaosProfileInput;

function writeProfile(profile: ChaosProfileInput): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wa-redis-profile-')), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

/** The dedupe gate threshold is loose here: this machine is shared, and these runs judge dependency faults. */
const CONFIG = { delivery: { duplicateRatio: 0.3, duplicateDelayMs: 1500 }, gates: { dedupeP99Ms: 2000 } };

function run(profile: ChaosProfileInput, durationS: number, defect = 'none'): Promise<PresetRun> {
  return runPreset(
    [
      '--preset',
      'generic-redis',
      '--chaos',
      writeProfile(profile),
      '--duration',
      String(durationS),
      '--rate',
      '20',
      '--defect',
      defect,
      '--seed',
      '5',
    ],
    { config: CONFIG },
  );
}

const phaseOf = (summary: Summary, name: string) => summary.dependency?.phases.find((p) => p.phase === name);

describe('the reference connector through the Redis proxy', () => {
  it('fails closed under every dependency fault kind: nothing lost, nothing answered twice, every fault counted', async () => {
    const r = await run(ALL_FAULTS, 6 * PHASE_S + 4);
    const summary = r.json<Summary>('summary.json');
    const stats = r.json<RedisProxyStats>('redis-proxy-stats.json');
    for (const key of [
      'redis-slow/latency',
      'redis-errors/error',
      'redis-flaky/slow-drip',
      'redis-down/outage',
      'redis-hung/freeze',
    ])
      expect(stats.faults[key], key).toBeGreaterThan(0);
    expect(summary.dependency?.phases.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['redis-slow', 'redis-errors', 'redis-flaky', 'redis-down', 'redis-hung']),
    );
    for (const p of summary.dependency?.phases ?? []) {
      expect(
        p.gates.map((g) => [g.id, g.verdict]),
        p.phase,
      ).toEqual([
        ['lost', 'pass'],
        ['duplicates', 'pass'],
      ]);
    }
    expect(phaseOf(summary, 'redis-down')?.webhooks.status5xx).toBeGreaterThan(0);
    expect(phaseOf(summary, 'redis-down')?.behaviour.join(' ')).toMatch(
      /Failed closed on \d+ webhooks .* Meta redelivered/,
    );
    expect(phaseOf(summary, 'redis-down')?.behaviour.join(' ')).toContain('the fail-closed promise held');
    expect(summary.dependency?.ttl.verdict).toBe('ok');
    expect(gate(r, 'lost')).toMatchObject({ verdict: 'pass' });
    expect(gate(r, 'duplicates')).toMatchObject({ verdict: 'pass' });
    expect(gate(r, 'error-rate')).toMatchObject({ verdict: 'pass' });
    expect(r.exitCode).toBe(0);
    expect(r.text('report.html')).toContain('redis-down · redis outage');
    // The faults chart counts the proxy's faults per second next to the mock's.
    expect(summary.faultTimeline?.kinds).toEqual(
      expect.arrayContaining(['redis latency', 'redis error', 'redis slow-drip', 'redis outage', 'redis freeze']),
    );
    expect(r.text('report.html')).toMatch(/id="chart-faults".*data-series="redis outage"/);

    // Wire and Server-Timing, in the phase where Redis answers 25 ms late: both must see the
    // injected delay. They are two processes' clocks over different command sets, so their p99s
    // are not compared with each other (a busy machine moved them 4 ms apart in either direction).
    const record = r.json<RunRecord>('run-record.json');
    const serverTiming = Histogram.fromJSON(record.latency.dedupeByPhase['redis-slow']!).percentileMs(99);
    const wire = Histogram.fromJSON(stats.dedupe.latencyByPhase['redis-slow']!).percentileMs(99);
    // The injected 25 ms is a Node timer: libuv schedules it on its millisecond loop clock, which can
    // lag the wall clock by up to 1 ms, so a reply may leave 24.x ms after its command (CI saw 24.90).
    expect(wire).toBeGreaterThanOrEqual(24);
    expect(serverTiming).toBeGreaterThanOrEqual(24);
  }, 120_000);

  it('catches "acknowledge and drop when Redis is down" as lost messages in the outage phase', async () => {
    const r = await run(OUTAGE_ONLY, 9, 'redis-down-ack-drop');
    const down = phaseOf(r.json<Summary>('summary.json'), 'redis-down');
    expect(down?.gates.find((g) => g.id === 'lost')).toMatchObject({ verdict: 'fail' });
    expect(down?.behaviour.join(' ')).toContain('Acknowledged and lost');
    expect(gate(r, 'lost')).toMatchObject({ verdict: 'fail' });
    expect(r.exitCode).toBe(99);
  }, 90_000);

  it('catches "fall back to memory and answer twice" as duplicate side effects', async () => {
    const r = await run(OUTAGE_ONLY, 9, 'redis-down-memory-fallback');
    const summary = r.json<Summary>('summary.json');
    expect(gate(r, 'duplicates')).toMatchObject({ verdict: 'fail' });
    expect(gate(r, 'lost')).toMatchObject({ verdict: 'pass' });
    expect(phaseOf(summary, 'redis-down')?.behaviour.join(' ')).toContain('decided without Redis');
    expect(r.exitCode).toBe(99);
  }, 90_000);
});
