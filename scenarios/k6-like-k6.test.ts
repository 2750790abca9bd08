import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecordSchema } from '../common/contracts/index.ts';
import { testFixtures } from '../test/helpers/engine-support.ts';
import { applyScenarioDefaults } from './model/index.ts';
import { applySummaryResult, k6, openDouble, summarise, writeFixtureSet } from '../test/doubles/k6-doubles.ts';
import { loadK6Script, useK6Runtime, type K6ScriptModule } from '../test/doubles/k6-runtime.ts';

/** What real k6 does with our scripts (../../shared/K6-FACTS.md), checked through the doubles. */
const SECRET = 'k6-like-k6-secret';
const OBSERVED = resolve(import.meta.dirname, '../../shared/k6-observed');

/** One evaluation of the init context (k6: once for options, then once per VU). */
const initContext = loadK6Script;

useK6Runtime();

describe('scenario scripts under k6 semantics', () => {
  it('read and compile the fixtures once for all VUs (SharedArray), though the init context runs per VU', async () => {
    const fixturesDir = writeFixtureSet(testFixtures());
    let fixtureReads = 0;
    const countingOpen = (path: string) => {
      if (path.startsWith(fixturesDir)) fixtureReads++;
      return openDouble(path);
    };
    const vus: K6ScriptModule[] = [];
    for (let vu = 0; vu <= 4; vu++)
      vus.push(await initContext('smoke', { WA_FIXTURES_DIR: fixturesDir, WA_APP_SECRET: SECRET }, countingOpen));
    expect(fixtureReads).toBe(1 + testFixtures().length); // manifest + each fixture, once
    expect(k6.sharedBuilds).toBe(2); // fixtures and traffic mix
    const data = vus[0]!.setup();
    for (let seq = 0; seq < 10; seq++) {
      k6.execution.scenario.iterationInTest = seq;
      await vus[seq % vus.length]!.default(data);
    }
    expect(k6.calls.length).toBeGreaterThanOrEqual(10);
  });

  it('resolve relative WA_FIXTURES_DIR and WA_OUT against the working directory, and refuse to start when the record folder is missing', async () => {
    const pwd = mkdtempSync(join(tmpdir(), 'wa-k6-pwd-'));
    const fixturesDir = writeFixtureSet(testFixtures());
    writeFileSync(join(pwd, 'my-set'), ''); // a file where a folder is expected is not a folder
    const env = { PWD: pwd, WA_FIXTURES_DIR: fixturesDir, WA_OUT: 'reports/runs/direct.json', WA_APP_SECRET: SECRET };
    const missing = await initContext('smoke', env);
    expect(() => missing.setup()).toThrow(
      `Could not write the run record ${pwd}/reports/runs/direct.json: the folder ${pwd}/reports/runs does not exist, and k6 creates no folders. Create it (mkdir -p ${pwd}/reports/runs)`,
    );

    mkdirSync(join(pwd, 'reports/runs'), { recursive: true });
    const mod = await initContext('smoke', env);
    const data = mod.setup();
    await mod.default(data);
    // handleSummary's path is absolute: k6 writes it whatever its working directory.
    const applied = applySummaryResult(mod.handleSummary(summarise(mod.options.thresholds, 0, data)), tmpdir());
    expect(applied.errors).toEqual([]);
    expect(
      runRecordSchema.parse(JSON.parse(readFileSync(join(pwd, 'reports/runs/direct.json'), 'utf8'))).counters
        .deliveries,
    ).toBe(1);
  });

  it("send WA_MOCK_ADMIN_TOKEN to a locked mock's reset in setup(), and name the variable on its 401", async () => {
    const fixturesDir = writeFixtureSet(testFixtures());
    const env = { WA_FIXTURES_DIR: fixturesDir, WA_APP_SECRET: SECRET, WA_MOCK_URL: 'http://10.0.0.7:8089' };
    const locked = 'admin-token-0123456789';
    k6.respond = (call) =>
      call.url.endsWith('/__admin/reset') && call.headers.Authorization !== `Bearer ${locked}`
        ? { status: 401 }
        : { status: 200 };
    const without = await initContext('smoke', env);
    expect(() => without.setup()).toThrow(/answered 401: its admin API is locked. Set WA_MOCK_ADMIN_TOKEN/);
    const withToken = await initContext('smoke', { ...env, WA_MOCK_ADMIN_TOKEN: locked });
    expect(() => withToken.setup()).not.toThrow();
    const reset = k6.calls.filter((c) => c.url === 'http://10.0.0.7:8089/__admin/reset');
    expect(reset.map((c) => c.headers.Authorization)).toEqual([undefined, `Bearer ${locked}`]);
  });

  it('k6 writes a summary file only into an existing folder: a log line, no file, no exception (exit 0)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wa-k6-summary-'));
    const applied = applySummaryResult({ 'nowhere/record.json': '{}', stdout: 'text' }, cwd);
    expect(applied).toMatchObject({ written: [], stdout: 'text' });
    expect(applied.errors[0]).toMatch(/failed to handle the end-of-test summary.*no such file or directory/);
  });

  it('evaluate the init context without the app secret (k6 archive, k6 inspect), and refuse in setup()', async () => {
    const fixturesDir = writeFixtureSet(testFixtures());
    const config = {
      scenario: {
        ...applyScenarioDefaults({ name: 'smoke', load: { profile: 'constant', rate: 5, durationS: 10 } }),
        target: {
          ...applyScenarioDefaults({ name: 'x', load: { profile: 'constant', rate: 1, durationS: 1 } }).target,
          appSecret: '[redacted]',
        },
      },
      targetUrl: 'http://127.0.0.1:1',
      phases: [],
      fixturesDir,
      outFile: '/tmp/x.json',
    };
    const file = join(mkdtempSync(join(tmpdir(), 'wa-k6-cfg-')), 'k6-config.json');
    writeFileSync(file, JSON.stringify(config));
    const mod = await initContext('smoke', { WA_CONFIG: file });
    expect(mod.options.thresholds.wa_ack_latency).toBeDefined();
    expect(() => mod.setup()).toThrow(
      /app secret is missing or empty\. Set WA_APP_SECRET in the environment of `k6 run`/,
    );
  });

  it('refuse in setup() a direct run whose WA_APP_SECRET is empty or unset, instead of signing with the definition default', async () => {
    for (const env of [{ WA_APP_SECRET: '' }, {}] as Record<string, string>[]) {
      const mod = await initContext('smoke', { WA_FIXTURES_DIR: writeFixtureSet(testFixtures()), ...env });
      expect(() => mod.setup()).toThrow(/Could not sign deliveries: the app secret is missing or empty/);
    }
  });

  it("size demo's VU pool for its late copies with no environment at all (k6 inspect of the bare script)", async () => {
    const mod = await initContext('demo', {});
    const deliveries = Object.values(
      mod.options.scenarios as Record<string, { preAllocatedVUs: number; maxVUs: number }>,
    )[0]!;
    // demo: 20/s × 50 ms mean ack × 2 + 10 = 12 VUs for deliveries, maxInFlight 2000; late copies add the same on both.
    expect(deliveries.preAllocatedVUs).toBeGreaterThan(12 + 25);
    expect(deliveries.maxVUs - 2000).toBe(deliveries.preAllocatedVUs - 12);
  });

  it('send a delayed duplicate at its planned time while the first attempt still waits for its answer', async () => {
    const fixturesDir = writeFixtureSet(testFixtures());
    const scenario = applyScenarioDefaults({
      name: 'smoke',
      load: { profile: 'constant', rate: 5, durationS: 10 },
      delivery: { duplicateRatio: 1, duplicateDelayMs: 50, outOfOrderRatio: 0 },
    });
    const file = join(mkdtempSync(join(tmpdir(), 'wa-k6-cfg-')), 'k6-config.json');
    writeFileSync(
      file,
      JSON.stringify({ scenario, targetUrl: 'http://127.0.0.1:1', phases: [], fixturesDir, outFile: '/tmp/x.json' }),
    );
    const mod = await initContext('smoke', { WA_CONFIG: file, WA_APP_SECRET: SECRET });
    let n = 0;
    k6.respond = () => ({ status: 200, delayMs: ++n === 1 ? 6000 : 5 });
    const start = k6.nowMs;
    await mod.default({ runId: 'a1b2c3d4e5f6', startedAtMs: start });
    expect(k6.calls.map((c) => c.atMs - start)).toEqual([0, 50]);
    expect(k6.calls[0]!.body).toBe(k6.calls[1]!.body);
    const ack = k6.samples
      .get('wa_ack_latency')!
      .samples.map((s) => s.value)
      .sort((a, b) => a - b);
    expect(ack).toEqual([5, 6000]); // the duplicate's latency is from its own planned time, not ~12 s
  });

  it('give handleSummary the shape real k6 v1.3.0 and v2.2.0 gave it', async () => {
    const fixturesDir = writeFixtureSet(testFixtures());
    const mod = await initContext('smoke', {
      WA_FIXTURES_DIR: fixturesDir,
      WA_APP_SECRET: SECRET,
      WA_OUT: '/tmp/k6-like.json',
    });
    const data = mod.setup();
    // Enough iterations that the seeded plan holds every kind of delivery (duplicates are a few %).
    for (let seq = 0; seq < 200; seq++) {
      k6.execution.scenario.iterationInTest = seq;
      await mod.default(data);
    }
    const ours = summarise(mod.options.thresholds, 0, data).metrics as Record<
      string,
      { type: string; contains: string; values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }
    >;
    for (const version of ['v1.3.0', 'v2.2.0']) {
      const observed = JSON.parse(readFileSync(join(OBSERVED, `handle-summary-data-${version}.json`), 'utf8')) as {
        metrics: typeof ours;
      };
      for (const [name, metric] of Object.entries(observed.metrics).filter(([n]) => n.startsWith('wa_'))) {
        expect(ours[name], `${version} ${name}`).toBeDefined();
        expect(
          {
            type: ours[name]!.type,
            contains: ours[name]!.contains,
            keys: Object.keys(ours[name]!.values).sort(),
            thresholds: Object.keys(ours[name]!.thresholds ?? {}),
          },
          `${version} ${name}`,
        ).toEqual({
          type: metric.type,
          contains: metric.contains,
          keys: Object.keys(metric.values).sort(),
          thresholds: Object.keys(metric.thresholds ?? {}),
        });
      }
      // The record the script builds from real k6 data is valid.
      const out = mod.handleSummary({ ...observed, setup_data: data });
      expect(runRecordSchema.safeParse(JSON.parse(out['/tmp/k6-like.json']!)).success, version).toBe(true);
    }
  });
});
