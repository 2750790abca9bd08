import { delimiter, join } from 'node:path';
import type { CalibrationRow } from '../../scripts/calibrate/index.ts';
import { ROOT, runCalibrationRows } from './run-calibration.ts';

export const FAKE_K6_DIR = join(ROOT, 'test/doubles/fake-k6');

/** The fast calibration config and its compressed chaos (50 % 503 while `unavailable`: see the profile's description). */
export const FAST_CONFIG = join(ROOT, 'scripts/calibrate/fast.json');
export const FAST_CHAOS = join(ROOT, 'scripts/calibrate/fast-chaos.json');

/**
 * The fast calibration matrix (8 s config, compressed chaos, three modes side by side unless told) on one
 * engine. k6 runs put the fake k6 binary on PATH with its VU pool capped, as on machines without k6.
 */
export async function runFastMatrix(options: {
  modes: readonly string[];
  engine: 'node' | 'k6';
  parallel?: number;
}): Promise<{ rows: CalibrationRow[]; matrix: string }> {
  if (options.engine === 'k6') {
    if (!process.env.PATH?.startsWith(FAKE_K6_DIR)) process.env.PATH = `${FAKE_K6_DIR}${delimiter}${process.env.PATH}`;
    process.env.FAKE_K6_VU_LIMIT = '6';
  }
  return runCalibrationRows(options.modes, {
    engine: options.engine,
    extraArgs: ['--config', FAST_CONFIG, '--chaos', FAST_CHAOS],
    parallel: options.parallel ?? 3,
  });
}
