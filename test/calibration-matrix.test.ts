import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_MODES } from '../calibration/index.ts';
import { ROOT as root, runCalibrationRows } from './helpers/run-calibration.ts';

// The fast matrix: every mode, 8 s each, compressed chaos, three modes side by side.
// It runs in its own vitest pass (vitest.calibration.config.ts) so other suites do not skew latencies.
describe('calibration matrix (fast)', () => {
  it('passes the correct connector on every gate and fails each defect on exactly its gates', async () => {
    const { rows, matrix } = await runCalibrationRows(CALIBRATION_MODES, { extraArgs: ['--config', join(root, 'calibration/fast.json'), '--chaos', join(root, 'calibration/fast-chaos.json')] });
    expect(rows.map((r) => r.mode)).toEqual(CALIBRATION_MODES);
    expect(rows.filter((r) => !r.ok).map((r) => r.mode), matrix).toEqual([]);
  }, 240_000);
});
