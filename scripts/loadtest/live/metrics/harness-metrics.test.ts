import { describe, expect, it } from 'vitest';
import { createHarnessMetrics } from './harness-metrics.ts';
import { HARNESS_METRICS } from './metric-names.ts';

const snapshot = {
  elapsedS: 1,
  durationS: 60,
  targetRate: 20,
  achievedRate: 19.5,
  sent: 20,
  errors: 1,
  dropped: 0,
  p99Ms: 250,
};
const LABELS = 'run_id="a1b2c3d4e5f6",scenario="load"';

async function valueOf(metrics: ReturnType<typeof createHarnessMetrics>, name: string): Promise<number> {
  const line = (await metrics.registry.metrics()).split('\n').find((l) => l.startsWith(`${name}{`));
  return Number(line?.split(' ').at(-1));
}

describe('createHarnessMetrics', () => {
  it('exposes every harness series labelled with run id and scenario, zero before the first snapshot', async () => {
    const metrics = createHarnessMetrics({ runId: 'a1b2c3d4e5f6', scenario: 'load' });
    const text = await metrics.registry.metrics();
    for (const name of Object.values(HARNESS_METRICS)) expect(text).toContain(`${name}{${LABELS}} 0`);
  });

  it('sets rates and p99 in seconds and follows cumulative totals without ever going down', async () => {
    const metrics = createHarnessMetrics({ runId: 'a1b2c3d4e5f6', scenario: 'load' });
    metrics.update(snapshot);
    metrics.update({ ...snapshot, elapsedS: 2, sent: 45, errors: 3, dropped: 2, achievedRate: 25, p99Ms: 1200 });
    metrics.update({ ...snapshot, elapsedS: 3, sent: 40 }); // a stale snapshot
    expect(await valueOf(metrics, HARNESS_METRICS.sent)).toBe(45);
    expect(await valueOf(metrics, HARNESS_METRICS.errors)).toBe(3);
    expect(await valueOf(metrics, HARNESS_METRICS.dropped)).toBe(2);
    expect(await valueOf(metrics, HARNESS_METRICS.achievedRate)).toBe(19.5);
    expect(await valueOf(metrics, HARNESS_METRICS.ackP99)).toBe(0.25);
    expect(await valueOf(metrics, HARNESS_METRICS.targetRate)).toBe(20);
  });

  it('keeps its own registry, free of process metrics and of other runs', async () => {
    const a = createHarnessMetrics({ runId: 'aaaaaaaaaaaa', scenario: 'x' });
    createHarnessMetrics({ runId: 'bbbbbbbbbbbb', scenario: 'x' }).update(snapshot);
    const text = await a.registry.metrics();
    expect(text).not.toContain('process_cpu');
    expect(text).not.toContain('bbbbbbbbbbbb');
  });
});
