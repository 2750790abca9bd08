import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeMessageWaId, decodeWamid } from '../../common/core/index.ts';
import {
  runRecordSchema,
  scenarioSchema,
  type RunRecord,
  type Scenario,
  type ScenarioInput,
} from '../../common/contracts/index.ts';
import { buildK6Command, runNodeEngine } from '../../scenarios/engines/index.ts';
import { planDelivery, planSettingsOf, resolveMixWeights } from '../../scenarios/model/index.ts';
import {
  arrivalRatePool,
  peakConcurrency,
  k6,
  runIteration,
  summarise,
  writeFixtureSet,
  type FakeResponse,
} from '../doubles/k6-doubles.ts';
import { loadK6Script, useK6Runtime, type K6ScriptModule } from '../doubles/k6-runtime.ts';
import { startSink, testFixtures, type Sink } from '../helpers/engine-support.ts';

// The k6 scenario files run under vitest with k6's modules replaced by doubles (a fake clock that
// sleep() advances, an HTTP double answering through k6.respond). Date.now stays real for the
// Node engine: runK6 puts it on the fake clock while k6 iterates.
useK6Runtime({ fakeClock: false });

/**
 * Engine parity: the same scenario and seed through the built-in Node engine (real HTTP to a
 * loopback sink) and through the k6 script (scenarios/load.ts, as `loadtest --engine k6` starts
 * it: WA_CONFIG from buildK6Command) must send the same deliveries and judge the same answers the
 * same way. Known differences between the two run records, named here so they stay visible:
 * k6 has no per-second timeline and no acknowledged bit set (acked.mode "count"), and its
 * latency histograms are Trend percentiles without buckets (issue 12); and the engines' clocks
 * differ, so each k6 delivery is replayed at the send time the Node engine encoded in it.
 */

const SECRET = 'parity-secret';
const RUN_ID = 'a1b2c3d4e5f6';
/** Headers the HTTP client adds by itself; every other header a delivery carries is compared. */
const TRANSPORT_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

const fixtures = testFixtures();
const fixturesDir = writeFixtureSet(fixtures);
let sink: Sink | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await sink?.close();
  sink = undefined;
});

function scenario(delivery: ScenarioInput['delivery']): Scenario {
  return scenarioSchema.parse({
    name: 'parity',
    seed: 42,
    load: { profile: 'constant', rate: 100, durationS: 0.4 },
    target: { appSecret: SECRET, headers: { 'X-Tenant': 'acme' } },
    delivery,
  });
}

/** A late-copy scenario: messages only (their wamid carries the send time to the ms, so k6 replays each at Node's exact time), no other duplicates. */
function lateScenario(
  name: string,
  late: { fraction: number; minDelayS: number },
  rest: Pick<ScenarioInput, 'load' | 'maxInFlight'>,
): Scenario {
  return scenarioSchema.parse({
    name,
    seed: 42,
    mix: { text: 3, batch: 1 },
    target: { appSecret: SECRET, headers: { 'X-Tenant': 'acme' } },
    delivery: { duplicateRatio: 0, outOfOrderRatio: 0, late: { ...late, copies: 2, horizon: 'run' }, timeoutMs: 2000 },
    ...rest,
  });
}

/** What the target answers, the same for both engines: a function of the delivery (seq), its signature and how often its body came already. */
type Answer = { status: number; serverTiming?: string } | 'timeout' | 'reset';
type Responder = (seq: number, nth: number, signature: string | undefined, body: string) => Answer;

const validSignature = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

interface SeenAttempt {
  atMs: number;
  body: string;
  headers: Record<string, string>;
}

const pickHeaders = (headers: Record<string, string | string[] | undefined>): SeenAttempt['headers'] =>
  Object.fromEntries(
    Object.entries(headers).flatMap(([h, v]) =>
      typeof v === 'string' && !TRANSPORT_HEADERS.has(h.toLowerCase()) ? [[h.toLowerCase(), v]] : [],
    ),
  );

async function runNode(s: Scenario, respond: Responder): Promise<{ record: RunRecord; seen: SeenAttempt[] }> {
  const seen: SeenAttempt[] = [];
  const nthOf = new Map<string, number>();
  sink = await startSink((req, body, res) => {
    seen.push({ atMs: performance.now(), body, headers: pickHeaders(req.headers) });
    const nth = nthOf.get(body) ?? 0;
    nthOf.set(body, nth + 1);
    const answer = respond(identify(s, body).seq, nth, req.headers['x-hub-signature-256'] as string | undefined, body);
    if (answer === 'timeout') return; // never answered: the engine's timeout ends it
    if (answer === 'reset') return void req.socket.destroy();
    res.writeHead(answer.status, answer.serverTiming ? { 'server-timing': answer.serverTiming } : {});
    res.end('ok');
  });
  const record = await runNodeEngine({ scenario: s, targetUrl: sink.url, fixtures, runId: RUN_ID, phases: [] });
  return { record: runRecordSchema.parse(JSON.parse(JSON.stringify(record))), seen };
}

