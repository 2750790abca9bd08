/**
 * Benchmark (run by hand): `npx tsx scripts/bench/redis-proxy.ts [--seconds 6] [--rounds 3] [--paths direct,c-pipe,pipe,proxy,in-process] [--cpu-prof <dir>]`.
 *
 * What the Redis proxy adds per command: one redis-server and an open-loop client here that
 * sends 5,000 commands/s (alternating `SET k v NX EX 86400` and `GET k`) on one pipelined
 * connection, over each path in turn, round after round:
 * - `direct`: to redis-server itself (the baseline);
 * - `c-pipe`: through a bare TCP pipe in C (bench/loadgen/pipe.c, compiled with `cc` on the
 *   spot): the floor of any proxy that is an extra process, with no runtime or GC of its own;
 * - `pipe`: through a bare Node socket pipe in its own child process (`c.pipe(u); u.pipe(c)`),
 *   the floor of any proxy that is an extra Node process: one more loopback hop and event loop;
 * - `proxy`: through the Redis proxy in its own child process (no faults, dedupe timing on). This
 *   is how `npm run loadtest` runs it: the proxy is in the harness process, the Redis client is
 *   the connector, a separate process, so each command crosses one more process;
 * - `in-process`: through the Redis proxy running in this process, beside the client: the
 *   proxy's own cost with the extra process wake-up taken away. The client writes what is due every
 * millisecond (a timer, not a busy loop: on 2 cores a spinning client steals the CPU the proxy
 * and redis-server need) and times each command from the write of its batch to its reply; it
 * never waits for answers before sending (open loop), so queueing in the proxy shows. The client
 * is the same for both paths, so the p99 difference is the proxy's cost.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Histogram } from '../../common/core/index.ts';
import { parseFlags, readEnum, readInteger, readList, readNumber } from '../../common/node/index.ts';
import { encodeCommand, readFrame, startRedisProxy, startRedisServer } from '../../targets/redis-proxy/index.ts';
import { readBenchArgs } from './bench-args.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PATHS = ['direct', 'c-pipe', 'pipe', 'proxy', 'in-process'] as const;
type Path = (typeof PATHS)[number];
const USAGE = `Usage: npx tsx scripts/bench/redis-proxy.ts [--seconds 6] [--rounds 3] [--paths ${PATHS.join(',')}] [--cpu-prof <dir>]`;
const ARGS = readBenchArgs('redis-proxy', () => {
  const options = {
    seconds: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '3' },
    paths: { type: 'string', default: PATHS.join(',') },
    'cpu-prof': { type: 'string' },
  } as const;
  const { values } = parseFlags(process.argv.slice(2), { options }, USAGE);
  return {
    seconds: readNumber('--seconds', values.seconds, { above: 0, example: 6 }),
    rounds: readInteger('--rounds', values.rounds, { min: 1, example: 3 }),
    paths: readList(values.paths).map((p) => readEnum('--paths', p, PATHS)),
    // --cpu-prof <dir>: the proxy child writes a CPU profile there when it stops (open it in Chrome DevTools).
    cpuProfDir: values['cpu-prof'],
  };
});
const SECONDS = ARGS.seconds;
const ROUNDS = ARGS.rounds;
const RATE = 5000;

async function openLoop(port: number, seconds: number): Promise<{ h: Histogram; sent: number; answered: number }> {
  const socket: Socket = connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise((ok) => socket.once('connect', ok));
  const h = new Histogram();
  const intended: number[] = [];
  let head = 0;
  let buf: Buffer = Buffer.alloc(0);
  let answered = 0;
  socket.on('data', (chunk: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    let at = 0;
    for (let f = readFrame(buf, 0); f; f = readFrame(buf, at)) {
      at = f.end;
      h.recordMs(performance.now() - (intended[head++] ?? 0));
      answered++;
    }
    buf = buf.subarray(at);
  });
  const start = performance.now();
  const total = RATE * seconds;
  let sent = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE));
      const parts: Buffer[] = [];
      const now = performance.now();
      for (; sent < due; sent++) {
        intended.push(now);
        const key = `bench:${sent % 50_000}`;
        parts.push(sent % 2 ? encodeCommand(['GET', key]) : encodeCommand(['SET', key, '1', 'NX', 'EX', '86400']));
      }
      if (parts.length) socket.write(Buffer.concat(parts));
      if (sent < total) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  const deadline = performance.now() + 5000;
  while (answered < sent && performance.now() < deadline) await new Promise((ok) => setTimeout(ok, 10));
  socket.destroy();
  return { h, sent, answered };
}

async function startChild(args: string[]): Promise<{ port: number; stop: () => void }> {
  const child = spawn(args[0] as string, args.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  const url = new URL((JSON.parse(line) as { url: string }).url);
  return { port: Number(url.port), stop: () => child.kill('SIGTERM') };
}

/** The floor: a Node process that only pipes bytes both ways (no parsing at all). */
const BARE_PIPE = `
const net = require('node:net');
const [host, port] = process.argv[1].split(':');
const server = net.createServer({ noDelay: true }, (c) => {
  const u = net.connect({ host, port: Number(port), noDelay: true });
  c.pipe(u); u.pipe(c);
  c.on('error', () => u.destroy()); u.on('error', () => c.destroy());
  c.on('close', () => u.destroy()); u.on('close', () => c.destroy());
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'redis://127.0.0.1:' + server.address().port })));
process.on('SIGTERM', () => process.exit(0));
`;

