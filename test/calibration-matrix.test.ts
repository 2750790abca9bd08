import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_MODES, renderCalibrationMatrix, runCalibrationMatrix } from '../calibration/index.ts';
import { loadScenarioDefinition } from '../engine/index.ts';

const root = resolve(import.meta.dirname, '..');

// The fast matrix: every mode, 8 s each, compressed chaos, three modes side by side.
// It runs in its own vitest pass (vitest.calibration.config.ts) so other suites do not skew latencies.
describe('calibration matrix (fast)', () => {
  it('passes the correct connector on every gate and fails each defect on exactly its gates', async () => {
    const rows = await runCalibrationMatrix({
      modes: CALIBRATION_MODES,
      scenario: 'calibration',
      extraArgs: ['--config', join(root, 'calibration/fast.json'), '--chaos', join(root, 'calibration/fast-chaos.json')],
      outDir: mkdtempSync(join(tmpdir(), 'wa-calibration-test-')),
      parallel: 3,
      scriptsDir: join(root, 'scripts'),
      loadDefinition: loadScenarioDefinition,
      signal: new AbortController().signal,
      log: () => {},
    });
    const matrix = renderCalibrationMatrix(rows);
    expect(rows.map((r) => r.mode)).toEqual(CALIBRATION_MODES);
    expect(rows.filter((r) => !r.ok).map((r) => r.mode), matrix).toEqual([]);
  }, 240_000);
});
