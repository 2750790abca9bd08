/**
 * Benchmark (run by hand): `npx tsx scripts/bench/mock-throughput.ts [--seconds 5]` (needs a C compiler,
 * `cc`: the load generator is bench/loadgen/openloop.c, built on first use).
 *
 * Each server runs in its own child process; the load comes from a separate C process (one write
 * and one read per request, no GC of its own), so the numbers are the server's, not a Node
 * client's. For the mock's POST /messages (validation + ledger, chaos and limits off) and, in the
 * same run, two bare routes: max throughput (closed loop, 64 keep-alive connections), then
 * p50/p99 at a fixed 5,000 req/s (open loop: latency counts from the intended send time, so
 * coordinated omission does not hide queueing), three times, median shown.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { encodeWamid } from '../../common/core/index.ts';
import { parseFlags, readNumber } from '../../common/node/index.ts';
import { readBenchArgs } from './bench-args.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SECONDS = readBenchArgs('mock-throughput', () => {
  const { values } = parseFlags(
    process.argv.slice(2),
    { options: { seconds: { type: 'string', default: '5' } } },
    'Usage: npx tsx scripts/bench/mock-throughput.ts [--seconds 5]',
  );
  return readNumber('--seconds', values.seconds, { above: 0, example: 5 });
});
const RATE = 5000;
const CONNECTIONS = 64;
const WORK = join(tmpdir(), 'wa-harness-bench');

interface LoadResult {
  sent: number;
  completed: number;
  non2xx: number;
  errors: number;
  achievedPerS: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

function buildLoadGenerator(): string {
  const source = join(ROOT, 'scripts/bench/loadgen/openloop.c');
  const binary = join(WORK, 'openloop');
  if (existsSync(binary) && statSync(binary).mtimeMs > statSync(source).mtimeMs) return binary;
  try {
    execFileSync('cc', ['-O2', '-o', binary, source], { stdio: 'inherit' });
  } catch {
    console.error(
      'bench: could not compile scripts/bench/loadgen/openloop.c; install a C compiler (apt-get install gcc) and rerun',
    );
    process.exit(2);
  }
  return binary;
}

/** 10,000 distinct POST /messages requests, each answering its own inbound message. */
function writeRequests(): string {
  const file = join(WORK, 'requests.bin');
  const parts: Buffer[] = [];
  for (let seq = 0; seq < 10_000; seq++) {
    const body = JSON.stringify({
      messaging_product: 'whatsapp',
      to: '15550001111',
      type: 'text',
      text: { body: 'Thanks, we got your message.' },
      context: { message_id: encodeWamid({ runId: 'b0b0b0b0b0b0', seq, part: 0, sentAtMs: Date.now() }) },
    });
    const request = Buffer.from(
      `POST /v21.0/1234/messages HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer bench\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    const length = Buffer.alloc(4);
    length.writeUInt32LE(request.length);
    parts.push(length, request);
  }
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

function load(binary: string, requests: string, port: string, rate: number, seconds: number): LoadResult {
  const out = execFileSync(binary, ['127.0.0.1', port, requests, String(rate), String(seconds), String(CONNECTIONS)], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as LoadResult;
}

type Mode = 'bare' | 'bare-router' | 'mock';

async function startServer(mode: Mode): Promise<{ child: ChildProcess; port: string; stderr: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/mock-bench-server.ts', mode], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const line = await new Promise<string>((done) => createInterface({ input: child.stdout! }).once('line', done));
  return { child, port: new URL((JSON.parse(line) as { url: string }).url).port, stderr };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((done) => setTimeout(done, 3000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function benchmark(binary: string, requests: string, mode: Mode) {
  const { child, port, stderr } = await startServer(mode);
  try {
    const warm = load(binary, requests, port, 0, 2); // warm-up: JIT, connections
    const max = load(binary, requests, port, 0, SECONDS);
    const runs = [0, 1, 2].map(() => load(binary, requests, port, RATE, SECONDS));
    const sorted = [...runs].sort((a, b) => a.p99Ms - b.p99Ms);
    const sent = warm.completed + max.completed + runs.reduce((sum, r) => sum + r.completed, 0);
    const failures = [max, ...runs].reduce((sum, r) => sum + r.non2xx + r.errors, 0);
    return { max, atRate: sorted[1]!, p99s: runs.map((r) => r.p99Ms), failures, sent, child, stderr };
  } finally {
    await stopServer(child);
  }
}

mkdirSync(WORK, { recursive: true });
const binary = buildLoadGenerator();
const requests = writeRequests();
const results = {
  bare: await benchmark(binary, requests, 'bare'),
  'bare-router': await benchmark(binary, requests, 'bare-router'),
  mock: await benchmark(binary, requests, 'mock'),
};
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: n < 100 ? 2 : 0 });
const names: Record<Mode, string> = {
  bare: 'bare Express app route',
  'bare-router': 'bare express.Router route (dispatched like the mock)',
  mock: 'mock POST /messages',
};
console.log(
  `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${SECONDS} s per measurement, ${CONNECTIONS} connections, C load generator`,
);
console.log(
  `| server | max req/s | p50 @ ${RATE}/s (ms) | p99 @ ${RATE}/s (ms), median of 3 | p99 of each run | p99.9 (ms) | non-2xx or unanswered |`,
);
console.log('|---|---|---|---|---|---|---|');
for (const mode of ['bare', 'bare-router', 'mock'] as const) {
  const r = results[mode];
  console.log(
    `| ${names[mode]} | ${fmt(r.max.achievedPerS)} | ${fmt(r.atRate.p50Ms)} | ${fmt(r.atRate.p99Ms)} | ${r.p99s.map(fmt).join(' / ')} | ${fmt(r.atRate.p999Ms)} | ${r.failures} |`,
  );
}
// The mock prints what its ledger committed on shutdown: proof that every answered request was recorded.
const ledger = JSON.parse(results.mock.stderr.find((l) => l.startsWith('{')) ?? '{}') as {
  committed?: Record<string, number>;
};
const committed = Object.values(ledger.committed ?? {}).reduce((sum, n) => sum + n, 0);
console.log(
  `mock ledger: ${fmt(committed)} sends committed for ${fmt(results.mock.sent)} answered requests (warm-up included)`,
);
const ratioApp = results.mock.max.achievedPerS / results.bare.max.achievedPerS;
const ratioRouter = results.mock.max.achievedPerS / results['bare-router'].max.achievedPerS;
console.log(`ratio mock / bare Express app route (max req/s): ${ratioApp.toFixed(2)}`);
console.log(`ratio mock / bare express.Router route (max req/s): ${ratioRouter.toFixed(2)}`);
const failures = results.mock.failures;
const pass =
  committed === results.mock.sent &&
  results.mock.max.achievedPerS >= 10_000 &&
  results.mock.atRate.p99Ms < 10 &&
  ratioApp >= 0.6 &&
  failures === 0;
console.log(
  `goals (≥ 10,000 req/s, p99 < 10 ms at 5,000 req/s, ratio ≥ 0.6, no failures, every answer in the ledger): ${pass ? 'met' : 'NOT met'}`,
);
process.exitCode = pass ? 0 : 1;
