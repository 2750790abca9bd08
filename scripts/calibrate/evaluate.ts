import {
  CALIBRATION_GATES,
  EXPECTED_FAILURES,
  NOT_JUDGED,
  SUPERVISED_CALIBRATION_GATES,
  SUPERVISED_MODES,
  type CalibrationGate,
} from './expectations.ts';

export type Observed = 'pass' | 'fail' | 'not-measured' | 'incomplete' | 'missing';

export interface CalibrationCell {
  gate: CalibrationGate;
  expected: 'pass' | 'fail';
  observed: Observed;
  ok: boolean;
  /** True when the row does not judge this gate (NOT_JUDGED): any verdict is ok. */
  notJudged?: boolean;
}

/** The gates a mode is judged on: supervised rows add the supervised target's gates that apply. */
export function gatesOf(mode: string): CalibrationGate[] {
  if (!SUPERVISED_MODES[mode]) return [...CALIBRATION_GATES];
  const args = SUPERVISED_MODES[mode].args.join(' ');
  const drill = args.includes('drain@') ? 'drain' : args.includes('restart@') ? 'restart' : undefined;
  return [
    ...CALIBRATION_GATES,
    ...SUPERVISED_CALIBRATION_GATES.filter(
      (g) => (!g.startsWith('drain') && !g.startsWith('restart')) || g.startsWith(drill ?? '-'),
    ),
  ];
}

export interface CalibrationRow {
  mode: string;
  cells: CalibrationCell[];
  ok: boolean;
  runDir?: string;
  error?: string;
}

/** Compares one run's gate verdicts with the expectation for its mode. Pure. */
export function evaluateCalibrationRun(
  mode: string,
  gates: readonly { id: string; verdict: string }[],
  runDir?: string,
): CalibrationRow {
  const mustFail = new Set<string>(EXPECTED_FAILURES[mode] ?? []);
  const notJudged = new Set<string>(NOT_JUDGED[mode] ?? []);
  const cells = gatesOf(mode).map((gate): CalibrationCell => {
    const expected = mustFail.has(gate) ? 'fail' : 'pass';
    const verdict = gates.find((g) => g.id === gate)?.verdict;
    const observed: Observed =
      verdict === 'pass' || verdict === 'fail' || verdict === 'not-measured' || verdict === 'incomplete'
        ? verdict
        : 'missing';
    // "not measured" fails a gate unless allowed, so it only meets an expected failure if nothing else does.
    if (notJudged.has(gate)) return { gate, expected, observed, ok: observed !== 'missing', notJudged: true };
    return { gate, expected, observed, ok: observed === expected };
  });
  return { mode, cells, ok: cells.every((c) => c.ok), runDir };
}

/** A run that could not complete: every cell is wrong, with the reason kept. */
export function failedCalibrationRun(mode: string, error: string): CalibrationRow {
  const mustFail = new Set<string>(EXPECTED_FAILURES[mode] ?? []);
  const cells = gatesOf(mode).map((gate): CalibrationCell => ({
    gate,
    expected: mustFail.has(gate) ? 'fail' : 'pass',
    observed: 'missing',
    ok: false,
  }));
  return { mode, cells, ok: false, error };
}
