import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerStats, RunRecord } from '../../common/contracts/index.ts';
import { startMockServer, type MockServer } from '../../mock-graph-api/index.ts';
import { gate, promValue, runPreset } from '../helpers/run-preset.ts';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});

describe('preset voice-bridge against the reference connector in calls mode answer', () => {
  it('sends pre_accept and accept on /calls for every new connect, nothing twice, and passes on what it can measure', async () => {
    // An external mock (the one above) so its request counters can be read after the run.
    const run = await runPreset(['--preset', 'voice-bridge', '--duration', '3', '--mock-url', mock.url]);
    const counters = run.json<RunRecord>('run-record.json').counters;
    const connector = run.text('metrics-after.prom');
    const connects = promValue(connector, 'wa_connector_call_events_total{event="connect"}');
    const terminates = promValue(connector, 'wa_connector_call_events_total{event="terminate"}');
    const mockMetrics = await (await fetch(`${mock.url}/metrics`)).text();

    expect(connects).toBeGreaterThan(10);
    // Every signed delivery was one new call event: duplicates (3 % in demo) were deduped by call id + event.
    expect(counters.duplicatesSent).toBeGreaterThan(0);
    expect(connects + terminates).toBe(counters.deliveries - counters.forgedSent);
    // Two Graph calls per connect, none per terminate, all accepted by the mock's /calls validation.
    expect(promValue(connector, 'wa_connector_messages_sent_total{kind="call"}')).toBe(2 * connects);
    expect(promValue(mockMetrics, 'wa_mock_requests_total{endpoint="calls",status="200"}')).toBe(2 * connects);
    expect(mockMetrics).not.toMatch(/wa_mock_requests_total\{endpoint="calls",status="4\d\d"\}/);
    // The ledger counts each call action; calls-only traffic answers no message.
    expect(run.json<LedgerStats>('ledger-stats.json').committedByType).toEqual({
      call_pre_accept: connects,
      call_accept: connects,
    });
    expect(run.json('preset.json')).toMatchObject({
      name: 'voice-bridge',
      sideEffects: { 'calls-connect': ['call-pre_accept', 'call-accept'], 'calls-terminate': [] },
    });

    expect(gate(run, 'reply-p99')).toMatchObject({ verdict: 'not-measured', allowedNotMeasured: true });
    expect(gate(run, 'ack-p99')).toMatchObject({ verdict: 'pass', threshold: 1000 });
    expect(run.exitCode).toBe(0);
  }, 60_000);
});
