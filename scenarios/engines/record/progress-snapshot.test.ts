import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../../common/contracts/index.ts';
import { K6SampleStream } from '../k6/k6-samples.ts';
import { createProgressMeter, progressSnapshotSchema } from './progress-snapshot.ts';
import { RunStats } from './run-stats.ts';

const load = { profile: 'spike' as const, baseRate: 10, spikeRate: 50, spikeAtS: 2, spikeDurationS: 2, durationS: 6 };

function statsWith(counts: { sent: number; deliveries: number; status5xx: number; forgedRejected: number }): RunStats {
  const stats = new RunStats([], 5, load);
  for (const [field, n] of Object.entries(counts)) stats.count(field as keyof typeof counts, undefined, n);
  stats.count('status4xx', undefined, counts.forgedRejected);
  stats.ack.recordMs(40);
  return stats;
}

describe('the one progress snapshot', () => {
  it('rates the deliveries started since the previous snapshot, and since the start the first time', () => {
    const progressOf = createProgressMeter(load);
    const stats = statsWith({ sent: 0, deliveries: 20, status5xx: 0, forgedRejected: 0 });
    expect(progressOf({ elapsedMs: 2000, stats }).achievedRate).toBe(10);
    stats.count('deliveries', undefined, 25);
    // A dropped arrival never started, on either engine: it adds nothing to the achieved rate.
    stats.countDropped(2400, undefined, 'first');
    expect(progressOf({ elapsedMs: 2500, stats }).achievedRate).toBe(50);
    expect(progressOf({ elapsedMs: 2500, stats }).achievedRate).toBe(0);
  });

  it('reads the target rate and duration from the load profile and errors as the error-rate gate counts them', () => {
    const progressOf = createProgressMeter(load);
    const stats = statsWith({ sent: 30, deliveries: 25, status5xx: 2, forgedRejected: 3 });
    const snapshot = progressOf({ elapsedMs: 3000, stats });
    expect(progressSnapshotSchema.parse(snapshot)).toEqual({
      elapsedS: 3,
      durationS: 6,
      targetRate: 50,
      achievedRate: 25 / 3,
      sent: 30,
      errors: 2, // forged deliveries rejected with 401/403 are not errors
      dropped: 0,
      p99Ms: stats.ack.percentileMs(99),
    });
  });

  it('gives the k6 runner the same snapshot from its samples once setup started the clock', () => {
    const scenario = scenarioSchema.parse({ name: 'spike', load });
    const stream = new K6SampleStream(scenario, []);
    expect(stream.progress(Date.now())).toBeUndefined();
    const start = Date.parse('2026-12-01T20:00:00Z');
    const line = (metric: string, atMs: number, value: number, tags = {}) =>
      JSON.stringify({ type: 'Point', metric, data: { time: new Date(start + atMs).toISOString(), value, tags } });
    const attempt = line('wa_attempt_ms', 520, 20, { outcome: 'server-error', signed: '1' });
    stream.push([line('wa_clock_ms', 0, start), line('wa_deliveries', 500, 12), attempt].join('\n') + '\n');
    const fromK6 = stream.progress(start + 2000);
    const fromMeter = createProgressMeter(load)({ elapsedMs: 2000, stats: stream.stats });
    expect(fromK6).toEqual(fromMeter);
    expect(fromK6).toMatchObject({ elapsedS: 2, achievedRate: 6, sent: 1, errors: 1, targetRate: 50, p99Ms: 20 });
  });
});
