import { delimiter } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_K6_DIR } from '../helpers/calibration-matrix.ts';
import { DO_NOTHING_CALLS_NOTE, startDoNothingVoiceBridge } from '../helpers/do-nothing-voice-bridge.ts';
import { gate, runPreset } from '../helpers/run-preset.ts';

// Runs in the calibration pass (the fake k6 is heavy). test/calls-gates.test.ts is the Node twin.
const SECRET = 'stub-secret';
let stub: Awaited<ReturnType<typeof startDoNothingVoiceBridge>>;
beforeAll(async () => {
  stub = await startDoNothingVoiceBridge(SECRET);
  process.env.PATH = `${FAKE_K6_DIR}${delimiter}${process.env.PATH}`;
  process.env.FAKE_K6_VU_LIMIT = '6';
});
afterAll(() => stub.close());

describe('calls gates on the voice-bridge preset, k6 engine (fake k6 on PATH)', () => {
  it('fail (exit 99) for a stub that acknowledges every webhook and never answers a call, as on node', async () => {
    const run = await runPreset(['--preset', 'voice-bridge', '--duration', '3', '--target', stub.url], {
      engine: 'k6',
      env: { WA_APP_SECRET: SECRET, WA_VERIFY_TOKEN: 'stub-token' },
    });
    const record = run.json<{ engine: { name: string }; callsConnect?: { acked: [string, number][] } }>(
      'run-record.json',
    );
    expect(record.engine.name).toBe('k6');
    expect(record.callsConnect?.acked.length).toBeGreaterThan(0);
    // Intended send times on the run clock, as the Node engine files them.
    for (const [callId, atMs] of record.callsConnect!.acked) {
      expect(callId).toMatch(/^wacid\./);
      expect(atMs).toBeGreaterThanOrEqual(0);
      expect(atMs).toBeLessThan(10_000);
    }
    const calls = gate(run, 'calls-unanswered') as unknown as { verdict: string; observed: number; note: string };
    expect(calls.verdict).toBe('fail');
    expect(calls.observed).toBe(record.callsConnect!.acked.length);
    expect(calls.note).toMatch(DO_NOTHING_CALLS_NOTE);
    expect(run.exitCode).toBe(99);
  }, 180_000);
});
