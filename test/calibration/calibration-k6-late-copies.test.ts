import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runRecordSchema, type ScenarioInput } from '../../common/contracts/index.ts';
import { buildK6Command } from '../../scenarios/engines/index.ts';
import { applyScenarioDefaults } from '../../scenarios/model/index.ts';

/**
 * The fake k6 binary (scenarios/test-support/fake-k6: a worker thread per VU, real HTTP, k6's
 * arrival-rate executors) with late copies: in k6 an iteration ends when its event loop is empty,
 * so an iteration waiting for its late copies holds its VU. The VU pool must count those, or k6
 * drops arrivals on a correct connector. Calibration pass: the fake k6 is heavy.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const FAKE_K6 = join(ROOT, 'test/doubles/fake-k6/k6');
const SECRET = 'k6-late-copies-test-secret';

interface Result {
  code: number | null;
  stderr: string;
}

function fakeK6(args: string[], env: Record<string, string>, cwd: string): Promise<Result> {
  return new Promise((done) => {
    const child = spawn(FAKE_K6, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const hardStop = setTimeout(() => child.kill('SIGINT'), 120_000);
    child.on('exit', (code) => {
      clearTimeout(hardStop);
      done({ code, stderr });
    });
  });
}

let sink: Server | undefined;
afterEach(() => {
  sink?.close();
  sink = undefined;
});

/** A correct, fast connector: acknowledges every signed delivery at once, rejects the rest with 401. */
async function startSink(): Promise<string> {
  sink = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const signed =
        req.headers['x-hub-signature-256'] ===
        `sha256=${createHmac('sha256', SECRET).update(Buffer.concat(chunks)).digest('hex')}`;
      res.writeHead(signed ? 200 : 401).end(signed ? 'ok' : 'bad signature');
    });
  });
  await new Promise<void>((r) => sink!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(sink.address() as { port: number }).port}`;
}

/** dropped_iterations samples in k6's JSON output. */
function droppedIn(samplesFile: string): number {
  return readFileSync(samplesFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"metric":"dropped_iterations"') && line.includes('"type":"Point"')).length;
}

describe('late copies under the fake k6', () => {
  it('keep a VU busy while a k6/timers timer is pending, after the default function returned, as k6 does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-k6-timers-'));
    const script = join(dir, 'pending-timer.ts');
    writeFileSync(
      script,
      `import { setTimeout } from 'k6/timers';
export const options = { scenarios: { s: { executor: 'constant-arrival-rate', rate: 10, timeUnit: '1s', duration: '1s', preAllocatedVUs: 1, maxVUs: 1, gracefulStop: '2s' } } };
export default function () { setTimeout(() => {}, 450); }
`,
    );
    const samples = join(dir, 'samples.json');
    const run = await fakeK6(
      ['run', '--quiet', '--out', `json=${samples}`, script],
      { PATH: process.env.PATH ?? '' },
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    // 10 arrivals 100 ms apart, one VU busy 450 ms per iteration: about 3 run, the rest are dropped.
    expect(droppedIn(samples)).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('drop no arrival of a demo-like run whose maxInFlight fits its deliveries: the VUs late copies hold are added to the pool', async () => {
    const targetUrl = await startSink();
    const demo = JSON.parse(readFileSync(join(ROOT, 'scenarios/definitions/demo.json'), 'utf8')) as ScenarioInput;
    // demo's 5 % late copies, 10 VUs for deliveries (WA_VUS) and maxInFlight 10: plenty for 40 fast
    // deliveries/s, not for the ~12 iterations (expected) waiting for a late copy at once.
    const scenario = applyScenarioDefaults({
      ...demo,
      chaos: 'none',
      load: { profile: 'constant', rate: 40, durationS: 12 },
      maxInFlight: 10,
      target: { appSecret: SECRET },
    });
    const runDir = mkdtempSync(join(tmpdir(), 'wa-k6-late-'));
    const cmd = buildK6Command({
      scenario,
      targetUrl,
      runId: 'a1b2c3d4e5f6',
      phases: [],
      runDir,
      fixturesDir: join(ROOT, 'fixtures'),
      knownScripts: ['demo'],
      baseEnv: process.env,
    });
    writeFileSync(cmd.configPath, JSON.stringify({ ...cmd.config, preAllocatedVUs: 10 }));
    const run = await fakeK6(cmd.args, cmd.env, runDir);
    expect(run.code, run.stderr).toBe(0);
    const record = runRecordSchema.parse(JSON.parse(readFileSync(cmd.outFile, 'utf8')));
    expect(record.lateCopies?.sent, 'the run sent late copies').toBeGreaterThan(10);
    expect(droppedIn(cmd.samplesFile), `dropped_iterations with ${JSON.stringify(record.engine.vus)}`).toBe(0);
    expect(record.counters.dropped).toBe(0);
    expect(record.counters.deliveries).toBeGreaterThanOrEqual(470);
    // What the run record says about the pool: 10 for deliveries, the rest for late copies.
    expect(record.engine.vus).toMatchObject({ deliveryVUs: 10, maxInFlight: 10 });
    expect(record.engine.vus!.lateCopyVUs).toBeGreaterThan(12);
  }, 180_000);
});
