import { describe, expect, it } from 'vitest';
import { PRESET_CALIBRATION_MODES } from '../../scripts/calibrate/index.ts';
import { runCalibrationRows } from '../helpers/run-calibration.ts';

// Control rows (issue 24): the correct reference connector in each built-in preset's shape, under the
// preset's own chaos profile (generic-redis: redis-outage through the Redis proxy), passes every gate.
// A false alarm here is the harness's to fix (docs/verdicts.md), never the row's.
describe('calibration matrix: built-in presets with their chaos profiles', () => {
  it('passes the correct connector in every preset shape', async () => {
    const { rows, matrix } = await runCalibrationRows(PRESET_CALIBRATION_MODES, { parallel: 2 });
    expect(rows.map((r) => r.mode)).toEqual(['preset-generic-redis', 'preset-wappa', 'preset-fastapi-bot']);
    expect(
      rows.filter((r) => !r.ok).map((r) => r.mode),
      matrix,
    ).toEqual([]);
  }, 300_000);
});
