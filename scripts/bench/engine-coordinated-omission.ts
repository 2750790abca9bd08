/**
 * Coordinated-omission benchmark: the sink (child process) answers nothing for 1 s every 10 s;
 * 1,000 deliveries/s for 30 s. An engine that measured from the actual send, or slowed down with
 * the target, would report a p99 of a few ms; measured from the intended send time, ~10 % of
 * deliveries wait 0–1 s and p99 must be ≥ 900 ms. Baseline: the same run against a sink that never
 * stalls. Run by hand:
 *
 *   npx tsx scripts/bench/engine-coordinated-omission.ts [--duration 30 --rate 1000]
 */
import { Histogram } from '../../common/core/index.ts';
import { scenarioSchema } from '../../common/contracts/index.ts';
import { runNodeEngine } from '../../scenarios/engines/index.ts';
import { loadFixtureSet } from '../../fixtures/index.ts';
import { parseFlags, readNumber } from '../../common/node/index.ts';
import { readBenchArgs } from './bench-args.ts';
import { describeMachine, fmt, startSinkProcess } from './engine-bench-support.ts';

const { durationS, rate } = readBenchArgs('engine-coordinated-omission', () => {
  const options = { duration: { type: 'string', default: '30' }, rate: { type: 'string', default: '1000' } } as const;
  const { values } = parseFlags(
    process.argv.slice(2),
    { options },
    'Usage: npx tsx scripts/bench/engine-coordinated-omission.ts [--duration 30 --rate 1000]',
  );
  return {
    durationS: readNumber('--duration', values.duration, { above: 0, example: 30 }),
    rate: readNumber('--rate', values.rate, { above: 0, example: 1000 }),
  };
});
const { fixtures } = loadFixtureSet();

async function measure(sinkArgs: string[]): Promise<{ ack: Histogram; dropped: number; timeouts: number }> {
  const sink = await startSinkProcess(sinkArgs);
  try {
    const scenario = scenarioSchema.parse({
      name: 'bench-co',
      load: { profile: 'constant', rate, durationS },
      maxInFlight: 5000,
      delivery: { duplicateRatio: 0 },
    });
    const record = await runNodeEngine({ scenario, targetUrl: sink.url, fixtures, runId: 'd0d0d0d0d0d0', phases: [] });
    return {
      ack: Histogram.fromJSON(record.latency.ack),
      dropped: record.counters.dropped,
      timeouts: record.counters.timeouts,
    };
  } finally {
    sink.stop();
  }
}

const baseline = await measure([]);
const stalled = await measure(['--stall-every-ms', '10000', '--stall-ms', '1000']);
const line = (name: string, r: typeof baseline): string =>
  `${name}: p50 ${fmt(r.ack.percentileMs(50), 1)} ms · p90 ${fmt(r.ack.percentileMs(90), 1)} ms · p99 ${fmt(r.ack.percentileMs(99), 1)} ms · max ${fmt(r.ack.max / 1000, 0)} ms · dropped ${r.dropped} · timeouts ${r.timeouts}`;
console.log(`engine-coordinated-omission · ${describeMachine()}`);
console.log(`${fmt(rate, 0)}/s for ${durationS} s; sink stalls 1 s every 10 s`);
console.log(line('no stall (baseline)', baseline));
console.log(line('stalling sink      ', stalled));
console.log(
  `p99 with stalls / baseline p99 = ${fmt(stalled.ack.percentileMs(99) / Math.max(0.001, baseline.ack.percentileMs(99)), 0)}× · requirement p99 ≥ 900 ms: ${stalled.ack.percentileMs(99) >= 900 ? 'met' : 'NOT met'}`,
);
