import { describe, expect, it } from 'vitest';
import { runRecordSchema, type RunRecord, scenarioSchema } from '../../../common/contracts/index.ts';
import { encodeBytes } from '../../../common/node/index.ts';
import { reconcile } from '../../../reports/index.ts';
import { encodeAckedId } from '../../k6/index.ts';
import { createCounters } from '../../model/index.ts';
import { K6SampleStream, parseK6Time } from './k6-samples.ts';

const scenario = scenarioSchema.parse({ name: 'smoke', load: { profile: 'constant', rate: 4, durationS: 3 } });
const phases = [
  { name: 'calm', startS: 0, endS: 1 },
  { name: 'storm', startS: 1, endS: 3 },
];
const START = Date.parse('2026-12-01T20:00:00.000Z');

/** One line of k6's JSON output, the time written as Go does (nanoseconds, local offset +02:00). */
function point(metric: string, atMs: number, value: number, tags: Record<string, string> = {}): string {
  const local = new Date(atMs + 2 * 3600_000).toISOString().slice(0, 23);
  return (
    JSON.stringify({
      type: 'Point',
      data: { time: `${local}123456+02:00`, value, tags: { scenario: 'smoke', ...tags } },
      metric,
    }) + '\n'
  );
}

const summaryRecord: RunRecord = runRecordSchema.parse({
  schemaVersion: 1,
  kind: 'run-record',
  runId: 'a1b2c3d4e5f6',
  scenario: 'smoke',
  engine: { name: 'k6', version: 'v1.3.0' },
  config: {},
  startedAt: new Date(START).toISOString(),
  endedAt: new Date(START + 3500).toISOString(),
  status: 'completed',
  phases,
  timeline: [],
  latency: {
    ack: { unit: 'us', count: 0, min: 0, max: 0, sum: 0, buckets: [] },
    ackByPhase: {},
    dedupe: { unit: 'us', count: 0, min: 0, max: 0, sum: 0, buckets: [] },
    dedupeByPhase: {},
  },
  counters: createCounters(),
  countersByPhase: {},
  acked: { mode: 'count', runId: 'a1b2c3d4e5f6', count: 9, inboundSent: 9 },
});

function sampleText(): string {
  return [
    // A sample before setup's clock (k6 flushes in batches): kept until the clock is known.
    point('wa_deliveries', START + 10, 1, { phase: 'calm' }),
    point('http_reqs', START + 5, 1),
    point('wa_clock_ms', START, START),
    point('wa_attempt_ms', START + 20, 10, { outcome: 'ok', signed: '1', phase: 'calm' }),
    point('wa_acked_ids', START + 20, encodeAckedId(0, 1), { phase: 'calm' }),
    point('wa_deliveries', START + 1200, 1, { phase: 'storm' }),
    // seq 1: a 500, then a redelivery answered after its 4 s... timeout; intended at 1.2 s.
    point('wa_attempt_ms', START + 1250, 50, { outcome: 'server-error', signed: '1', phase: 'storm' }),
    point('wa_redeliveries', START + 1800, 1, { phase: 'storm' }),
    point('wa_attempt_ms', START + 2800, 1000, { outcome: 'ok', signed: '1', phase: 'storm' }),
    point('wa_acked_ids', START + 2800, encodeAckedId(1, 5), { phase: 'storm' }),
    // A forged delivery rejected, and a connection error (no latency in the histograms).
    point('wa_attempt_ms', START + 2100, 2, { outcome: 'client-error', signed: '0', phase: 'storm' }),
    point('wa_forged_rejected', START + 2100, 1, { phase: 'storm' }),
    point('wa_attempt_ms', START + 2300, 3, { outcome: 'connection-error', signed: '1', phase: 'storm' }),
    point('wa_dedupe_overhead', START + 20, 1.5, { phase: 'calm' }),
    point('dropped_iterations', START + 2500, 1),
  ].join('');
}

