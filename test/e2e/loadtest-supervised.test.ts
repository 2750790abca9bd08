import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLoadtest } from '../helpers/run-loadtest.ts';

const root = resolve(import.meta.dirname, '../..');

/** `loadtest` from the repo root, SIGKILLed after 90 s. */
const runLoadtestCli = (args: string[]) => runLoadtest(args, { hardStopMs: 90_000, hardStopSignal: 'SIGKILL' });

describe('loadtest --target-cmd', () => {
  it('runs the reference connector as two supervised replicas through a drain drill and reports it everywhere', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wa-supervised-'));
    const result = await runLoadtestCli([
      '--scenario',
      'calibration',
      '--config',
      join(root, 'scripts/calibrate/drain.json'),
      '--chaos',
      'none',
      '--engine',
      'node',
      '--duration',
      '6',
      '--target-cmd',
      'node --import tsx scripts/connector.ts',
      '--replicas',
      '2',
      '--drill',
      'drain@3s',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stderr).toContain('drill: SIGTERM to instance 0');
    const [runId] = readdirSync(out);
    const dir = join(out, runId as string);
    expect(readdirSync(dir)).toEqual(
      expect.arrayContaining(['target-0.log', 'target-1.log', 'target-2.log', 'report.md', 'junit.xml', 'report.html']),
    );
    for (const gate of ['peak-rss', 'health', 'log-hygiene', 'drain-unprocessed', 'drain-time']) {
      expect(result.stdout).toMatch(new RegExp(`${gate}\\s+pass`));
      expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain(gate);
    }
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('## Supervised target');
    expect(md).toMatch(/CPU: mean/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('id="chart-target-resources"');
    const record = readFileSync(join(dir, 'run-record.json'), 'utf8');
    expect(record).toContain('"supervised"');
    expect(record).not.toContain('wa-loadtest-app-secret');
  }, 120_000);

  it('exits 2 with the fix when --drill is combined with a target URL', async () => {
    const result = await runLoadtestCli(['--target', 'http://127.0.0.1:9', '--drill', 'drain@3s']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Could not use --replicas\/--drill with a --target URL.*--target-cmd/);
  });
});
