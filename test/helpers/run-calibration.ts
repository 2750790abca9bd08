import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  renderCalibrationMatrix,
  runCalibrationMatrix,
  type CalibrationOptions,
  type CalibrationRow,
} from '../../scripts/calibrate/index.ts';
import { loadScenarioDefinition } from '../../scenarios/definitions/index.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Runs calibration rows as `npm test` does (calibration scenario, three side by side, a temp out folder) and renders the matrix for the failure message. */
export async function runCalibrationRows(
  modes: readonly string[],
  options: Partial<Pick<CalibrationOptions, 'extraArgs' | 'engine' | 'parallel'>> = {},
): Promise<{ rows: CalibrationRow[]; matrix: string }> {
  const rows = await runCalibrationMatrix({
    modes,
    scenario: 'calibration',
    extraArgs: options.extraArgs ?? [],
    engine: options.engine,
    outDir: mkdtempSync(join(tmpdir(), 'wa-calibration-test-')),
    parallel: options.parallel ?? 3,
    scriptsDir: join(ROOT, 'scripts'),
    loadDefinition: loadScenarioDefinition,
    signal: new AbortController().signal,
    log: () => {},
  });
  return { rows, matrix: renderCalibrationMatrix(rows) };
}