type K6Module = K6ScriptModule;

/** Loads scenarios/load.ts the way `loadtest --engine k6` runs it: the env of buildK6Command, WA_CONFIG pointing at the resolved config. */
async function loadK6(s: Scenario): Promise<{ mod: K6Module; outFile: string }> {
  const runDir = mkdtempSync(join(tmpdir(), 'wa-parity-'));
  const cmd = buildK6Command({
    scenario: s,
    targetUrl: 'http://127.0.0.1:9',
    runId: RUN_ID,
    phases: [],
    runDir,
    fixturesDir,
    knownScripts: ['load'],
    baseEnv: {},
  });
  writeFileSync(cmd.configPath, JSON.stringify(cmd.config));
  return { mod: await loadK6Script('load', cmd.env), outFile: cmd.outFile };
}

/**
 * Runs the k6 script's iterations: delivery `seq` starts at `sentAtMs` on k6's clock; answers
 * come from `respond`. `iterations`: when each iteration held its VU (start to event loop empty).
 */
async function runK6(
  s: Scenario,
  mod: K6Module,
  starts: readonly { seq: number; sentAtMs: number }[],
  respond: Responder,
  startedAtMs?: number,
): Promise<{ seen: SeenAttempt[]; iterations: { startMs: number; endMs: number }[] }> {
  const seen: SeenAttempt[] = [];
  const iterations: { startMs: number; endMs: number }[] = [];
  const nthOf = new Map<string, number>();
  k6.respond = (call): FakeResponse => {
    seen.push({ atMs: k6.nowMs, body: call.body, headers: pickHeaders(call.headers) });
    const nth = nthOf.get(call.body) ?? 0;
    nthOf.set(call.body, nth + 1);
    const answer = respond(identify(s, call.body).seq, nth, call.headers['x-hub-signature-256'], call.body);
    if (answer === 'timeout') return { status: 0, error_code: 1050 };
    if (answer === 'reset') return { status: 0, error_code: 1211 };
    return { status: answer.status, headers: answer.serverTiming ? { 'Server-Timing': answer.serverTiming } : {} };
  };
  const now = vi.spyOn(Date, 'now').mockImplementation(() => k6.nowMs);
  try {
    for (const { seq, sentAtMs } of starts) {
      k6.nowMs = sentAtMs;
      k6.execution.scenario.iterationInTest = seq;
      iterations.push(
        await runIteration(() => mod.default({ runId: RUN_ID, ...(startedAtMs !== undefined ? { startedAtMs } : {}) })),
      );
    }
  } finally {
    now.mockRestore();
  }
  return { seen, iterations };
}

/** Whether the plan duplicates delivery `seq`: its answers must then not depend on arrival order (first and duplicate carry the same bytes). */
function plannedDuplicate(s: Scenario, seq: number): boolean {
  return planDelivery(planSettingsOf(s, resolveMixWeights(fixtures, s.mix)), seq).duplicate;
}

/**
 * Which delivery a body is and when the Node engine intended its first attempt: the wamid carries
 * both (ms), and so does every synthetic wa_id (a status callback's recipient, a caller).
 */
function identify(_s: Scenario, body: string): { seq: number; sentAtMs: number } {
  const wamid = /"id":"(wamid\.[A-Za-z0-9+/=]+)"/.exec(body)?.[1];
  const decoded = (wamid ? decodeWamid(wamid) : null) ?? decodeMessageWaId(/"(\d{50})"/.exec(body)?.[1] ?? '');
  if (!decoded) throw new Error(`cannot identify ${body.slice(0, 120)}`);
  return { seq: decoded.seq, sentAtMs: decoded.sentAtMs };
}

/** Attempts grouped per delivery body, in order, with times relative to the delivery's first attempt. */
function perDelivery(
  seen: readonly SeenAttempt[],
): Map<string, { gapsMs: number[]; headers: SeenAttempt['headers'][] }> {
  const out = new Map<string, { firstMs: number; gapsMs: number[]; headers: SeenAttempt['headers'][] }>();
  for (const a of seen) {
    const entry = out.get(a.body) ?? { firstMs: a.atMs, gapsMs: [], headers: [] };
    entry.gapsMs.push(a.atMs - entry.firstMs);
    entry.headers.push(a.headers);
    out.set(a.body, entry);
  }
  return out;
}

