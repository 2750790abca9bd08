import { describe, expect, it } from 'vitest';
import { CALIBRATION_MODES } from '../../scripts/calibrate/index.ts';
import { runFastMatrix } from '../helpers/calibration-matrix.ts';

// The fast matrix: every mode, 8 s each, compressed chaos, three modes side by side.
// It runs in its own vitest pass (vitest.calibration.config.ts) so other suites do not skew latencies.
describe('calibration matrix (fast)', () => {
  it('passes the correct connector on every gate and fails each defect on exactly its gates', async () => {
    const { rows, matrix } = await runFastMatrix({ modes: CALIBRATION_MODES, engine: 'node' });
    expect(rows.map((r) => r.mode)).toEqual(CALIBRATION_MODES);
    expect(
      rows.filter((r) => !r.ok).map((r) => r.mode),
      matrix,
    ).toEqual([]);
  }, 240_000);
});
