import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LedgerStats } from '../../common/contracts/ledger-stats.ts';
import type { RunRecord } from '../../common/contracts/run-record.ts';
import { summarySchema } from '../../reports/index.ts';
import { buildHistogram, buildLedgerStats, buildRunRecord, EMPTY_HISTOGRAM } from '../helpers/reports/test-builders.ts';

const root = mkdtempSync(join(tmpdir(), 'report-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
function writeRunFolder(
  files: { records?: RunRecord[]; ledgers?: LedgerStats[]; scenario?: unknown; extra?: Record<string, string> } = {},
): string {
  const dir = join(root, `run-${folders++}`);
  mkdirSync(dir);
  const records = files.records ?? [buildRunRecord()];
  records.forEach((r, i) =>
    writeFileSync(join(dir, i ? `run-record-${i}.json` : 'run-record.json'), JSON.stringify(r)),
  );
  (files.ledgers ?? [buildLedgerStats()]).forEach((l, i) =>
    writeFileSync(join(dir, i ? `ledger-stats-${i}.json` : 'ledger-stats.json'), JSON.stringify(l)),
  );
  writeFileSync(
    join(dir, 'scenario.json'),
    JSON.stringify(files.scenario ?? { name: 'smoke', target: { appSecret: '[redacted]' }, gates: {} }),
  );
  for (const [name, text] of Object.entries(files.extra ?? {})) writeFileSync(join(dir, name), text);
  return dir;
}

function runReport(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/report.ts', ...args],
      {
        cwd: join(import.meta.dirname, '../..'),
        env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env },
        timeout: 20_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run report', () => {
  it('re-renders a passing run, writes every artefact and exits 0', async () => {
    const dir = writeRunFolder();
    const stepSummary = join(root, 'step-summary.md');
    writeFileSync(stepSummary, '# earlier step\n');
    const { code, stdout, stderr } = await runReport([dir], { GITHUB_STEP_SUMMARY: stepSummary });
    expect(stderr).toContain('report: wrote');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS {2}smoke/);
    expect(stdout).not.toMatch(/\x1b\[/);
    for (const f of ['summary.json', 'report.md', 'junit.xml', 'report.html'])
      expect(existsSync(join(dir, f)), f).toBe(true);
    expect(summarySchema.parse(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).verdict).toBe('pass');
    expect(readFileSync(stepSummary, 'utf8')).toMatch(/^# earlier step\n# ✅ Load test PASS/);
  });

  it('exits 99 with a JUnit failure when a gate fails, merging replicas and instances', async () => {
    const half = (from: number) =>
      buildLedgerStats({
        answered: 0,
        messages: Array.from({ length: 500 }, (_, i) => ({ seq: from + i, replies: from + i === 700 ? 0 : 1 })),
      });
    const dir = writeRunFolder({ records: [buildRunRecord(), buildRunRecord()], ledgers: [half(0), half(500)] });
    const { code, stdout } = await runReport([dir, '--out', join(dir, 'out')]);
    expect(code).toBe(99);
    expect(stdout).toMatch(/lost +FAIL +1/);
    expect(readFileSync(join(dir, 'out', 'junit.xml'), 'utf8')).toContain(
      '<failure message="Lost messages 1 does not meet ≤ 0" type="GateFailed">',
    );
  });

  it('reads dedupe overhead from the /metrics scrapes when Server-Timing is absent', async () => {
    const prom = (n: number) =>
      `# TYPE dedupe_seconds histogram\ndedupe_seconds_bucket{le="0.01"} ${n}\ndedupe_seconds_bucket{le="+Inf"} ${n}\n`;
    const dir = writeRunFolder({
      records: [buildRunRecord({ dedupe: EMPTY_HISTOGRAM })],
      scenario: { name: 'smoke', gates: { dedupeMetric: 'dedupe_seconds' } },
      extra: { 'metrics-before.prom': prom(10), 'metrics-after.prom': prom(1010) },
    });
    const { code } = await runReport([dir]);
    const summary = summarySchema.parse(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));
    expect(summary.gates.find((g) => g.id === 'dedupe-p99')).toMatchObject({ source: 'prometheus', verdict: 'pass' });
    expect(code).toBe(0);
  });

  it('renders an aborted run with incomplete gates and exits 3', async () => {
    const dir = writeRunFolder({ records: [buildRunRecord({ status: 'aborted', abortReason: 'target unreachable' })] });
    const { code, stdout } = await runReport([dir, '--no-color']);
    expect(code).toBe(3);
    expect(stdout).toContain('ABORTED: target unreachable');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('Run aborted: target unreachable');
  });

  it('fails on a baseline regression beyond the tolerance and passes within a wider one', async () => {
    const baseDir = writeRunFolder({ records: [buildRunRecord({ ack: buildHistogram([[100, 1000]]) })] });
    expect((await runReport([baseDir])).code).toBe(0);
    const dir = writeRunFolder({ records: [buildRunRecord({ ack: buildHistogram([[140, 1000]]) })] });
    const strict = await runReport([dir, '--baseline', join(baseDir, 'summary.json')]);
    expect(strict.code).toBe(99);
    expect(strict.stdout).toMatch(/Webhook ack p99: 100 ms → 140 ms \(\+40\.0 %\) regressed/);
    expect((await runReport([dir, '--baseline', join(baseDir, 'summary.json'), '--tolerance-p99', '50'])).code).toBe(0);
  });

  describe('bad input exits 2 with a clear message and no stack trace', () => {
    const cases: [string, () => string[], RegExp][] = [
      ['a missing folder', () => [join(root, 'nope')], /Could not load run folder .*nope: no such directory/],
      ['a folder without a run record', () => [mkdtempSync(join(root, 'empty-'))], /it has no run-record.json/],
      [
        'a corrupt run record',
        () => [writeRunFolder({ extra: { 'run-record.json': '{"schemaVersion": 1,' } })],
        /Invalid run record in .*run-record.json: not valid JSON/,
      ],
      [
        'a run record of another schema version',
        () => [writeRunFolder({ records: [{ ...buildRunRecord(), schemaVersion: 2 } as unknown as RunRecord] })],
        /schema version 2 is not supported \(this reporter reads version 1\)/,
      ],
      [
        'a ledger that does not match its schema',
        () => [writeRunFolder({ ledgers: [{ ...buildLedgerStats(), replicas: 0 }] })],
        /Invalid ledger stats in .*ledger-stats.json:\n {2}\.replicas:/,
      ],
      [
        'a baseline from another scenario',
        () => {
          const base = writeRunFolder({ records: [buildRunRecord({ scenario: 'soak' })] });
          writeFileSync(
            join(base, 'summary.json'),
            JSON.stringify({
              ...JSON.parse(readFileSync(join(root, 'run-0', 'summary.json'), 'utf8')),
              scenario: 'soak',
            }),
          );
          return [writeRunFolder(), '--baseline', join(base, 'summary.json')];
        },
        /Could not compare with the baseline: it comes from scenario "soak", this run from "smoke"/,
      ],
      ['a bad tolerance', () => [writeRunFolder(), '--tolerance-p99', 'lots'], /Could not read --tolerance-p99 "lots"/],
    ];
    it.each(cases)('%s', async (_, args, message) => {
      const { code, stderr } = await runReport(args());
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/^report: /);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(code).toBe(2);
    });
  });
});
