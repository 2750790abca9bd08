import { afterEach, describe, expect, it } from 'vitest';
import { Histogram } from '../../common/core/index.ts';
import { scenarioSchema } from '../../common/contracts/index.ts';
import { runNodeEngine } from '../../scenarios/engines/index.ts';
import { startSink, testFixtures, type Sink } from '../helpers/engine-support.ts';

let sink: Sink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

describe('coordinated omission', () => {
  it('charges a target stall to every delivery scheduled during it, even with only two connections', async () => {
    // The sink answers nothing between 200 ms and 500 ms after the run starts. With 2 connections a
    // closed-loop client would see 2 slow requests; an open-model engine measuring from the intended
    // send time sees the ~60 deliveries scheduled in the stall wait up to 300 ms each.
    const t0 = Date.now();
    sink = await startSink((_req, _body, res) => {
      const now = Date.now();
      const stallEnd = t0 + 500;
      if (now >= t0 + 200 && now < stallEnd) setTimeout(() => res.end(), stallEnd - now);
      else res.end();
    });
    const scenario = scenarioSchema.parse({
      name: 'co',
      load: { profile: 'constant', rate: 200, durationS: 1 },
      delivery: { duplicateRatio: 0 },
    });
    const record = await runNodeEngine({
      scenario,
      targetUrl: sink.url,
      fixtures: testFixtures(),
      runId: 'a1b2c3d4e5f6',
      phases: [],
      connections: 2,
    });
    const ack = Histogram.fromJSON(record.latency.ack);
    expect(record.counters.dropped).toBe(0);
    expect(ack.count).toBe(200);
    expect(ack.fractionAboveUs(100_000)).toBeGreaterThan(0.12);
    expect(ack.percentileMs(90)).toBeGreaterThan(100);
    expect(ack.max).toBeGreaterThan(200_000);
  });
});
