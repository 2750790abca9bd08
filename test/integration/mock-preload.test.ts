import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWamid } from '../../common/core/index.ts';
import { ledgerStatsSchema } from '../../common/contracts/index.ts';
import { decodeBytes } from '../../common/node/index.ts';
import { MOCK_ENDPOINTS, runFuzz } from '../helpers/fuzz.ts';
import { spawnPreloaded } from '../helpers/preload-target.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function runNode(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('preload (node --import …/preload.ts)', () => {
  it('intercepts an unmodified target fetch to graph.facebook.com and writes ledger stats on exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-preload-'));
    const target = join(dir, 'target.mjs');
    const statsFile = join(dir, 'stats.json');
    const wamid = encodeWamid({ runId: 'a1b2c3d4e5f6', seq: 3, part: 0, sentAtMs: Date.now() });
    writeFileSync(
      target,
      `const r = await fetch('https://graph.facebook.com/v21.0/42/messages', { method: 'POST',
         headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
         body: JSON.stringify({ messaging_product: 'whatsapp', to: '15550001111', type: 'text', text: { body: 'hi' }, context: { message_id: '${wamid}' } }) });
       console.log(r.status);`,
    );
    const result = await runNode(['--import', 'tsx', '--import', './mock-graph-api/preload.ts', target], {
      WA_MOCK_STATS_FILE: statsFile,
      WA_MOCK_PROFILE: 'none',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('200');
    const stats = ledgerStatsSchema.parse(JSON.parse(readFileSync(statsFile, 'utf8')));
    expect(decodeBytes(stats.runs[0]!.replies)[3]).toBe(1);
  });

  it('exits 2 with a clear message for an unknown profile', async () => {
    const result = await runNode(['--import', 'tsx', '--import', './mock-graph-api/preload.ts', '-e', '0'], {
      WA_MOCK_PROFILE: 'nope',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Could not load chaos profile "nope"/);
  });
});

/** A target that sends one threaded reply through fetch, then stays up (like a connector). */
function writeLongLivedTarget(dir: string, wamid: string): string {
  const target = join(dir, 'long-lived.mjs');
  writeFileSync(
    target,
    `const r = await fetch('https://graph.facebook.com/v21.0/42/messages', { method: 'POST',
       headers: { authorization: 'Bearer EAAG-preload-secret', 'content-type': 'application/json' },
       body: JSON.stringify({ messaging_product: 'whatsapp', to: '15550001111', type: 'text', text: { body: 'hi' }, context: { message_id: '${wamid}' } }) });
     console.error(JSON.stringify({ event: 'listening', url: 'graph-' + r.status }));
     setInterval(() => undefined, 1000);`,
  );
  return target;
}

