/**
 * Calibration: proves the gates catch every seeded defect of the reference connector and pass
 * the correct one. A mode × gate matrix of expected vs observed verdicts.
 *
 * @example
 * const rows = await runCalibrationMatrix({ modes: CALIBRATION_MODES, scenario: 'calibration', … });
 * console.log(renderCalibrationMatrix(rows));
 */
export {
  ALL_CALIBRATION_MODES,
  CALIBRATION_GATES,
  CALIBRATION_MODES,
  DEFAULT_CALIBRATE_MODES,
  PRESET_CALIBRATION_MODES,
  PRESET_CONTROL_MODES,
  SHAPED_MODES,
  DEPENDENCY_CALIBRATION_MODES,
  DEPENDENCY_MODES,
  EXPECTED_FAILURES,
  SUPERVISED_CALIBRATION_GATES,
  SUPERVISED_MODES,
  NOT_JUDGED,
  type CalibrationGate,
} from './expectations.ts';
export {
  evaluateCalibrationRun,
  failedCalibrationRun,
  gatesOf,
  type CalibrationRow,
  type CalibrationCell,
} from './evaluate.ts';
export { renderCalibrationMatrix } from './render.ts';
export { runCalibrationMatrix, type CalibrationOptions } from './run-matrix.ts';
