import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/loadtest.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('loadtest refuses what cannot work before anything starts', () => {
  it('refuses an unwritable --out with exit 2, one line and no stack trace, before starting the mock', () => {
    const base = mkdtempSync(join(tmpdir(), 'wa-preflight-'));
    writeFileSync(join(base, 'taken'), 'a file, not a folder');
    const result = run(['--scenario', 'smoke', '--duration', '2', '--engine', 'node', '--out', join(base, 'taken')]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^loadtest: Could not write run folders under --out .*taken: (a file is in the way|it is not a folder)\. Pick a folder/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at |internal error|mock Graph API at/);
  }, 150_000);

  it('refuses an unknown --defect pointing at the connector help, and --defect or --redis-url with an external target', () => {
    const unknown = run(['--defect', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Could not use --defect "nope": no such defect');
    expect(unknown.stderr).toContain('npm run connector -- --help');
    expect(unknown.stderr).not.toContain('mock Graph API at');
    const external = run(['--target', 'http://127.0.0.1:9', '--defect', 'slow-ack']);
    expect(external.status).toBe(2);
    expect(external.stderr).toContain('Could not use --defect with --target http://127.0.0.1:9');
    const redis = run(['--target', 'http://127.0.0.1:9', '--redis-url', 'redis://127.0.0.1:6379']);
    expect(redis.status).toBe(2);
    expect(redis.stderr).toContain('Could not use --redis-url with --target');
  }, 150_000);

  it('reads --rate -5 as a value and says it is out of range in one line', () => {
    const result = run(['--rate', '-5']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'loadtest: Could not read --rate "-5": out of range, it must be a number above 0. Pass e.g. --rate 50.',
    );
    expect(result.stderr).not.toMatch(/\.\./);
  }, 150_000);

  it('lists scenario, preset and chaos profile names in --help', () => {
    const result = run(['--help']);
    expect(result.stdout).toMatch(/Scenarios \(--scenario\): .*demo.*smoke/);
    expect(result.stdout).toMatch(/Presets \(--preset\): .*voice-bridge/);
    expect(result.stdout).toMatch(/Chaos profiles \(--chaos\): .*\bmild\b/);
    expect(result.stdout).toMatch(/Chaos profiles \(--chaos\): .*rate-limit-storm/);
  }, 150_000);

  it('leaves no run folder when the target cannot be reached', () => {
    const out = mkdtempSync(join(tmpdir(), 'wa-preflight-out-'));
    const result = run(['--target', 'http://127.0.0.1:9', '--engine', 'node', '--out', out, '--duration', '2']);
    expect(result.status).toBe(3);
    expect(readdirSync(out)).toEqual([]);
  }, 150_000);
});
