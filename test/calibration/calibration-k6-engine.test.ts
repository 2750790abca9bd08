import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecordSchema } from '../../common/contracts/run-record.ts';
import { FAST_CHAOS, FAST_CONFIG } from '../helpers/calibration-matrix.ts';
import { FAKE_K6, onlyRunFolder, runLoadtest, type LoadtestResult } from '../helpers/run-loadtest.ts';

/**
 * Runs in the calibration pass (vitest.calibration.config.ts: alone, after the main suite), as
 * the fake k6 is heavy. `npm run loadtest -- --engine k6` end to end with the fake k6 binary on PATH
 * (scenarios/test-support/fake-k6: VUs as worker threads, real HTTP, k6's JSON output, k6's
 * path and folder rules), against the real mock Graph API and reference connector.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'k6-engine-fake-test-secret';

type Result = Omit<LoadtestResult, 'output'>;

/** `loadtest` with the fake k6 first on PATH; SIGINT at the hard stop, so loadtest still stops its mock and connector children. */
const loadtest = (args: string[]) =>
  runLoadtest(args, { fakeK6: true, env: { WA_APP_SECRET: SECRET }, hardStopMs: 200_000, hardStopSignal: 'SIGINT' });

interface SeriesSummary {
  ledger: { faults: Record<string, number> } | null;
  replyTimeline?: { points: { count: number; p99Ms: number }[] };
  faultTimeline?: { resolutionS: number; kinds: string[]; points: { perS: Record<string, number> }[] };
}

function readSummary(dir: string): SeriesSummary & {
  gates: { id: string; verdict: string }[];
  reconciliation: { lost: number; mode: string; estimate: boolean; withReply: number } | null;
} {
  return JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
}

function fakeK6(args: string[], env: Record<string, string>, cwd: string): Promise<Result> {
  return new Promise((done) => {
    const child = spawn(join(FAKE_K6, 'k6'), args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('the README recipes for k6 archive and k6 inspect (fake k6)', () => {
  it('pack and inspect without the app secret, and never write it into archive.tar', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wa-k6-archive-'));
    const shell = { WA_APP_SECRET: SECRET };
    const archive = await fakeK6(
      ['archive', '-e', 'WA_RATE=7', '-O', join(cwd, 'archive.tar'), join(ROOT, 'scenarios/smoke.ts')],
      shell,
      cwd,
    );
    expect(archive.code, archive.stderr).toBe(0);
    const bytes = readFileSync(join(cwd, 'archive.tar'), 'latin1');
    expect(bytes).toContain('"WA_RATE": "7"');
    expect(bytes).not.toContain(SECRET);
    const inspect = await fakeK6(['inspect', join(cwd, 'archive.tar')], shell, cwd);
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(JSON.parse(inspect.stdout)).toMatchObject({ scenarios: { smoke: { rate: 7 } } });
    const inspectScript = await fakeK6(['inspect', join(ROOT, 'scenarios/load.ts')], {}, cwd);
    expect(inspectScript.code, inspectScript.stderr).toBe(0);
  }, 120_000);
});

describe('the fake k6 VU pool', () => {
  it('drops an arrival that finds no free VU while it starts another one (dropped_iterations), as k6 does', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.end('ok'), 400));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const cwd = mkdtempSync(join(tmpdir(), 'wa-k6-vus-'));
    try {
      const run = await fakeK6(
        [
          'run',
          '--quiet',
          '-e',
          `WA_TARGET_URL=http://127.0.0.1:${port}`,
          '-e',
          'WA_RATE=10',
          '-e',
          'WA_DURATION=2',
          '-e',
          'WA_VUS=1',
          '-e',
          'WA_OUT=record.json',
          join(ROOT, 'scenarios/smoke.ts'),
        ],
        { WA_APP_SECRET: SECRET, PWD: cwd },
        cwd,
      );
      expect(run.code, run.stderr).toBe(0);
      const record = runRecordSchema.parse(JSON.parse(readFileSync(join(cwd, 'record.json'), 'utf8')));
      expect(record.counters.dropped).toBeGreaterThan(0);
      expect(record.counters.deliveries + record.counters.dropped).toBeGreaterThanOrEqual(19);
    } finally {
      server.close();
    }
  }, 120_000);
});

