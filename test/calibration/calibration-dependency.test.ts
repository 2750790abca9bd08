import { describe, expect, it } from 'vitest';
import { DEPENDENCY_CALIBRATION_MODES } from '../../scripts/calibrate/index.ts';
import { runCalibrationRows } from '../helpers/run-calibration.ts';

// The Redis-fault rows (issue 17): the reference connector through the Redis proxy while Redis
// is down for 3 s. Fail closed passes; "acknowledge and drop" fails lost; "fall back to memory"
// fails duplicates. Their own file, after the fast matrix, so that one keeps its time budget.
describe('calibration matrix: Redis dependency faults', () => {
  it('passes the fail-closed connector and fails each Redis-down defect on exactly its gate', async () => {
    const { rows, matrix } = await runCalibrationRows(DEPENDENCY_CALIBRATION_MODES);
    expect(rows.map((r) => r.mode)).toEqual(['redis-outage', 'redis-down-ack-drop', 'redis-down-memory-fallback']);
    expect(
      rows.filter((r) => !r.ok).map((r) => r.mode),
      matrix,
    ).toEqual([]);
  }, 180_000);
});
