import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPENDENCY_CALIBRATION_MODES, renderCalibrationMatrix, runCalibrationMatrix } from '../calibration/index.ts';
import { loadScenarioDefinition } from '../engine/index.ts';

const root = resolve(import.meta.dirname, '..');

// The Redis-fault rows (issue 17): the reference connector through the Redis proxy while Redis
// is down for 3 s. Fail closed passes; "acknowledge and drop" fails lost; "fall back to memory"
// fails duplicates. Their own file, after the fast matrix, so that one keeps its time budget.
describe('calibration matrix: Redis dependency faults', () => {
  it('passes the fail-closed connector and fails each Redis-down defect on exactly its gate', async () => {
    const rows = await runCalibrationMatrix({
      modes: DEPENDENCY_CALIBRATION_MODES,
      scenario: 'calibration',
      extraArgs: [],
      outDir: mkdtempSync(join(tmpdir(), 'wa-calibration-dependency-')),
      parallel: 3,
      scriptsDir: join(root, 'scripts'),
      loadDefinition: loadScenarioDefinition,
      signal: new AbortController().signal,
      log: () => {},
    });
    const matrix = renderCalibrationMatrix(rows);
    expect(rows.map((r) => r.mode)).toEqual(['redis-outage', 'redis-down-ack-drop', 'redis-down-memory-fallback']);
    expect(rows.filter((r) => !r.ok).map((r) => r.mode), matrix).toEqual([]);
  }, 180_000);
});