/** The same pipe in C (scripts/bench/loadgen/pipe.c): the floor of an extra process with no runtime at all. */
function buildCPipe(): string | undefined {
  const binary = resolve(tmpdir(), 'wa-bench', 'pipe');
  mkdirSync(resolve(tmpdir(), 'wa-bench'), { recursive: true });
  try {
    execFileSync('cc', ['-O2', '-o', binary, resolve(ROOT, 'scripts/bench/loadgen/pipe.c')], { stdio: 'inherit' });
    return binary;
  } catch {
    console.error('bench: no C compiler (apt-get install gcc), so the c-pipe path is skipped');
    return undefined;
  }
}

const paths = PATHS.filter((p) => ARGS.paths.includes(p));
const fmt = (us: number) => (us / 1000).toFixed(3);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

const server = await startRedisServer();
const ports = new Map<Path, number>([['direct', server.port]]);
const stops: (() => unknown)[] = [];
try {
  const cPipe = paths.includes('c-pipe') ? buildCPipe() : undefined;
  if (cPipe) {
    const pipe = await startChild([cPipe, '127.0.0.1', String(server.port)]);
    ports.set('c-pipe', pipe.port);
    stops.push(pipe.stop);
  }
  if (paths.includes('pipe')) {
    const pipe = await startChild([process.execPath, '-e', BARE_PIPE, `127.0.0.1:${server.port}`]);
    ports.set('pipe', pipe.port);
    stops.push(pipe.stop);
  }
  if (paths.includes('proxy')) {
    const prof = ARGS.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', ARGS.cpuProfDir] : [];
    const proxy = await startChild([
      process.execPath,
      ...prof,
      '--import',
      'tsx',
      resolve(ROOT, 'scripts/redis-proxy.ts'),
      '--upstream',
      server.url,
    ]);
    ports.set('proxy', proxy.port);
    stops.push(proxy.stop);
  }
  if (paths.includes('in-process')) {
    const proxy = await startRedisProxy({ upstream: { host: '127.0.0.1', port: server.port } });
    ports.set('in-process', proxy.port);
    stops.push(() => proxy.close());
  }
  const run = paths.filter((p) => ports.has(p));
  for (const path of run) await openLoop(ports.get(path) as number, 2); // warm-up
  const perRound = new Map<Path, { p50: number; p99: number; p999: number }[]>(paths.map((p) => [p, []]));
  let lost = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of run) {
      const r = await openLoop(ports.get(path) as number, SECONDS);
      lost += r.sent - r.answered;
      const row = { p50: r.h.percentileUs(50), p99: r.h.percentileUs(99), p999: r.h.percentileUs(99.9) };
      perRound.get(path)?.push(row);
      console.log(
        `round ${round + 1} ${path.padEnd(10)}: ${r.answered}/${r.sent} answered, p50 ${fmt(row.p50)} ms, p99 ${fmt(row.p99)} ms, p99.9 ${fmt(row.p999)} ms`,
      );
    }
  }
  console.log(
    `\n${RATE} commands/s open loop, ${ROUNDS} rounds × ${SECONDS} s per path, ${lost} unanswered; medians over rounds:`,
  );
  const med = (path: Path, key: 'p50' | 'p99' | 'p999') => median((perRound.get(path) ?? []).map((r) => r[key]));
  for (const path of run)
    console.log(
      `${path.padEnd(10)}: p50 ${fmt(med(path, 'p50'))} ms  p99 ${fmt(med(path, 'p99'))} ms  p99.9 ${fmt(med(path, 'p999'))} ms`,
    );
  /** The median over rounds of (path − direct) in the same round: a round's noise hits both. */
  const added = (path: Path, key: 'p50' | 'p99') =>
    median((perRound.get(path) ?? []).map((r, i) => r[key] - ((perRound.get('direct') ?? [])[i]?.[key] ?? 0)));
  if (run.includes('direct')) {
    for (const path of run.filter((p) => p !== 'direct')) {
      const floor =
        path === 'pipe'
          ? ' (the floor of a separate Node process)'
          : path === 'c-pipe'
            ? ' (the floor of any separate process)'
            : ' (target < 0.200 ms)';
      console.log(
        `added by ${path.padEnd(10)}: p50 ${fmt(added(path, 'p50'))} ms, p99 ${fmt(added(path, 'p99'))} ms${floor}`,
      );
    }
  }
  if (paths.includes('pipe') && paths.includes('proxy')) {
    const overPipe = median(
      (perRound.get('proxy') ?? []).map((r, i) => r.p99 - ((perRound.get('pipe') ?? [])[i]?.p99 ?? 0)),
    );
    console.log(`proxy over the bare pipe (its RESP work): p99 ${fmt(overPipe)} ms`);
  }
} finally {
  for (const stop of stops) await stop();
  await server.close();
}
