/**
 * Benchmark (run by hand): `npx tsx bench/redis-proxy.ts [--seconds 10] [--rounds 2]`.
 *
 * What the Redis proxy adds per command: one redis-server, the proxy in its own child process
 * (no faults, dedupe timing on), and an open-loop client here that sends 5,000 commands/s
 * (alternating `SET k v NX EX 86400` and `GET k`) on one pipelined connection, to redis-server
 * direct and through the proxy in alternating rounds. Latency counts from each command's intended
 * send time (coordinated omission corrected), so queueing shows. The client is the same for both
 * paths, so the p99 difference is the proxy's cost.
 */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Histogram } from '../core/index.ts';
import { encodeCommand, readFrame, startRedisServer } from '../redis-proxy/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const SECONDS = arg('seconds', 10);
const ROUNDS = arg('rounds', 2);
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
      for (; sent < due; sent++) {
        intended.push(start + (sent * 1000) / RATE);
        const key = `bench:${sent % 50_000}`;
        parts.push(sent % 2 ? encodeCommand(['GET', key]) : encodeCommand(['SET', key, '1', 'NX', 'EX', '86400']));
      }
      if (parts.length) socket.write(Buffer.concat(parts));
      if (sent < total) setImmediate(tick);
      else done();
    };
    tick();
  });
  const deadline = performance.now() + 5000;
  while (answered < sent && performance.now() < deadline) await new Promise((ok) => setTimeout(ok, 10));
  socket.destroy();
  return { h, sent, answered };
}

async function startProxyProcess(upstream: string): Promise<{ port: number; stop: () => void }> {
  const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), [resolve(ROOT, 'scripts/redis-proxy.ts'), '--upstream', upstream], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  const url = new URL((JSON.parse(line) as { url: string }).url);
  return { port: Number(url.port), stop: () => child.kill('SIGTERM') };
}

const fmt = (us: number) => (us / 1000).toFixed(3);
const server = await startRedisServer();
const proxy = await startProxyProcess(server.url);
try {
  await openLoop(server.port, 2); // warm-up, both paths
  await openLoop(proxy.port, 2);
  const results = { direct: new Histogram(), proxy: new Histogram() };
  let lost = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, port] of [['direct', server.port], ['proxy', proxy.port]] as const) {
      const r = await openLoop(port, SECONDS);
      lost += r.sent - r.answered;
      results[name].add(r.h);
      console.log(`round ${round + 1} ${name}: ${r.answered}/${r.sent} answered, p50 ${fmt(r.h.percentileUs(50))} ms, p99 ${fmt(r.h.percentileUs(99))} ms, p99.9 ${fmt(r.h.percentileUs(99.9))} ms`);
    }
  }
  const d = results.direct;
  const p = results.proxy;
  console.log(`\n${RATE} commands/s open loop, ${ROUNDS}×${SECONDS} s per path, ${lost} unanswered`);
  console.log(`direct: p50 ${fmt(d.percentileUs(50))} ms  p99 ${fmt(d.percentileUs(99))} ms  p99.9 ${fmt(d.percentileUs(99.9))} ms`);
  console.log(`proxy : p50 ${fmt(p.percentileUs(50))} ms  p99 ${fmt(p.percentileUs(99))} ms  p99.9 ${fmt(p.percentileUs(99.9))} ms`);
  console.log(`added by the proxy: p50 ${fmt(p.percentileUs(50) - d.percentileUs(50))} ms, p99 ${fmt(p.percentileUs(99) - d.percentileUs(99))} ms (target < 0.200 ms)`);
} finally {
  proxy.stop();
  await server.close();
}
