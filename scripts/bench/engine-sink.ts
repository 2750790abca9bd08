/**
 * A bare node:http webhook sink for the engine benchmarks, run as a CHILD process so it does not
 * share the engine's event loop. Prints `port=<n>` on stdout once listening.
 *
 *   tsx scripts/bench/engine-sink.ts [--stall-every-ms 10000 --stall-ms 1000]
 *
 * With a stall configured, requests arriving inside a stall window are answered when it ends
 * (a target that freezes, like a long GC pause or a blocked event loop).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFlags, readInteger } from '../../common/node/index.ts';
import { readBenchArgs } from './bench-args.ts';

const { everyMs, stallMs } = readBenchArgs('engine-sink', () => {
  const options = {
    'stall-every-ms': { type: 'string', default: '0' },
    'stall-ms': { type: 'string', default: '0' },
  } as const;
  const { values } = parseFlags(
    process.argv.slice(2),
    { options },
    'Usage: tsx scripts/bench/engine-sink.ts [--stall-every-ms 10000 --stall-ms 1000]',
  );
  return {
    everyMs: readInteger('--stall-every-ms', values['stall-every-ms'], { min: 0, example: 10_000 }),
    stallMs: readInteger('--stall-ms', values['stall-ms'], { min: 0, example: 1000 }),
  };
});
const t0 = Date.now();

function stallLeftMs(now: number): number {
  if (everyMs <= 0 || stallMs <= 0) return 0;
  const phase = (now - t0) % everyMs;
  const start = everyMs - stallMs;
  return phase >= start ? everyMs - phase : 0;
}

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    const wait = stallLeftMs(Date.now());
    if (wait > 0) setTimeout(() => res.end('ok'), wait);
    else res.end('ok');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`port=${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
