import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DO_NOTHING_CALLS_NOTE, startDoNothingVoiceBridge } from '../helpers/do-nothing-voice-bridge.ts';
import { gate, runPreset } from '../helpers/run-preset.ts';

const SECRET = 'stub-secret';

let stub: Awaited<ReturnType<typeof startDoNothingVoiceBridge>>;
let stubUrl: string;
beforeAll(async () => {
  stub = await startDoNothingVoiceBridge(SECRET);
  stubUrl = stub.url;
});
afterAll(() => stub.close());

describe('calls gates on the voice-bridge preset', () => {
  it('pass for the reference connector in calls mode answer: every acked connect got pre_accept in time', async () => {
    const run = await runPreset(['--preset', 'voice-bridge', '--duration', '3']);
    const calls = gate(run, 'calls-unanswered');
    expect(calls).toMatchObject({ verdict: 'pass', threshold: 0 });
    expect((calls as unknown as { note: string }).note).toMatch(
      /[1-9]\d* acknowledged connect calls: [1-9]\d* answered .* within 5000 ms, 0 later, 0 never/,
    );
    expect(run.exitCode).toBe(0);
  }, 60_000);

  it('fail (exit 99) for a stub that acknowledges every webhook and never answers a call', async () => {
    const run = await runPreset(['--preset', 'voice-bridge', '--duration', '3', '--target', stubUrl], {
      env: { WA_APP_SECRET: SECRET, WA_VERIFY_TOKEN: 'stub-token' },
    });
    const calls = gate(run, 'calls-unanswered') as unknown as { verdict: string; observed: number; note: string };
    expect(calls.verdict).toBe('fail');
    expect(calls.observed).toBeGreaterThan(0);
    expect(calls.note).toMatch(DO_NOTHING_CALLS_NOTE);
    // The calls gate alone fails the run: everything else a do-nothing 200 can satisfy, it does.
    const failing = run
      .json<{ gates: { id: string; verdict: string; allowedNotMeasured: boolean }[] }>('summary.json')
      .gates.filter((g) => g.verdict === 'fail' || (g.verdict === 'not-measured' && !g.allowedNotMeasured));
    expect(failing.map((g) => g.id)).toEqual(['calls-unanswered']);
    expect(run.exitCode).toBe(99);
  }, 60_000);
});
