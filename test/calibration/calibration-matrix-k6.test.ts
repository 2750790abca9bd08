import { describe, expect, it } from 'vitest';
import { CALIBRATION_MODES } from '../../scripts/calibrate/index.ts';
import { runFastMatrix } from '../helpers/calibration-matrix.ts';

// `npm run calibrate -- --engine k6` on machines without k6: the fake k6 binary
// (test/doubles/fake-k6) on PATH runs the scenario files with k6's semantics.
// A fake-k6 VU is a worker thread, so the full 11 modes take too long for the shared test
// machines; three modes cover a clean pass, a ledger gate (lost) and a run-record gate. One at a
// time: three fake k6 side by side (18 worker threads) pushed a clean ack p99 past 5 s here.
const MODES = ['none', 'no-retry', 'accept-unsigned'];

describe('calibration matrix (fast) on the k6 engine', () => {
  it('gives the verdicts of the Node engine for a clean connector, a lost-message defect and a security defect', async () => {
    expect(MODES.every((m) => CALIBRATION_MODES.includes(m))).toBe(true);
    const { rows, matrix } = await runFastMatrix({ modes: MODES, engine: 'k6', parallel: 1 });
    expect(rows.map((r) => r.mode)).toEqual(MODES);
    expect(
      rows.filter((r) => !r.ok).map((r) => r.mode),
      matrix,
    ).toEqual([]);
  }, 480_000);

  // This stop's verdict rules, both ways on k6: acks judged inside a Graph fault phase (a bot that
  // acks after its Graph calls fails, the correct one passes the same chaos), rebatched copies (a
  // body-hash dedupe fails duplicates) and replies tied by `to` alone (a plain reply passes).
  const VERDICT_MODES = ['ack-after-graph', 'none-graph-slow', 'body-hash-dedupe', 'plain-reply'];
  it('proves the ack-in-every-phase, rebatched-copy and reply-correlation rules both ways, as on the Node engine', async () => {
    expect(VERDICT_MODES.every((m) => CALIBRATION_MODES.includes(m))).toBe(true);
    const { rows, matrix } = await runFastMatrix({ modes: VERDICT_MODES, engine: 'k6', parallel: 1 });
    expect(rows.map((r) => r.mode)).toEqual(VERDICT_MODES);
    expect(
      rows.filter((r) => !r.ok).map((r) => r.mode),
      matrix,
    ).toEqual([]);
  }, 600_000);
});