function k6Record(mod: K6Module, outFile: string): RunRecord {
  return runRecordSchema.parse(JSON.parse(mod.handleSummary(summarise({}, 0, { runId: RUN_ID }))[outFile] as string));
}

/**
 * The counters k6's own handleSummary record can know: it has no plan (planned, unstarted), since
 * one instance of a distributed run cannot tell its execution segment's share there; `loadtest`
 * adds the plan from k6's samples. Node's record holds the identity planned = started + dropped + unstarted.
 */
function withoutPlan(counters: RunRecord['counters']): Omit<RunRecord['counters'], 'planned' | 'unstarted'> {
  const { planned, unstarted, ...rest } = counters;
  expect(planned).toBe(rest.deliveries + rest.dropped + (unstarted ?? 0));
  return rest;
}

describe('engine parity: Node engine and k6 script', () => {
  it('send the same deliveries: same bytes, signatures, headers, duplicates, forgeries and redeliveries at the planned times', async () => {
    const s = scenario({
      duplicateRatio: 0.25,
      duplicateDelayMs: 30,
      outOfOrderRatio: 0.5,
      forgedRatio: 0.1,
      unsignedRatio: 0.05,
      timeoutMs: 2000,
      // Backoffs well apart from the duplicate delay, so a late duplicate cannot overtake a redelivery.
      redelivery: { initialBackoffMs: 250, backoffFactor: 2, maxBackoffMs: 500, maxAttempts: 3 },
    });
    // Forged or unsigned: 401. Signed: some fail twice then pass, some fail for good, some once.
    const respond: Responder = (seq, nth, signature, body) => {
      if (signature !== validSignature(body)) return { status: 401 };
      if (plannedDuplicate(s, seq)) return seq % 2 ? { status: 200 } : { status: 503 };
      const kind = seq % 5;
      if (kind === 0) return { status: nth < 2 ? 500 : 200 };
      if (kind === 1) return { status: 503 };
      if (kind === 2) return { status: nth === 0 ? 500 : 200 };
      return { status: 200 };
    };
    const node = await runNode(s, respond);
    const { mod } = await loadK6(s);
    const nodeDeliveries = perDelivery(node.seen);
    const starts = [...nodeDeliveries.keys()].map((body) => identify(s, body)).sort((a, b) => a.seq - b.seq);
    expect(starts.map((d) => d.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const k6Deliveries = perDelivery((await runK6(s, mod, starts, respond)).seen);

    // Same bodies, byte for byte, and per body the same attempts with the same headers.
    expect([...k6Deliveries.keys()].sort()).toEqual([...nodeDeliveries.keys()].sort());
    let duplicated = 0;
    let redelivered = 0;
    let forged = 0;
    for (const [body, k6Attempts] of k6Deliveries) {
      const nodeAttempts = nodeDeliveries.get(body)!;
      // Same attempts per delivery, with the same headers. When each left is the attempt schedule's
      // (scenarios/model/attempt-schedule.ts, unit-tested with injected times): both engines take
      // it from there, so this test compares what was sent and how often, not real latencies.
      expect(nodeAttempts.headers, body.slice(0, 80)).toEqual(k6Attempts.headers);
      // k6's gaps are the planned ones (its clock only moves by sleep): first, duplicate 30 ms later,
      // then redeliveries a backoff (250, 500 ms) after each failed answer, in that order.
      expect(k6Attempts.gapsMs, body.slice(0, 80)).toEqual([...k6Attempts.gapsMs].sort((a, b) => a - b));
      if (k6Attempts.gapsMs.includes(30)) duplicated++;
      if (k6Attempts.gapsMs.some((g) => g >= 250)) redelivered++;
      if (k6Attempts.headers[0]?.['x-hub-signature-256'] !== validSignature(body)) forged++;
    }
    // The plan really exercised duplicates, redeliveries and forgeries.
    expect(duplicated).toBeGreaterThan(3);
    expect(redelivered).toBeGreaterThan(5);
    expect(forged).toBeGreaterThan(0);
  }, 60_000);

  it('send the same rebatched copies (delivery.rebatchRatio): the same message ids in new bytes, signed anew, byte for byte alike', async () => {
    const s = scenario({
      duplicateRatio: 0.5,
      duplicateDelayMs: 30,
      outOfOrderRatio: 0,
      rebatchRatio: 1,
      timeoutMs: 2000,
      redelivery: { initialBackoffMs: 250, backoffFactor: 2, maxBackoffMs: 500, maxAttempts: 2 },
    });
    // Every fourth delivery fails its first attempt (a redelivery follows); copies are answered 200.
    const respondFor = (): Responder => {
      const firstBody = new Map<number, string>();
      return (seq, _nth, signature, body) => {
        if (signature !== validSignature(body)) return { status: 401 };
        if (!firstBody.has(seq)) firstBody.set(seq, body);
        return seq % 4 === 0 && firstBody.get(seq) === body ? { status: 503 } : { status: 200 };
      };
    };
    const node = await runNode(s, respondFor());
    const firsts = new Map<number, { seq: number; sentAtMs: number }>();
    for (const a of node.seen) {
      const id = identify(s, a.body);
      if (!firsts.has(id.seq)) firsts.set(id.seq, id);
    }
    const starts = [...firsts.values()].sort((a, b) => a.seq - b.seq);
    const { mod } = await loadK6(s);
    const k6Seen = (await runK6(s, mod, starts, respondFor())).seen;
    const signed = (a: SeenAttempt) => `${a.headers['x-hub-signature-256']} ${a.body}`;
    expect(k6Seen.map(signed).sort()).toEqual(node.seen.map(signed).sort());
    for (const a of node.seen) expect(a.headers['x-hub-signature-256']).toBe(validSignature(a.body));
    // Copies really came rebatched: a second body per delivery, with the first body's message ids.
    const bodiesOf = new Map<number, Set<string>>();
    for (const a of node.seen)
      bodiesOf.set(identify(s, a.body).seq, (bodiesOf.get(identify(s, a.body).seq) ?? new Set()).add(a.body));
    const rebatched = [...bodiesOf.values()].filter((b) => b.size === 2);
    expect(rebatched.length).toBeGreaterThan(10);
    const ids = (body: string) =>
      [...body.matchAll(/"id":"(wamid\.[A-Za-z0-9+/=]+)"/g)].map((m) => m[1]).filter((id) => decodeWamid(id!));
    for (const bodies of rebatched) {
      const [first, copy] = [...bodies] as [string, string];
      expect(ids(copy)).toEqual(ids(first));
    }
  }, 60_000);

  it('send the same late copies (delivery.late) at the same planned delays inside the run window, and record the same horizon', async () => {
    const s = lateScenario(
      'parity-late',
      { fraction: 0.5, minDelayS: 0.05 },
      { load: { profile: 'constant', rate: 100, durationS: 0.6 } },
    );
    const respond: Responder = (_seq, _nth, signature, body) =>
      signature === validSignature(body) ? { status: 200 } : { status: 401 };
    const node = await runNode(s, respond);
    const { mod, outFile } = await loadK6(s);
    const nodeDeliveries = perDelivery(node.seen);
    const starts = [...nodeDeliveries.keys()].map((body) => identify(s, body)).sort((a, b) => a.seq - b.seq);
    // setup()'s clock, as `loadtest` hands it over: k6 places late copies in the same run window.
    const k6Deliveries = perDelivery((await runK6(s, mod, starts, respond, Date.parse(node.record.startedAt))).seen);
    const k6 = k6Record(mod, outFile);

    expect([...k6Deliveries.keys()].sort()).toEqual([...nodeDeliveries.keys()].sort());
    let late = 0;
    const nodeDeliveriesSeen = perDelivery(node.seen);
    for (const [body, k6Attempts] of k6Deliveries) {
      const { sentAtMs } = identify(s, body);
      // As many copies per delivery on both engines (when they leave is the attempt schedule's, unit-tested).
      expect(nodeDeliveriesSeen.get(body)?.gapsMs.length, body.slice(0, 80)).toBe(k6Attempts.gapsMs.length);
      // k6's gaps are the plan, from the intended time: never after the load window.
      late += k6Attempts.gapsMs.length - 1;
      // (A first attempt may itself leave after 600 ms on a busy machine: the bound is on late copies.)
      if (k6Attempts.gapsMs.length > 1)
        expect(Math.max(...k6Attempts.gapsMs) + sentAtMs - Date.parse(node.record.startedAt)).toBeLessThanOrEqual(600);
    }
    expect(late).toBeGreaterThan(10);
    expect(k6.counters).toEqual(withoutPlan(node.record.counters));
    expect(node.record.counters.duplicatesSent).toBe(late);
    expect(k6.lateCopies?.sent).toBe(late);
    expect(node.record.lateCopies?.sent).toBe(late);
    // Every original was acknowledged long before its copy: both record the largest delay as the horizon.
    expect(node.record.lateCopies?.maxDelayMsAfterAck).toBe(k6.lateCopies?.maxDelayMsAfterAck);
    expect(node.record.lateCopies?.maxDelayMsAfterAck).toBeGreaterThan(100);
  }, 60_000);

  it('let late copies hold no concurrency slot: at a maxInFlight the deliveries fit in, k6 drops no arrival (it adds the VUs its late copies hold)', async () => {
    // maxInFlight: room for the attempts in flight at 100 deliveries/s (a cold loopback sink: up to ~20), not for the ~60 iterations late copies hold.
    const s = lateScenario(
      'parity-late-pool',
      { fraction: 0.8, minDelayS: 0.2 },
      { load: { profile: 'constant', rate: 100, durationS: 2 }, maxInFlight: 40 },
    );
    const respond: Responder = (_seq, _nth, signature, body) =>
      signature === validSignature(body) ? { status: 200 } : { status: 401 };
    // The Node engine keeps late copies in a heap (no slot by construction); it runs here with room
    // for a busy machine's latency (a loaded CI box answered loopback in 130 ms and overflowed 40),
    // to give k6 the same deliveries at the same times.
    const node = await runNode({ ...s, maxInFlight: 1000 }, respond);
    expect(node.record.counters.dropped, JSON.stringify(node.record.timeline)).toBe(0);
    expect(node.record.counters.duplicatesSent).toBeGreaterThan(200);
    const { mod } = await loadK6(s);
    const starts = [...perDelivery(node.seen).keys()].map((body) => identify(s, body)).sort((a, b) => a.seq - b.seq);
    const { iterations } = await runK6(s, mod, starts, respond, Date.parse(node.record.startedAt));
    const executor = mod.options.scenarios['parity-late-pool']!;
    const pool = arrivalRatePool(executor, iterations);
    // The late copies really kept more iterations waiting than maxInFlight allows…
    const needed = peakConcurrency(iterations);
    expect(needed).toBeGreaterThan(s.maxInFlight + 10);
    // …and the pool k6 gets holds them: no arrival dropped, no VU started mid-run.
    expect(
      pool.dropped,
      `preAllocatedVUs ${executor.preAllocatedVUs}, maxVUs ${executor.maxVUs}, iterations at once ${needed}`,
    ).toBe(0);
    expect(pool.vus).toBe(executor.preAllocatedVUs);
  }, 60_000);

  it('judge the same canned answers the same way: 2xx, 4xx, 5xx, timeout, reset, Server-Timing → identical counters and outcome classes', async () => {
    const s = scenario({
      duplicateRatio: 0.15,
      duplicateDelayMs: 30,
      forgedRatio: 0.15,
      unsignedRatio: 0.05,
      timeoutMs: 1000,
      redelivery: { initialBackoffMs: 250, backoffFactor: 2, maxBackoffMs: 500, maxAttempts: 2 },
    });
    const respond: Responder = (seq, nth, signature, body) => {
      const h = seq;
      if (signature === undefined) return { status: 403 };
      if (signature !== validSignature(body)) return h % 3 === 0 ? { status: 200 } : { status: 401 }; // some forgeries accepted
      const kinds: Answer[] = [
        { status: 200 },
        { status: 202, serverTiming: 'dedupe;dur=4.5' },
        { status: 400 },
        { status: 500 },
        { status: 503 },
        'timeout',
        'reset',
      ];
      const canned = kinds[h % kinds.length] as Answer;
      return nth > 0 && h % 2 === 0 && !plannedDuplicate(s, seq)
        ? { status: 200, serverTiming: 'dedupe;dur=1' }
        : canned;
    };
    const node = await runNode(s, respond);
    const { mod, outFile } = await loadK6(s);
    const starts = [...perDelivery(node.seen).keys()].map((body) => identify(s, body)).sort((a, b) => a.seq - b.seq);
    await runK6(s, mod, starts, respond);
    const k6 = k6Record(mod, outFile);

    expect(k6.counters).toEqual(withoutPlan(node.record.counters));
    for (const field of [
      'status2xx',
      'status4xx',
      'status5xx',
      'timeouts',
      'connectionErrors',
      'redeliveries',
      'duplicatesSent',
      'forgedRejected',
      'forgedAccepted',
      'inboundMessagesAcked',
    ] as const) {
      expect(node.record.counters[field], field).toBeGreaterThan(0);
    }
    // Latency is measured for the same attempts (connection errors excluded), Server-Timing read from the same answers.
    expect(k6.latency.ack.count).toBe(node.record.latency.ack.count);
    expect(k6.latency.dedupe.count).toBe(node.record.latency.dedupe.count);
  }, 60_000);
});
