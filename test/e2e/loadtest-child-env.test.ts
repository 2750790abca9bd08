import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildChildEnv } from '../../common/node/index.ts';
import { startService } from '../../scripts/loadtest/index.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const hostileShell = {
  ...process.env,
  REDIS_URL: 'redis://127.0.0.1:1',
  WA_DEFECT: 'not-a-defect',
  WA_SEED: 'not-a-number',
  WA_TARGET_URL: 'http://10.0.0.5:3000',
  WA_RATE: '200',
  GRAPH_BASE_URL: 'http://10.0.0.6',
};

describe('child process environments', () => {
  it('keep platform variables and the given values, and drop everything else of the parent', () => {
    const env = buildChildEnv(
      { PATH: '/bin', HOME: '/h', REDIS_URL: 'redis://x', WA_SEED: '3', K6_OUT: 'json', K6_VUS: '9' },
      { WA_APP_SECRET: 's', SKIP: undefined },
      { passPrefixes: ['K6_OUT'] },
    );
    expect(env).toEqual({ PATH: '/bin', HOME: '/h', K6_OUT: 'json', WA_APP_SECRET: 's' });
  });

  it('start a service without the shell: an inherited REDIS_URL, WA_DEFECT or WA_SEED never reaches it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'child-env-')), 'env.json');
    const service = await startService({
      name: 'echo',
      script: join(repo, 'test/helpers/env-echo-service.ts'),
      args: [out],
      env: { WA_APP_SECRET: 'from-config' },
      parentEnv: hostileShell,
    });
    await service.stop(2000);
    const env = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;
    expect(env).toMatchObject({ WA_APP_SECRET: 'from-config', PATH: process.env.PATH });
    for (const name of ['REDIS_URL', 'WA_DEFECT', 'WA_SEED', 'WA_TARGET_URL', 'WA_RATE', 'GRAPH_BASE_URL'])
      expect(env[name], name).toBeUndefined();
  });

  it('start the reference connector in memory with its defaults although the shell names a Redis, a defect and a seed', async () => {
    // Inherited, REDIS_URL would point it at a closed port and WA_DEFECT/WA_SEED would fail its config: it would not start.
    const connector = await startService({
      name: 'reference connector',
      script: join(repo, 'scripts/connector.ts'),
      args: ['--port', '0', '--graph-base-url', 'http://127.0.0.1:9'],
      env: { WA_APP_SECRET: 'app-secret-1', WA_VERIFY_TOKEN: 'verify-1', WA_ACCESS_TOKEN: 'token-1' },
      parentEnv: hostileShell,
      readyTimeoutMs: 20_000,
    });
    try {
      expect(connector.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await connector.stop(5000);
    }
  });

  it('load the builtin target at the --rate given although the shell sets WA_TARGET_URL and WA_RATE (flags beat the environment)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'child-env-run-'));
    const args = [
      '--import',
      'tsx',
      join(repo, 'scripts/loadtest.ts'),
      '--scenario',
      'smoke',
      '--target',
      'builtin',
      '--engine',
      'node',
      '--rate',
      '5',
      '--duration',
      '4',
      '--out',
      out,
    ];
    const { stderr } = await promisify(execFile)(process.execPath, args, {
      cwd: repo,
      env: { ...hostileShell, WA_APP_SECRET: 'child-env-secret' },
      timeout: 60_000,
    });
    const [runId] = readdirSync(out);
    const record = JSON.parse(readFileSync(join(out, runId as string, 'run-record.json'), 'utf8')) as {
      counters: { deliveries: number; status2xx: number };
    };
    // 5/s for 4 s = 20 deliveries (WA_RATE=200 would send 800; the 10.0.0.5 target would fail every one).
    expect(record.counters.deliveries, stderr).toBeGreaterThanOrEqual(18);
    expect(record.counters.deliveries).toBeLessThanOrEqual(22);
    expect(record.counters.status2xx).toBeGreaterThanOrEqual(record.counters.deliveries);
    expect(stderr).toMatch(/reference connector at http:\/\/127\.0\.0\.1:/);
  }, 70_000);
});
