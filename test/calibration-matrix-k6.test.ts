import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_MODES, renderCalibrationMatrix, runCalibrationMatrix } from '../calibration/index.ts';
import { loadScenarioDefinition } from '../engine/index.ts';

const root = resolve(import.meta.dirname, '..');

// `npm run calibrate -- --engine k6` on machines without k6: the fake k6 binary
// (scenarios/test-support/fake-k6) on PATH runs the scenario files with k6's semantics.
// A fake-k6 VU is a worker thread, so the full 11 modes take too long for the shared test
// machines; three modes cover a clean pass, a ledger gate (lost) and a run-record gate.
const MODES = ['none', 'no-retry', 'accept-unsigned'];

describe('calibration matrix (fast) on the k6 engine', () => {
  it('gives the verdicts of the Node engine for a clean connector, a lost-message defect and a security defect', async () => {
    process.env.PATH = `${join(root, 'scenarios/test-support/fake-k6')}${delimiter}${process.env.PATH}`;
    process.env.FAKE_K6_VU_LIMIT = '6';
    const rows = await runCalibrationMatrix({
      modes: MODES,
      scenario: 'calibration',
      engine: 'k6',
      extraArgs: ['--config', join(root, 'calibration/fast.json'), '--chaos', join(root, 'calibration/fast-chaos.json')],
      outDir: mkdtempSync(join(tmpdir(), 'wa-calibration-k6-test-')),
      parallel: 3,
      scriptsDir: join(root, 'scripts'),
      loadDefinition: loadScenarioDefinition,
      signal: new AbortController().signal,
      log: () => {},
    });
    const matrix = renderCalibrationMatrix(rows);
    expect(rows.map((r) => r.mode)).toEqual(MODES);
    expect(MODES.every((m) => CALIBRATION_MODES.includes(m))).toBe(true);
    expect(rows.filter((r) => !r.ok).map((r) => r.mode), matrix).toEqual([]);
  }, 300_000);
});
