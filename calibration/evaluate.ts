import { CALIBRATION_GATES, EXPECTED_FAILURES, type CalibrationGate } from './expectations.ts';

export type Observed = 'pass' | 'fail' | 'not-measured' | 'incomplete' | 'missing';

export interface CalibrationCell {
  gate: CalibrationGate;
  expected: 'pass' | 'fail';
  observed: Observed;
  ok: boolean;
}

export interface CalibrationRow {
  mode: string;
  cells: CalibrationCell[];
  ok: boolean;
  runDir?: string;
  error?: string;
}

/** Compares one run's gate verdicts with the expectation for its mode. Pure. */
export function evaluateCalibrationRun(mode: string, gates: readonly { id: string; verdict: string }[], runDir?: string): CalibrationRow {
  const mustFail = new Set<string>(EXPECTED_FAILURES[mode] ?? []);
  const cells = CALIBRATION_GATES.map((gate): CalibrationCell => {
    const expected = mustFail.has(gate) ? 'fail' : 'pass';
    const verdict = gates.find((g) => g.id === gate)?.verdict;
    const observed: Observed = verdict === 'pass' || verdict === 'fail' || verdict === 'not-measured' || verdict === 'incomplete' ? verdict : 'missing';
    // "not measured" fails a gate unless allowed, so it only meets an expected failure if nothing else does.
    return { gate, expected, observed, ok: observed === expected };
  });
  return { mode, cells, ok: cells.every((c) => c.ok), runDir };
}

/** A run that could not complete: every cell is wrong, with the reason kept. */
export function failedCalibrationRun(mode: string, error: string): CalibrationRow {
  const mustFail = new Set<string>(EXPECTED_FAILURES[mode] ?? []);
  const cells = CALIBRATION_GATES.map((gate): CalibrationCell => ({ gate, expected: mustFail.has(gate) ? 'fail' : 'pass', observed: 'missing', ok: false }));
  return { mode, cells, ok: false, error };
}
