/**
 * Throughput benchmark of the built-in Node engine: open-model signed deliveries against a bare
 * node:http sink on loopback (child process). Run by hand:
 *
 *   npx tsx scripts/bench/engine-throughput.ts                      # 15,000/s for 30 s
 *   npx tsx scripts/bench/engine-throughput.ts --rate 5000 --duration 20
 *
 * A short warm-up run at the same rate comes first (JIT, llhttp wasm, sink warm-up), then the
 * measured run. Prints achieved vs target rate, drops, scheduling lag and ack latency, and as a
 * baseline the closed-loop capacity of undici alone (pre-built body, no signing), same sink.
 */
import { Pool } from 'undici';
import { Histogram } from '../../common/core/index.ts';
import { scenarioSchema } from '../../common/contracts/index.ts';
import { runNodeEngine } from '../../scenarios/engines/index.ts';
import { loadFixtureSet } from '../../fixtures/index.ts';
import { parseFlags, readInteger, readNumber } from '../../common/node/index.ts';
import { readBenchArgs } from './bench-args.ts';
import { describeMachine, fmt, startSinkProcess } from './engine-bench-support.ts';

const { rate, durationS, connections, pipelining, baselineS, warmUpS } = readBenchArgs('engine-throughput', () => {
  const options = {
    rate: { type: 'string', default: '15000' },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '64' },
    pipelining: { type: 'string', default: '1' },
    baseline: { type: 'string', default: '5' },
    'warm-up': { type: 'string', default: '3' },
  } as const;
  const { values } = parseFlags(
    process.argv.slice(2),
    { options },
    'Usage: npx tsx scripts/bench/engine-throughput.ts [--rate 15000] [--duration 30] [--connections 64] [--pipelining 1] [--baseline 5] [--warm-up 3]',
  );
  return {
    rate: readNumber('--rate', values.rate, { above: 0, example: 15_000 }),
    durationS: readNumber('--duration', values.duration, { above: 0, example: 30 }),
    connections: readInteger('--connections', values.connections, { min: 1, example: 64 }),
    pipelining: readInteger('--pipelining', values.pipelining, { min: 1, example: 1 }),
    baselineS: readNumber('--baseline', values.baseline, { above: 0, example: 5 }),
    warmUpS: readNumber('--warm-up', values['warm-up'], { min: 0, example: 3 }),
  };
});

const sink = await startSinkProcess();
try {
  const { fixtures } = loadFixtureSet();
  const baselineRps = await measureBaseline(sink.url, fixtures[0]!.raw, baselineS, connections);
  const scenario = scenarioSchema.parse({
    name: 'bench-throughput',
    load: { profile: 'constant', rate, durationS },
    maxInFlight: 20_000,
    delivery: { duplicateRatio: 0, outOfOrderRatio: 0.1 },
  });
  if (warmUpS > 0) {
    const warm = scenarioSchema.parse({
      ...scenario,
      name: 'bench-warm-up',
      load: { profile: 'constant', rate, durationS: warmUpS },
    });
    await runNodeEngine({
      scenario: warm,
      targetUrl: sink.url,
      fixtures,
      runId: 'b0b0b0b0b0b1',
      phases: [],
      connections,
      pipelining,
    });
  }
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  const record = await runNodeEngine({
    scenario,
    targetUrl: sink.url,
    fixtures,
    runId: 'b0b0b0b0b0b0',
    phases: [],
    connections,
    pipelining,
  });
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const c = record.counters;
  const expected = rate * durationS;
  const achieved = c.deliveries - c.dropped;
  const lag = Histogram.fromJSON(record.latency.schedulingLag!);
  const ack = Histogram.fromJSON(record.latency.ack);
  const secondsBelow = record.timeline.filter((p) => p.t < durationS && p.sent < p.targetRate * 0.995).length;
  console.log(`engine-throughput · ${describeMachine()}`);
  console.log(
    `warm-up ${warmUpS} s, then target ${fmt(rate, 0)}/s for ${durationS} s, ${connections} connections, pipelining ${pipelining}, built-in corpus (${fixtures.length} fixtures, default weights), signed`,
  );
  console.log(
    `achieved ${fmt(achieved, 0)} of ${fmt(expected, 0)} deliveries = ${fmt((100 * achieved) / expected, 2)} % · dropped ${c.dropped} · non-2xx ${c.sent - c.status2xx} · seconds under 99.5 % of target: ${secondsBelow}`,
  );
  console.log(
    `scheduling lag p50 ${fmt(lag.percentileMs(50), 2)} ms · p99 ${fmt(lag.percentileMs(99), 2)} ms · max ${fmt(lag.max / 1000, 1)} ms`,
  );
  console.log(
    `ack latency p50 ${fmt(ack.percentileMs(50), 2)} ms · p99 ${fmt(ack.percentileMs(99), 2)} ms · max ${fmt(ack.max / 1000, 1)} ms`,
  );
  console.log(
    `engine CPU ${fmt(((cpu.user + cpu.system) / 1e6 / wallS) * 100, 0)} % of one core over ${fmt(wallS, 1)} s · RSS ${fmt(process.memoryUsage().rss / 2 ** 20, 0)} MB`,
  );
  console.log(
    `baseline: undici alone, closed loop, same sink: ${fmt(baselineRps, 0)} req/s → target is ${fmt(rate / baselineRps, 2)}× the bare client capacity`,
  );
} finally {
  sink.stop();
}

/** Closed-loop capacity of undici with a pre-built body: the ceiling any engine on this box works under. */
async function measureBaseline(url: string, body: string, seconds: number, conns: number): Promise<number> {
  const pool = new Pool(url, { connections: conns });
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const res = await pool.request({
        path: '/webhook',
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      await res.body.dump();
      done++;
    }
  };
  await Promise.all(Array.from({ length: conns }, worker));
  await pool.close();
  return done / seconds;
}
