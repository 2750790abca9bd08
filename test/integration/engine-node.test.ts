import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeWamid } from '../../common/core/index.ts';
import { runRecordSchema, scenarioSchema, type RunRecord, type ScenarioInput } from '../../common/contracts/index.ts';
import { BitSet } from '../../common/node/index.ts';
import { runNodeEngine, type ProgressSnapshot } from '../../scenarios/engines/index.ts';
import { mergeLatency } from '../../reports/judge/latency-stats.ts';
import { startSink, testFixtures, type Sink, type SinkHandler } from '../helpers/engine-support.ts';

const SECRET = 'node-engine-test-secret';
const RUN_ID = 'a1b2c3d4e5f6';
let sink: Sink | undefined;

afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

function scenario(overrides: Partial<ScenarioInput> = {}) {
  return scenarioSchema.parse({
    name: 'node-test',
    load: { profile: 'constant', rate: 200, durationS: 0.5 },
    target: { appSecret: SECRET },
    delivery: { duplicateRatio: 0, timeoutMs: 2000, redelivery: { initialBackoffMs: 50, maxBackoffMs: 200 } },
    ...overrides,
  });
}

async function run(
  handler: SinkHandler | undefined,
  overrides: Partial<ScenarioInput> = {},
  extra: { phases?: RunRecord['phases']; signal?: AbortSignal; onProgress?: (p: ProgressSnapshot) => void } = {},
): Promise<RunRecord> {
  sink = await startSink(handler);
  const record = await runNodeEngine({
    scenario: scenario(overrides),
    targetUrl: sink.url,
    fixtures: testFixtures(),
    runId: RUN_ID,
    phases: extra.phases ?? [],
    signal: extra.signal,
    onProgress: extra.onProgress,
  });
  return runRecordSchema.parse(JSON.parse(JSON.stringify(record)));
}

function decodeAcked(record: RunRecord): BitSet {
  if (record.acked.mode !== 'bitset') throw new Error('expected a bitset');
  return BitSet.decode(record.acked.seqs);
}