describe('the exact k6 run record from k6 JSON output', () => {
  it('parses k6 sample times with nanoseconds and any offset', () => {
    expect(parseK6Time('2026-12-01T22:00:00.123456789+02:00')).toBeCloseTo(START + 123.456789, 5);
    expect(parseK6Time('2026-12-01T20:00:00Z')).toBe(START);
  });

  it('rebuilds the acknowledged set, per-second timeline, phase counters and HDR histograms, whatever the chunking', () => {
    const text = sampleText();
    const whole = new K6SampleStream(scenario, phases);
    whole.push(text);
    const chunked = new K6SampleStream(scenario, phases);
    for (let i = 0; i < text.length; i += 37) chunked.push(text.slice(i, i + 37));
    const record = runRecordSchema.parse(whole.finish(summaryRecord));
    expect(chunked.finish(summaryRecord)).toEqual(record);

    expect(record.acked).toMatchObject({ mode: 'bitset', multiPart: [[1, 5]] });
    expect(record.counters).toMatchObject({
      sent: 5,
      status2xx: 2,
      status5xx: 1,
      status4xx: 1,
      connectionErrors: 1,
      deliveries: 2,
      redeliveries: 1,
      forgedRejected: 1,
      dropped: 1,
      inboundMessagesAcked: 6,
    });
    expect(record.countersByPhase.calm).toMatchObject({ deliveries: 1, status2xx: 1, inboundMessagesAcked: 1 });
    expect(record.countersByPhase.storm).toMatchObject({
      deliveries: 1,
      status2xx: 1,
      status5xx: 1,
      dropped: 1,
      inboundMessagesAcked: 5,
    });
    // Attempts are filed under the second of their intended time (answer time minus latency).
    expect(record.timeline.map((p) => [p.t, p.targetRate, p.sent, p.ok, p.dropped])).toEqual([
      [0, 4, 1, 1, 0],
      [1, 4, 2, 1, 0],
      [2, 4, 2, 0, 1],
    ]);
    expect(record.latency.ack.count).toBe(3); // signed, not connection errors
    expect(record.latency.ack.buckets.length).toBeGreaterThan(0);
    expect(record.latency.ackByPhase.storm?.count).toBe(2);
    expect(record.latency.dedupe.count).toBe(1);
    expect(record.startedAt).toBe(new Date(START).toISOString());
  });

  it('counts arrivals a starved k6 neither started nor dropped as unstarted: planned = started + dropped + unstarted', () => {
    // 4/s for 3 s plans 12 deliveries; k6 started 9 and counted none dropped (CPU-starved, not capacity-bound).
    const stream = new K6SampleStream(scenario, []);
    stream.push(
      [point('wa_clock_ms', START, START)]
        .concat(Array.from({ length: 9 }, (_, i) => point('wa_deliveries', START + i * 250, 1)))
        .join(''),
    );
    const record = runRecordSchema.parse(stream.finish({ ...summaryRecord, phases: [] }));
    expect(record.counters).toMatchObject({ planned: 12, deliveries: 9, dropped: 0, unstarted: 3 });
  });

  it('makes lost exact: an acked delivery with no reply is lost, an unacked one answered is not', () => {
    const stream = new K6SampleStream(scenario, phases);
    stream.push(sampleText());
    const record = stream.finish(summaryRecord);
    // Ledger: seq 0 answered, seq 1 parts 0..4: parts 0-3 answered, part 4 not; seq 2 (never acked) answered.
    const replies = new Uint8Array([1, 1, 1]);
    const ledger = {
      runs: [
        {
          runId: 'a1b2c3d4e5f6',
          replies: encodeBytes(replies),
          reads: encodeBytes(new Uint8Array(0)),
          flags: encodeBytes(new Uint8Array(0)),
          extraParts: [
            [1, 1, 1, 0, 0],
            [1, 2, 1, 0, 0],
            [1, 3, 1, 0, 0],
          ],
        },
      ],
    };
    const r = reconcile([record.acked], ledger as never);
    expect(r).toMatchObject({ mode: 'bitset', estimate: false, ackedMessages: 6, lost: 1, unacked: { messages: 1 } });
  });
});

describe('calls connect acknowledgements from k6 JSON output', () => {
  it('files the first ack per call id at its intended time on the run clock, as the Node engine does', () => {
    const stream = new K6SampleStream(scenario, phases);
    stream.push(
      [
        point('wa_clock_ms', START, START),
        point('wa_connect_acked', START + 700, 200, { call: 'wacid.A', phase: 'calm' }),
        point('wa_connect_acked', START + 2500, 100, { call: 'wacid.B', phase: 'storm' }),
        point('wa_connect_acked', START + 2900, 50, { call: 'wacid.A', phase: 'storm' }), // a later ack of a redelivery
        point('wa_connect_acked', START + 3000, 10, { phase: 'storm' }), // no call tag: not ours
      ].join(''),
    );
    const record = runRecordSchema.parse(stream.finish(summaryRecord));
    expect(record.callsConnect).toEqual({
      acked: [
        ['wacid.A', 500],
        ['wacid.B', 2400],
      ],
      overflow: 0,
    });
  });

  it('leaves callsConnect out when no connect call was acknowledged', () => {
    const stream = new K6SampleStream(scenario, phases);
    stream.push(sampleText());
    expect(stream.finish(summaryRecord).callsConnect).toBeUndefined();
  });
});
