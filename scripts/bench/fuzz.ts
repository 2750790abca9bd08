/**
 * Seeded fuzzing of the mock Graph API and the reference connector, each as its own process
 * (a crash is the process exiting): ≥ 10,000 raw-socket cases per server over every documented
 * endpoint and the admin API. Run by hand: `node --import tsx scripts/bench/fuzz.ts [cases] [seed]`.
 * Figures go to BENCHMARKS.md.
 */
import { fileURLToPath } from 'node:url';
import { parseFlags, readInteger } from '../../common/node/index.ts';
import { startService, type RunningService } from '../loadtest/index.ts';
import {
  CONNECTOR_ENDPOINTS,
  MOCK_ENDPOINTS,
  runFuzz,
  type FuzzFigures,
  type FuzzTarget,
} from '../../test/helpers/fuzz.ts';
import { readBenchArgs } from './bench-args.ts';

const { CASES, SEED } = readBenchArgs('fuzz', () => {
  const { positionals } = parseFlags(
    process.argv.slice(2),
    { options: {}, allowPositionals: true },
    'Usage: node --import tsx scripts/bench/fuzz.ts [cases] [seed]',
  );
  const [cases = '10000', seed = '20261201'] = positionals;
  return {
    CASES: readInteger('cases', cases, { min: 1, example: 10_000 }),
    SEED: readInteger('seed', seed, { min: 0, example: 20_261_201 }),
  };
});
const scripts = fileURLToPath(new URL('../', import.meta.url));
const APP_SECRET = 'fuzz-app-secret';

async function fuzzService(
  name: string,
  service: RunningService,
  target: Omit<FuzzTarget, 'port'>,
  seed: number,
): Promise<FuzzFigures & { crashed: boolean; seconds: number }> {
  let crashed = false;
  service.child.once('exit', (code, signal) => (crashed = signal !== 'SIGTERM' && code !== 0));
  const started = performance.now();
  const figures = await runFuzz(
    { ...target, port: Number(new URL(service.url).port) },
    { cases: CASES, seed, concurrency: 16 },
  );
  const seconds = (performance.now() - started) / 1000;
  crashed ||= service.child.exitCode !== null;
  process.stdout.write(`${name}: ${JSON.stringify({ ...figures, crashed, seconds: Math.round(seconds * 10) / 10 })}\n`);
  return { ...figures, crashed, seconds };
}

const mock = await startService({
  name: 'mock Graph API',
  script: `${scripts}mock.ts`,
  args: ['--port', '0', '--profile', 'none'],
});
const results: Record<string, FuzzFigures & { crashed: boolean }> = {};
try {
  results.mock = await fuzzService(
    'mock',
    mock,
    {
      endpoints: MOCK_ENDPOINTS,
      headers: { authorization: 'Bearer t' },
      probe: { method: 'GET', path: '/v21.0/1', headers: { authorization: 'Bearer t' } },
    },
    SEED,
  );
  const connector = await startService({
    name: 'reference connector',
    script: `${scripts}connector.ts`,
    args: ['--port', '0', '--graph-base-url', mock.url, '--log-level', 'silent'],
    env: { WA_APP_SECRET: APP_SECRET, WA_VERIFY_TOKEN: 'fuzz-verify', WA_ACCESS_TOKEN: 'fuzz-token', REDIS_URL: '' },
  });
  try {
    results.connector = await fuzzService(
      'connector',
      connector,
      { endpoints: CONNECTOR_ENDPOINTS, appSecret: APP_SECRET, probe: { method: 'GET', path: '/health' } },
      SEED + 1,
    );
  } finally {
    await connector.stop(5000);
  }
} finally {
  await mock.stop(5000);
}
const bad = Object.values(results).some((r) => r.crashed || r.fiveXx > 0 || r.hung > 0 || !r.stillAnswering);
process.exitCode = bad ? 1 : 0;