const isValid = (body: string, signature: string | undefined) =>
  signature === `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

describe('Node engine against a loopback sink', () => {
  it('delivers the scheduled number of signed deliveries and acknowledges their inbound messages', async () => {
    const record = await run(undefined);
    expect(record.status).toBe('completed');
    expect(record.counters.deliveries).toBe(100);
    expect(record.counters.sent).toBe(100);
    expect(record.counters.status2xx).toBe(100);
    expect(sink!.received.every((r) => isValid(r.body, r.signature))).toBe(true);
    const acked = decodeAcked(record);
    const expected = new Set<number>();
    let inbound = 0;
    for (const r of sink!.received) {
      const ids = [...r.body.matchAll(/"id":"(wamid\.[^"]+)"/g)]
        .map((m) => decodeWamid(m[1]!))
        .filter((x) => x !== null);
      if (ids.length) expected.add(ids[0]!.seq);
      inbound += ids.length;
    }
    expect([...acked.values()].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    expect(record.counters.inboundMessagesAcked).toBe(inbound);
    const multi = record.acked.mode === 'bitset' ? record.acked.multiPart : [];
    expect(multi.every(([, parts]) => parts === 3)).toBe(true);
    expect(record.timeline.map((p) => p.sent).reduce((a, b) => a + b, 0)).toBe(100);
    expect(record.timeline[0]?.targetRate).toBeCloseTo(100);
    expect(record.timeline).toHaveLength(1);
    expect(record.latency.ack.count).toBe(100);
    expect(JSON.stringify(record)).not.toContain(SECRET);
  });

  it('redelivers the same bytes after a 500 and stops once acknowledged', async () => {
    const seen = new Map<string, number>();
    const record = await run(
      (_req, body, res) => {
        const n = (seen.get(body) ?? 0) + 1;
        seen.set(body, n);
        res.statusCode = n === 1 ? 500 : 200;
        res.end();
      },
      { load: { profile: 'constant', rate: 40, durationS: 0.5 } },
    );
    expect(record.counters.deliveries).toBe(20);
    expect(record.counters.status5xx).toBe(20);
    expect(record.counters.redeliveries).toBe(20);
    expect(record.counters.status2xx).toBe(20);
    expect([...seen.values()].every((n) => n === 2)).toBe(true);
    expect(record.counters.redeliveriesExhausted).toBe(0);
  });

  it('counts a delivery still failing after maxAttempts as exhausted', async () => {
    const record = await run(
      (_req, _body, res) => {
        res.statusCode = 503;
        res.end();
      },
      {
        load: { profile: 'constant', rate: 5, durationS: 1 },
        delivery: { duplicateRatio: 0, redelivery: { maxAttempts: 3, initialBackoffMs: 20 } },
      },
    );
    expect(record.counters.sent).toBe(15);
    expect(record.counters.redeliveriesExhausted).toBe(5);
    expect(record.counters.inboundMessagesAcked).toBe(0);
  });

  it('times out an unanswered delivery and redelivers it', async () => {
    const record = await run(
      (_req, _body, res, index) => {
        if (index < 3) setTimeout(() => res.end(), 600);
        else res.end();
      },
      {
        load: { profile: 'constant', rate: 3, durationS: 1 },
        delivery: { duplicateRatio: 0, timeoutMs: 150, redelivery: { initialBackoffMs: 10 } },
      },
    );
    expect(record.counters.timeouts).toBe(3);
    expect(record.counters.redeliveries).toBe(3);
    expect(record.counters.status2xx).toBe(3);
    expect(record.latency.ack.max).toBeGreaterThanOrEqual(150_000);
  });

  it('opens a connection for every arrival up to maxInFlight: a target answering in 2 s at 100/s is measured at about 2 s, not queued inside the harness', async () => {
    const record = await run((_req, _body, res) => setTimeout(() => res.end(), 2000), {
      load: { profile: 'constant', rate: 100, durationS: 3 },
      delivery: { duplicateRatio: 0, timeoutMs: 10_000 },
    });
    expect(record.counters.status2xx).toBe(300);
    expect(record.counters.dropped).toBe(0);
    const p99Ms = mergeLatency([record.latency.ack])!.stats.p99Ms;
    expect(p99Ms).toBeGreaterThan(1900);
    expect(p99Ms).toBeLessThan(3000);
  }, 20_000);

  it('counts a delivery beyond maxInFlight as dropped, never delayed', async () => {
    const record = await run((_req, _body, res) => setTimeout(() => res.end(), 300), {
      maxInFlight: 2,
      load: { profile: 'constant', rate: 50, durationS: 0.4 },
    });
    // 20 planned = started + dropped; nothing unstarted on an engine that drops what it cannot start.
    expect(record.counters).toMatchObject({ planned: 20, unstarted: 0 });
    expect(record.counters.dropped).toBeGreaterThanOrEqual(14);
    expect(record.counters.deliveries + record.counters.dropped).toBe(20);
    expect(record.counters.sent).toBe(record.counters.deliveries);
    expect(record.timeline.reduce((a, p) => a + p.dropped, 0)).toBe(record.counters.dropped);
  });

  it('counts forged and unsigned deliveries rejected with 401 apart from errors', async () => {
    const record = await run(
      (_req, body, res) => {
        res.statusCode = isValid(body, _req.headers['x-hub-signature-256'] as string | undefined) ? 200 : 401;
        res.end();
      },
      { delivery: { duplicateRatio: 0, forgedRatio: 0.2, unsignedRatio: 0.1 } },
    );
    expect(record.counters.forgedSent).toBeGreaterThan(15);
    expect(record.counters.forgedRejected).toBe(record.counters.forgedSent);
    expect(record.counters.forgedAccepted).toBe(0);
    expect(record.counters.redeliveries).toBe(0);
    expect(sink!.received.filter((r) => r.signature === undefined).length).toBeGreaterThan(3);
    const acked = decodeAcked(record);
    expect(acked.size()).toBeLessThan(record.counters.deliveries - record.counters.forgedSent + 1);
  });

  it('counts forged deliveries answered 2xx as accepted', async () => {
    const record = await run(undefined, { delivery: { duplicateRatio: 0, forgedRatio: 0.3 } });
    expect(record.counters.forgedAccepted).toBe(record.counters.forgedSent);
    expect(record.counters.forgedAccepted).toBeGreaterThan(10);
  });

  it('sends duplicates with the same bytes and reads dedupe overhead from Server-Timing, by phase', async () => {
    const record = await run(
      (_req, _body, res) => {
        res.setHeader('Server-Timing', 'app;dur=1, dedupe;dur=7.5');
        res.end();
      },
      { delivery: { duplicateRatio: 0.3, duplicateDelayMs: 0 } },
      {
        phases: [
          { name: 'calm', startS: 0, endS: 0.25 },
          { name: 'storm', startS: 0.25, endS: 0.5 },
        ],
      },
    );
    expect(record.counters.duplicatesSent).toBeGreaterThan(15);
    const bodies = sink!.received.map((r) => r.body);
    expect(new Set(bodies).size).toBe(bodies.length - record.counters.duplicatesSent);
    expect(record.latency.dedupe.count).toBe(record.counters.sent);
    expect(record.latency.dedupe.max).toBe(7500);
    expect(record.countersByPhase.calm!.deliveries + record.countersByPhase.storm!.deliveries).toBe(100);
    expect(record.latency.ackByPhase.storm!.count).toBeGreaterThan(0);
  });

  it('reports progress once per second with target and achieved rates', async () => {
    const snapshots: ProgressSnapshot[] = [];
    await run(
      undefined,
      { load: { profile: 'constant', rate: 20, durationS: 1.2 } },
      { onProgress: (p) => snapshots.push(p) },
    );
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ durationS: 1.2, targetRate: 20, errors: 0, dropped: 0 });
    expect(snapshots[0]!.achievedRate).toBeGreaterThan(15);
    expect(snapshots[0]!.sent).toBeGreaterThanOrEqual(20);
  });

  it('stops on abort, waits briefly for in-flight requests and marks the record aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped by test')), 300);
    const started = Date.now();
    const record = await run(
      undefined,
      { load: { profile: 'constant', rate: 50, durationS: 30 } },
      { signal: controller.signal },
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(record.status).toBe('aborted');
    expect(record.abortReason).toBe('stopped by test');
    expect(record.counters.deliveries).toBeGreaterThan(5);
    expect(record.counters.deliveries).toBeLessThan(40);
  });
});
