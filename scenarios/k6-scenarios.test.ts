import { describe, expect, it } from 'vitest';
import { decodeWamid } from '../common/core/index.ts';
import { runRecordSchema } from '../common/contracts/index.ts';
import { testFixtures } from '../test/helpers/engine-support.ts';
import { applySummaryResult, cryptoDouble, k6, summarise, total, writeFixtureSet } from '../test/doubles/k6-doubles.ts';
import { loadK6Script, useK6Runtime, type K6ScriptModule } from '../test/doubles/k6-runtime.ts';

const fixturesDir = writeFixtureSet(testFixtures());
const SECRET = 'k6-test-secret';

type ScenarioModule = K6ScriptModule;

const loadScenario = (name: string, env: Record<string, string> = {}) =>
  loadK6Script(name, { WA_FIXTURES_DIR: fixturesDir, WA_APP_SECRET: SECRET, WA_RUN_ID: 'a1b2c3d4e5f6', ...env });

async function iterate(mod: ScenarioModule, seq: number, elapsedMs = 0): Promise<void> {
  k6.execution.scenario.iterationInTest = seq;
  k6.execution.instance.currentTestRunDuration = elapsedMs;
  await mod.default({ runId: 'a1b2c3d4e5f6' });
}

const validSignature = (body: string) => `sha256=${cryptoDouble.hmac('sha256', SECRET, body)}`;

useK6Runtime();

