/**
 * Memory soak of the built-in Node engine: 1,000 signed deliveries/s against a bare node:http sink
 * (child process), heap and RSS sampled every 10 s. Run by hand, with --expose-gc so samples are
 * taken after a full GC:
 *
 *   node --expose-gc --import tsx scripts/bench/engine-soak.ts              # 10 minutes
 *   node --expose-gc --import tsx scripts/bench/engine-soak.ts --minutes 2
 *
 * Growth is measured from the sample at the end of warm-up (the first minute, or 20 % of shorter
 * runs) to the last sample; the warm-up heap is the baseline the growth is compared with.
 */
import { scenarioSchema } from '../../common/contracts/index.ts';
import { runNodeEngine } from '../../scenarios/engines/index.ts';
import { loadFixtureSet } from '../../fixtures/index.ts';
import { parseFlags, readNumber } from '../../common/node/index.ts';
import { readBenchArgs } from './bench-args.ts';
import { describeMachine, fmt, startSinkProcess } from './engine-bench-support.ts';

const { durationS, rate } = readBenchArgs('engine-soak', () => {
  const options = { minutes: { type: 'string', default: '10' }, rate: { type: 'string', default: '1000' } } as const;
  const { values } = parseFlags(
    process.argv.slice(2),
    { options },
    'Usage: node --expose-gc --import tsx scripts/bench/engine-soak.ts [--minutes 10] [--rate 1000]',
  );
  return {
    durationS: readNumber('--minutes', values.minutes, { above: 0, example: 10 }) * 60,
    rate: readNumber('--rate', values.rate, { above: 0, example: 1000 }),
  };
});
const warmUpS = Math.min(60, durationS * 0.2);
const gc = (globalThis as { gc?: () => void }).gc;
const MB = 2 ** 20;

const samples: { t: number; heap: number; rss: number }[] = [];
const sink = await startSinkProcess();
try {
  const { fixtures } = loadFixtureSet();
  const scenario = scenarioSchema.parse({
    name: 'bench-soak',
    load: { profile: 'soak', rate, durationS },
    delivery: { duplicateRatio: 0.02 },
  });
  const t0 = performance.now();
  const sample = (): void => {
    gc?.();
    const m = process.memoryUsage();
    samples.push({ t: (performance.now() - t0) / 1000, heap: m.heapUsed / MB, rss: m.rss / MB });
  };
  const timer = setInterval(sample, 10_000);
  const record = await runNodeEngine({ scenario, targetUrl: sink.url, fixtures, runId: 'c0c0c0c0c0c0', phases: [] });
  clearInterval(timer);
  sample();
  const warm = samples.find((s) => s.t >= warmUpS) ?? samples[0]!;
  const last = samples.at(-1)!;
  const peakHeap = Math.max(...samples.filter((s) => s.t >= warmUpS).map((s) => s.heap));
  console.log(`engine-soak · ${describeMachine()}${gc ? '' : ' · WARNING: run with --expose-gc for post-GC samples'}`);
  console.log(
    `${fmt(rate, 0)}/s for ${fmt(durationS / 60, 1)} min: ${record.counters.deliveries} deliveries, ${record.counters.dropped} dropped, ${record.counters.sent - record.counters.status2xx} non-2xx`,
  );
  console.log(
    `heap after warm-up (${fmt(warm.t, 0)} s) ${fmt(warm.heap)} MB → end ${fmt(last.heap)} MB: growth ${fmt(last.heap - warm.heap)} MB (${fmt(last.heap / warm.heap, 2)}× the warm-up heap), peak ${fmt(peakHeap)} MB`,
  );
  console.log(`RSS after warm-up ${fmt(warm.rss)} MB → end ${fmt(last.rss)} MB: growth ${fmt(last.rss - warm.rss)} MB`);
  console.log(`samples (s:heap MB): ${samples.map((s) => `${fmt(s.t, 0)}:${fmt(s.heap)}`).join(' ')}`);
} finally {
  sink.stop();
}