describe('preload admin port (WA_MOCK_ADMIN_PORT)', () => {
  const secretConfig = JSON.stringify({ accessToken: 'EAAG-preload-secret' });

  it('serves reset, chaos, stats, ledger and metrics of the in-process simulator on 127.0.0.1 only, and announces the URL on stderr and in a file removed on exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-preload-admin-'));
    const urlFile = join(dir, 'admin-url');
    const wamid = encodeWamid({ runId: 'a1b2c3d4e5f6', seq: 5, part: 0, sentAtMs: Date.now() });
    const target = spawnPreloaded(writeLongLivedTarget(dir, wamid), {
      WA_MOCK_ADMIN_URL_FILE: urlFile,
      WA_MOCK_CONFIG: secretConfig,
      WA_MOCK_PROFILE: 'mild',
    });
    try {
      const url = await target.adminUrl;
      expect(new URL(url).hostname).toBe('127.0.0.1');
      expect(readFileSync(urlFile, 'utf8')).toBe(url + '\n');
      expect(await target.listening).toBe('graph-200');
      const answers: string[] = [];
      const get = async (path: string) => {
        const response = await fetch(url + path);
        const text = await response.text();
        answers.push(text);
        return { status: response.status, text };
      };
      const stats = ledgerStatsSchema.parse(JSON.parse((await get('/__admin/stats')).text));
      expect(decodeBytes(stats.runs[0]!.replies)[5]).toBe(1);
      expect(JSON.parse((await get('/__admin/ledger?delivered=a1b2c3d4e5f6:6')).text)).toMatchObject({ lost: 5 });
      expect((await get('/metrics')).text).toMatch(/wa_mock_committed_total\{type="text"\} 1/);
      expect(JSON.parse((await get('/__admin/chaos')).text)).toMatchObject({ profile: { name: 'mild' } });
      const put = await fetch(url + '/__admin/chaos', {
        method: 'PUT',
        body: JSON.stringify({ name: 'mine', phases: [{ name: 'calm' }] }),
      });
      expect([put.status, ((await put.json()) as { phase: string }).phase]).toEqual([200, 'calm']);
      expect((await fetch(url + '/__admin/reset', { method: 'POST' })).status).toBe(200);
      expect(ledgerStatsSchema.parse(JSON.parse((await get('/__admin/stats')).text)).runs).toEqual([]);
      // Bound to 127.0.0.1, not to every loopback address.
      await expect(fetch(url.replace('127.0.0.1', '127.0.0.2') + '/__admin/chaos')).rejects.toThrow();
      expect(target.output().stderr + answers.join('')).not.toContain('EAAG-preload-secret');
    } finally {
      await target.stop();
    }
    expect(existsSync(urlFile)).toBe(false);
  }, 60_000);

  it('survives hostile input on the admin port: every fuzzed request answered below 500, the target stays up and its ledger still reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-preload-fuzz-'));
    const wamid = encodeWamid({ runId: 'a1b2c3d4e5f6', seq: 1, part: 0, sentAtMs: Date.now() });
    const target = spawnPreloaded(writeLongLivedTarget(dir, wamid), {
      WA_MOCK_ADMIN_PORT: '0',
      WA_MOCK_CONFIG: secretConfig,
    });
    try {
      const url = await target.adminUrl;
      const figures = await runFuzz(
        {
          port: Number(new URL(url).port),
          endpoints: MOCK_ENDPOINTS,
          headers: { authorization: 'Bearer EAAG-preload-secret' },
          probe: { method: 'GET', path: '/__admin/chaos' },
        },
        { cases: 150, seed: 13_001 },
      );
      expect(figures.fiveXxSamples).toEqual([]);
      expect(figures).toMatchObject({ cases: 150, fiveXx: 0, hung: 0, stillAnswering: true });
      expect(target.alive()).toBe(true);
      expect(ledgerStatsSchema.safeParse(await (await fetch(url + '/__admin/stats')).json()).success).toBe(true);
    } finally {
      await target.stop();
    }
  }, 90_000);

  it('exits 2 naming WA_MOCK_ADMIN_PORT for a value that is not a port, and 3 when the port is taken', async () => {
    const bad = await runNode(['--import', 'tsx', '--import', './mock-graph-api/preload.ts', '-e', '0'], {
      WA_MOCK_ADMIN_PORT: '70000',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Could not read WA_MOCK_ADMIN_PORT "70000": it must be a port number from 0 to 65535/);
    const holder = createServer().listen(0, '127.0.0.1');
    await new Promise((done) => holder.once('listening', done));
    try {
      const port = (holder.address() as { port: number }).port;
      const taken = await runNode(['--import', 'tsx', '--import', './mock-graph-api/preload.ts', '-e', '0'], {
        WA_MOCK_ADMIN_PORT: String(port),
      });
      expect(taken.code).toBe(3);
      expect(taken.stderr).toMatch(new RegExp(`Could not start the mock's admin API on 127.0.0.1:${port}: EADDRINUSE`));
      expect(taken.stderr).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
    }
  }, 40_000);
});