describe('k6 scenario files', () => {
  it('build an arrival-rate executor, trend stats and thresholds from the definition', async () => {
    const mod = await loadScenario('load');
    expect(mod.options.scenarios.load).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 100,
      duration: '120s',
      maxVUs: 2000,
    });
    expect(mod.options.thresholds.wa_ack_latency).toEqual(['p(99)<5000']);
    expect(mod.options.summaryTrendStats).toContain('p(99)');
    const spike = await loadScenario('spike', { WA_RATE: '30' });
    expect(spike.options.scenarios.spike).toMatchObject({ executor: 'ramping-arrival-rate', startRate: 5 });
  });

  it('sign each delivery with k6/crypto and encode iterationInTest as the wamid seq', async () => {
    const mod = await loadScenario('smoke', { WA_TARGET_URL: 'http://127.0.0.1:9999' });
    const decoded = [];
    for (let seq = 1000; seq < 1020; seq++) {
      k6.calls = [];
      await iterate(mod, seq);
      const call = k6.calls[0]!;
      expect(call.url).toBe('http://127.0.0.1:9999/webhook');
      expect(call.headers['x-hub-signature-256']).toBe(validSignature(call.body));
      for (const m of call.body.matchAll(/wamid\.[A-Za-z0-9+/=]+/g)) {
        const fields = decodeWamid(m[0]);
        if (fields) decoded.push({ ...fields, expectedSeq: seq });
      }
    }
    expect(decoded.length).toBeGreaterThan(5);
    for (const d of decoded) expect(d).toMatchObject({ runId: 'a1b2c3d4e5f6', seq: d.expectedSeq, sentAtMs: k6.nowMs });
  });

  it('redeliver the same bytes after a 500, with growing backoff, until acknowledged', async () => {
    const mod = await loadScenario('smoke', { WA_RATE: '1' });
    let answered = 0;
    k6.respond = () => ({ status: ++answered <= 2 ? 500 : 200 });
    const seq = await findSeq(mod, (body) => body.includes('"messages":[') && !k6.batches);
    k6.reset();
    answered = 0;
    k6.respond = () => ({ status: ++answered <= 2 ? 500 : 200 });
    await iterate(mod, seq);
    const firstAttempts = k6.calls.filter((c) => c.body === k6.calls[0]!.body);
    expect(firstAttempts.length).toBeGreaterThanOrEqual(3);
    expect(k6.sleeps.slice(-2)).toEqual([0.5, 1]);
    expect(total('wa_redeliveries')).toBe(2);
    expect(total('wa_status_5xx')).toBe(2);
    expect(total('wa_acked_deliveries')).toBe(1);
  });

  it('give up after maxAttempts and count the delivery as exhausted', async () => {
    const mod = await loadScenario('smoke');
    k6.respond = () => ({ status: 0, error_code: 1050 });
    await iterate(mod, 0);
    expect(total('wa_timeouts')).toBeGreaterThanOrEqual(4);
    expect(total('wa_redeliveries_exhausted')).toBe(1);
    expect(total('wa_acked_deliveries')).toBe(0);
  });

  it('send dedupe-storm duplicates concurrently through http.batch with identical bytes', async () => {
    const mod = await loadScenario('dedupe-storm');
    for (let seq = 0; seq < 40; seq++) await iterate(mod, seq);
    expect(k6.batches).toBeGreaterThan(5);
    // dedupe-storm also sends late copies (delivery.late), counted as duplicates too.
    const late = k6.samples.get('wa_late_copy_ms')?.samples.length ?? 0;
    expect(total('wa_duplicates_sent')).toBe(k6.batches + late);
    expect(total('wa_deliveries')).toBe(40);
    expect(k6.calls.length).toBe(40 + k6.batches + late);
  });

  it('send demo late copies after the first attempt, at their planned delay, inside the 60 s load', async () => {
    const mod = await loadScenario('demo');
    for (let seq = 0; seq < 400; seq++) await iterate(mod, seq);
    const delays = k6.samples.get('wa_late_copy_ms')?.samples.map((x) => x.value) ?? [];
    expect(delays.length).toBeGreaterThan(10);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
    // Acknowledged first (the double answers 200): every copy counts towards the verified horizon.
    expect(k6.samples.get('wa_late_copy_acked_ms')?.samples.length).toBeGreaterThan(0);
  });

  it("give demo the VUs its late copies hold on top of the deliveries' pool, in options and in the run record", async () => {
    const demo = await loadScenario('demo', { WA_OUT: '/tmp/demo-record.json' });
    const load = await loadScenario('load');
    // demo: 20/s × 50 ms mean ack × 2 + 10 → 12 VUs for deliveries, maxInFlight 2000; load (100/s): 20, no late copies.
    expect(load.options.scenarios.load).toMatchObject({ preAllocatedVUs: 20, maxVUs: 2000 });
    const { preAllocatedVUs, maxVUs } = demo.options.scenarios.demo as { preAllocatedVUs: number; maxVUs: number };
    const lateVUs = preAllocatedVUs - 12;
    expect(lateVUs).toBeGreaterThan(25);
    expect(maxVUs).toBe(2000 + lateVUs);
    const record = runRecordSchema.parse(
      JSON.parse(
        demo.handleSummary(summarise(demo.options.thresholds, 0, { runId: 'a1b2c3d4e5f6' }))['/tmp/demo-record.json']!,
      ),
    );
    expect(record.engine.vus).toEqual({
      preAllocatedVUs,
      maxVUs,
      deliveryVUs: 12,
      maxInFlight: 2000,
      lateCopyVUs: lateVUs,
    });
  });

  it('count forged deliveries answered 401 as rejected and not as errors', async () => {
    const mod = await loadScenario('forged-signatures');
    k6.respond = (call) => ({ status: call.headers['x-hub-signature-256'] === validSignature(call.body) ? 200 : 401 });
    for (let seq = 0; seq < 200; seq++) await iterate(mod, seq);
    expect(total('wa_forged_sent')).toBeGreaterThan(40);
    expect(total('wa_forged_rejected')).toBe(total('wa_forged_sent'));
    expect(total('wa_forged_accepted')).toBe(0);
    expect(total('wa_errors')).toBe(0);
  });

  it('keep forged deliveries rejected with 401 out of the error-rate samples, so errors and attempts cover the same set', async () => {
    const mod = await loadScenario('forged-signatures');
    k6.respond = (call) => ({ status: call.headers['X-Hub-Signature-256'] === validSignature(call.body) ? 500 : 401 });
    for (let seq = 0; seq < 100; seq++) iterate(mod, seq);
    const samples = k6.samples.get('wa_errors')!.samples;
    expect(total('wa_forged_rejected')).toBeGreaterThan(0);
    expect(samples.length).toBe(total('wa_attempts') - total('wa_forged_rejected'));
    expect(samples.every((s) => s.value === 1)).toBe(true);
  });

  it('count a forged delivery answered 2xx as accepted', async () => {
    const mod = await loadScenario('forged-signatures');
    for (let seq = 0; seq < 50; seq++) await iterate(mod, seq);
    expect(total('wa_forged_accepted')).toBe(total('wa_forged_sent'));
    expect(total('wa_forged_accepted')).toBeGreaterThan(0);
  });

  it('parse dedupe overhead from Server-Timing and tag samples with the chaos phase', async () => {
    const mod = await loadScenario('smoke', {
      WA_PHASES: '[{"name":"calm","startS":0,"endS":1},{"name":"storm","startS":1,"endS":2}]',
    });
    k6.respond = () => ({ status: 200, headers: { 'Server-Timing': 'db;dur=2, dedupe;dur=3.5' } });
    await iterate(mod, 0, 500);
    await iterate(mod, 1, 1500);
    const dedupe = k6.samples.get('wa_dedupe_overhead')!.samples;
    expect(dedupe.map((s) => s.value)).toContain(3.5);
    expect(total('wa_deliveries', 'calm')).toBe(1);
    expect(total('wa_deliveries', 'storm')).toBe(1);
  });

  it('write a valid run record with count-mode acked from handleSummary', async () => {
    const mod = await loadScenario('smoke', {
      WA_OUT: '/tmp/record.json',
      WA_PHASES: '[{"name":"calm","startS":0,"endS":10}]',
    });
    k6.respond = () => ({ status: 200, headers: { 'Server-Timing': 'dedupe;dur=1' } });
    for (let seq = 0; seq < 30; seq++) await iterate(mod, seq, seq * 100);
    const out = mod.handleSummary(summarise(mod.options.thresholds, 2, { runId: 'a1b2c3d4e5f6' }));
    const record = runRecordSchema.parse(JSON.parse(out['/tmp/record.json']!));
    expect(record).toMatchObject({
      engine: { name: 'k6', version: 'unknown' },
      runId: 'a1b2c3d4e5f6',
      acked: { mode: 'count', count: total('wa_inbound_acked'), inboundSent: total('wa_inbound_sent') },
    });
    expect(record.counters.deliveries).toBe(30);
    expect(record.counters.dropped).toBe(2);
    expect(record.countersByPhase.calm?.deliveries).toBe(30);
    expect(record.latency.dedupe.percentiles?.p99).toBe(1000);
    expect(JSON.stringify(record)).not.toContain(SECRET);
    expect(out.stdout).toContain('deliveries 30');
  });

  it('load the built-in fixture corpus through open() when WA_FIXTURES_DIR is not set', async () => {
    const mod = await loadK6Script('demo', { WA_APP_SECRET: SECRET });
    for (let seq = 0; seq < 50; seq++) await iterate(mod, seq);
    expect(k6.calls.length).toBeGreaterThanOrEqual(50);
    expect(k6.calls.every((c) => JSON.parse(c.body).object === 'whatsapp_business_account')).toBe(true);
  });

  it('stop in the init context with a message naming a bad WA_* value', async () => {
    await expect(loadScenario('load', { WA_RATE: 'lots' })).rejects.toThrow(/WA_RATE="lots"/);
  });
});

/** First seq whose delivery is a signed text with no duplicate (the redelivery test wants one post per attempt). */
async function findSeq(mod: ScenarioModule, accept: (body: string) => boolean): Promise<number> {
  for (let seq = 0; seq < 200; seq++) {
    k6.reset();
    k6.respond = () => ({ status: 200 });
    await iterate(mod, seq);
    if (k6.calls.length === 1 && accept(k6.calls[0]!.body)) return seq;
  }
  throw new Error('no suitable seq');
}
