import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { CalibrationRow } from '../../calibration/index.ts';
import { ROOT, runCalibrationRows } from './run-calibration.ts';

export const FAKE_K6_DIR = join(ROOT, 'scenarios/test-support/fake-k6');

/**
 * calibration/fast-chaos.json with the `unavailable` phase at 50 % 503 instead of 20 %. That
 * phase is 2 s of a 20/s run: about ten replies, so at 20 % a no-retry connector loses a message
 * only when the seeded fault sequence happens to land on a reply (not a read receipt), and with
 * k6's VUs calling in a different order it did not in one run of three. At 50 % it misses with
 * odds under 1 in 1,000, and a retrying connector still recovers inside the next phases.
 */
export function writeSharpFastChaos(): string {
  const profile = JSON.parse(readFileSync(join(ROOT, 'calibration/fast-chaos.json'), 'utf8')) as { phases: { name: string; faults: { probability?: number }[] }[] };
  const unavailable = profile.phases.find((p) => p.name === 'unavailable');
  if (!unavailable?.faults[0]) throw new Error('calibration/fast-chaos.json has no unavailable phase with a fault: update writeSharpFastChaos');
  unavailable.faults[0].probability = 0.5;
  const file = join(mkdtempSync(join(tmpdir(), 'wa-calibration-chaos-')), 'fast-chaos-sharp.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

/**
 * The fast calibration matrix (8 s config, compressed chaos, three modes side by side unless told) on one
 * engine. k6 runs put the fake k6 binary on PATH with its VU pool capped, as on machines without k6.
 */
export async function runFastMatrix(options: { modes: readonly string[]; engine: 'node' | 'k6'; chaosFile?: string; parallel?: number }): Promise<{ rows: CalibrationRow[]; matrix: string }> {
  if (options.engine === 'k6') {
    if (!process.env.PATH?.startsWith(FAKE_K6_DIR)) process.env.PATH = `${FAKE_K6_DIR}${delimiter}${process.env.PATH}`;
    process.env.FAKE_K6_VU_LIMIT = '6';
  }
  return runCalibrationRows(options.modes, {
    engine: options.engine,
    extraArgs: ['--config', join(ROOT, 'calibration/fast.json'), '--chaos', options.chaosFile ?? join(ROOT, 'calibration/fast-chaos.json')],
    parallel: options.parallel ?? 3,
  });
}
