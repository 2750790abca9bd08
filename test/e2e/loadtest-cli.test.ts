import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onlyRunFolder, runLoadtest } from '../helpers/run-loadtest.ts';

const root = resolve(import.meta.dirname, '../..');

/** `loadtest` from the repo root, SIGKILLed after 60 s. */
const runCli = (args: string[], options: { interruptAfterMs?: number; env?: Record<string, string> } = {}) =>
  runLoadtest(args, { ...options, hardStopMs: 60_000, hardStopSignal: 'SIGKILL' });

describe('npm run loadtest', () => {
  it('runs a short scenario end to end, prints the verdict and writes every artefact', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wa-loadtest-cli-'));
    const result = await runCli(['--scenario', 'smoke', '--duration', '3', '--engine', 'node', '--out', out], {
      env: { WA_APP_SECRET: 'cli-test-secret-value' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/PASS\s+smoke/);
    const dir = onlyRunFolder(out);
    expect(readdirSync(dir).sort()).toEqual(
      expect.arrayContaining([
        'junit.xml',
        'ledger-stats.json',
        'report.html',
        'report.md',
        'run-record.json',
        'scenario.json',
        'summary.json',
      ]),
    );
    for (const file of readdirSync(dir))
      expect(readFileSync(join(dir, file), 'utf8')).not.toContain('cli-test-secret-value');
    expect(result.stderr + result.stdout).not.toContain('cli-test-secret-value');
  }, 70_000);

  it('stops on Ctrl-C, still writes a partial report marked aborted and exits 3', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wa-loadtest-abort-'));
    const started = Date.now();
    const result = await runCli(['--scenario', 'smoke', '--duration', '60', '--engine', 'node', '--out', out], {
      interruptAfterMs: 1500,
    });
    expect(result.code, result.stderr).toBe(3);
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(result.stderr).toContain('SIGINT: stopping the load');
    const summary = JSON.parse(readFileSync(join(onlyRunFolder(out), 'summary.json'), 'utf8')) as {
      status: string;
      gates: { verdict: string }[];
    };
    expect(summary.status).toBe('aborted');
    expect(summary.gates.every((g) => g.verdict === 'incomplete')).toBe(true);
  }, 70_000);

  it('refuses a non-loopback target unless allowlisted, before sending anything', async () => {
    const result = await runCli(['--target', 'http://192.168.1.20:3000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pass --allow-host 192.168.1.20');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains an unreachable target with exit 3 and no stack trace', async () => {
    const result = await runCli(['--target', 'http://127.0.0.1:1', '--duration', '2']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Could not reach the target at http:\/\/127\.0\.0\.1:1\/webhook/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('rejects an unknown scenario with the valid names and exit 2', async () => {
    const result = await runCli(['--scenario', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope/);
    expect(result.stderr).toMatch(/smoke/);
  });
});