describe('loadtest --engine k6 (fake k6 on PATH)', () => {
  it('runs with a relative --out (as the default reports/runs), prints progress and writes the exact record', async () => {
    const relOut = `reports/runs/k6-fake-test-${process.pid}-${Date.now()}`;
    const result = await loadtest(['--scenario', 'smoke', '--duration', '3', '--engine', 'k6', '--out', relOut]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/PASS\s+smoke\s+run [0-9a-f]{12}\s+k6 v1\.3\.0/);
    expect(result.stdout).not.toMatch(/k6 k6/);
    expect(result.stderr).toMatch(/\[\s*\d+s\/3s\] rate/);
    // smoke: 5/s × 50 ms mean ack × 2 + 10 VUs for deliveries (Little's law); no late copies, so none added.
    expect(result.stderr).toContain('loadtest: k6 VU pool: preAllocatedVUs 11, maxVUs 2000 (maxInFlight)');
    const dir = onlyRunFolder(join(ROOT, relOut));
    const record = runRecordSchema.parse(JSON.parse(readFileSync(join(dir, 'run-record.json'), 'utf8')));
    expect(record.engine).toEqual({
      name: 'k6',
      version: 'v1.3.0',
      vus: { preAllocatedVUs: 11, maxVUs: 2000, deliveryVUs: 11, maxInFlight: 2000, lateCopyVUs: 0 },
    });
    expect(record.acked.mode).toBe('bitset');
    expect(record.timeline.length).toBeGreaterThanOrEqual(3);
    expect(record.timeline.every((p) => p.targetRate > 0)).toBe(true);
    expect(record.timeline.reduce((a, p) => a + p.sent, 0)).toBe(record.counters.sent);
    expect(record.latency.ack.buckets.length).toBeGreaterThan(0);
    expect(record.counters.deliveries).toBeGreaterThanOrEqual(14);
    expect(existsSync(join(dir, 'k6-samples.json'))).toBe(false);
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), 'utf8')).not.toContain(SECRET);
    rmSync(join(ROOT, relOut), { recursive: true, force: true });
  }, 220_000);

  // Each case seeds a defect the Node engine's exact count catches; k6's count must catch it too.
  // calibration/fast-chaos.json has 50 % 503 while unavailable: at 20 % a run of either engine may see no reply hit.
  const cases: [string, string[]][] = [
    [
      'no-retry under the calibration chaos',
      ['--scenario', 'calibration', '--config', FAST_CONFIG, '--chaos', FAST_CHAOS, '--defect', 'no-retry'],
    ],
    [
      'no-retry with batchSize 5',
      ['--scenario', 'calibration', '--config', 'BATCH5', '--chaos', FAST_CHAOS, '--defect', 'no-retry'],
    ],
  ];
  it.each(cases)(
    'fails lost on k6 as on node: %s',
    async (_name, args) => {
      const work = mkdtempSync(join(tmpdir(), 'wa-k6-lost-'));
      const batch5 = join(work, 'batch5.json');
      const fast = JSON.parse(readFileSync(FAST_CONFIG, 'utf8'));
      writeFileSync(batch5, JSON.stringify({ ...fast, delivery: { ...fast.delivery, batchSize: 5 } }));
      const withConfig = args.map((a) => (a === 'BATCH5' ? batch5 : a));
      const [node, k6] = (await Promise.all(
        (['node', 'k6'] as const).map(async (engine) => {
          const out = join(work, engine);
          const result = await loadtest([...withConfig, '--engine', engine, '--out', out]);
          return { result, summary: readSummary(onlyRunFolder(out)) };
        }),
      )) as [
        { result: LoadtestResult; summary: ReturnType<typeof readSummary> },
        { result: LoadtestResult; summary: ReturnType<typeof readSummary> },
      ];
      expect(node.summary.reconciliation?.lost, node.result.stderr).toBeGreaterThan(0);
      expect(node.summary.gates.find((g) => g.id === 'lost')?.verdict).toBe('fail');
      // On a machine too busy for the fake k6 (a worker thread per VU), most arrivals are dropped and
      // too few messages are acked to lose any: say so instead of a misleading lost verdict.
      const k6Record = JSON.parse(readFileSync(join(onlyRunFolder(join(work, 'k6')), 'run-record.json'), 'utf8')) as {
        counters: { deliveries: number; dropped: number };
      };
      expect(
        k6Record.counters.dropped,
        'the fake k6 dropped most arrivals: machine too busy, rerun this file alone',
      ).toBeLessThan(k6Record.counters.deliveries * 0.1 + 5);
      expect(k6.summary.reconciliation).toMatchObject({ mode: 'bitset', estimate: false });
      expect(k6.summary.reconciliation?.lost, k6.result.stderr).toBeGreaterThan(0);
      expect(k6.summary.gates.find((g) => g.id === 'lost')?.verdict).toBe('fail');
      expect(k6.result.code).toBe(99);
      // The report's webhook→reply and faults charts have data on both engines: every first reply
      // filed under a send second of the run, every fault the mock counted under a second.
      for (const { summary } of [node, k6]) {
        const replies = summary.replyTimeline?.points.reduce((n, p) => n + p.count, 0);
        expect(replies).toBeGreaterThanOrEqual(summary.reconciliation!.withReply);
        expect(summary.replyTimeline?.points.some((p) => p.p99Ms > 0)).toBe(true);
        const faults = summary.faultTimeline!;
        const charted = faults.points.reduce(
          (n, p) => n + Object.values(p.perS).reduce((a, b) => a + b, 0) * faults.resolutionS,
          0,
        );
        expect(charted).toBeCloseTo(
          Object.values(summary.ledger!.faults).reduce((a, b) => a + b, 0),
          0,
        );
        expect(faults.kinds).toContain('server-error');
      }
    },
    220_000,
  );
});
