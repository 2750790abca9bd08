import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InfraError } from '../../common/node/index.ts';
import { startTargetPool, targetCommandSchema, type TargetPool } from '../../targets/supervisor/index.ts';

const script = resolve(import.meta.dirname, '../helpers/tiny-target.mjs');
const values = {
  host: '127.0.0.1',
  appSecret: 'app-s3cret-xyz',
  verifyToken: 'verify-t0ken',
  accessToken: 'access-t0ken',
  graphBaseUrl: 'http://127.0.0.1:9',
};
const pools: TargetPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function start(extra: Record<string, unknown> = {}, replicas = 1) {
  const runDir = mkdtempSync(join(tmpdir(), 'wa-supervisor-'));
  const pool = await startTargetPool({
    command: targetCommandSchema.parse({
      command: `exec "${process.execPath}" "${script}"`,
      drainTimeoutS: 5,
      startTimeoutS: 10,
      ...extra,
    }),
    replicas,
    runId: 'a1b2c3d4e5f6',
    runDir,
    values,
    parentEnv: { PATH: process.env.PATH, HOME: '/nowhere', SECRET_FROM_SHELL: 'leak' },
    healthTimeoutMs: 5000,
    log: () => {},
  });
  pools.push(pool);
  return { pool, runDir };
}

describe('supervised target', () => {
  it('starts replicas with the contract environment only and balances round-robin without following redirects', async () => {
    const { pool } = await start({}, 2);
    const who = await Promise.all(
      [1, 2, 3, 4].map(
        async () => (await (await fetch(pool.url + '/whoami')).json()) as { port: string; envKeys: string[] },
      ),
    );
    expect(new Set(who.map((w) => w.port)).size).toBe(2);
    // PWD is set by /bin/sh itself; SECRET_FROM_SHELL and the test runner's variables never arrive.
    expect(who[0]?.envKeys).toEqual([
      'GRAPH_BASE_URL',
      'HOME',
      'HOST',
      'PATH',
      'PORT',
      'PWD',
      'WHATSAPP_ACCESS_TOKEN',
      'WHATSAPP_APP_SECRET',
      'WHATSAPP_VERIFY_TOKEN',
    ]);
    const redirect = await fetch(pool.url + '/redirect', { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('http://example.com/');
  });

  it('fails with exit code 3 and the last log lines when the target never becomes healthy', async () => {
    const error = await start({ env: { FAIL_AT_START: '1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfraError);
    expect((error as InfraError).exitCode).toBe(3);
    expect((error as Error).message).toMatch(
      /exited \(code 1\) before \/health answered[\s\S]*cannot connect to database/,
    );
    const unhealthy = await start({ env: { HEALTH_STATUS: '503' }, startTimeoutS: 1 }).catch((e: unknown) => e);
    expect((unhealthy as Error).message).toMatch(/never answered 2xx within 1 s \(last: HTTP 503\)/);
  });

  it('waits for the command under a shell that does not exec it to drain, instead of killing it when the shell dies', async () => {
    // `; true` keeps /bin/sh as the parent, as dash does for any compound command line.
    const { pool, runDir } = await start({
      command: `"${process.execPath}" "${script}"; true`,
      env: { DRAIN_MS: '400' },
    });
    const plan = { kind: 'drain' as const, atS: 0.2 };
    await pool.prepareDrills([plan]);
    pool.startMonitoring(Date.now());
    pool.scheduleDrill(plan);
    await new Promise((r) => setTimeout(r, 1500));
    const sup = await pool.finish();
    expect(sup.drills[0]?.exitMs).toBeGreaterThanOrEqual(400);
    expect(sup.drills[0]?.killedAfterTimeout).toBe(false);
    expect(readFileSync(join(runDir, 'target.log'), 'utf8')).toContain('drained');
  });

  it('aborts the run when an instance dies on its own and reports the death', async () => {
    const { pool } = await start();
    pool.startMonitoring(Date.now());
    await fetch(pool.url + '/crash');
    await new Promise<void>((r) => pool.died.addEventListener('abort', () => r(), { once: true }));
    expect(String((pool.died.reason as Error).message)).toMatch(
      /supervised target instance 0 died \d+ s into the run \(exit code 7\)/,
    );
    const sup = await pool.finish();
    expect(sup.deaths).toMatchObject([{ instance: 0, exit: 'code 7' }]);
  });

  it('drains on schedule: the standby takes traffic, the old instance gets SIGTERM, logs are scanned for the secret', async () => {
    const { pool, runDir } = await start();
    const plan = { kind: 'drain' as const, atS: 0.5 };
    await pool.prepareDrills([plan]);
    pool.startMonitoring(Date.now());
    pool.scheduleDrill(plan);
    await fetch(pool.url + '/webhook', { method: 'POST', body: '{"entry":[]}' });
    await new Promise((r) => setTimeout(r, 2500));
    const after = (await (await fetch(pool.url + '/whoami')).json()) as { port: string };
    const sup = await pool.finish();
    expect(sup.drills).toMatchObject([
      { kind: 'drain', instance: 0, replacement: 1, signal: 'SIGTERM', exit: 'code 0', killedAfterTimeout: false },
    ]);
    expect(String(sup.instances.find((i) => i.instance === 1)?.port)).toBe(after.port);
    expect(readFileSync(join(runDir, 'target.log'), 'utf8')).toContain('draining');
    expect(sup.logs.byKind['secret:app-secret']).toBe(1);
    expect(sup.logs.examples[0]?.redacted).toContain('[secret:app-secret]');
    expect(sup.resources.samples.length).toBeGreaterThan(0);
    expect(sup.health.probes.every((p) => p.status === 200)).toBe(true);
  });
});
