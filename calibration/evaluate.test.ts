import { describe, expect, it } from 'vitest';
import { evaluateCalibrationRun, failedCalibrationRun } from './evaluate.ts';
import { CALIBRATION_GATES } from './expectations.ts';
import { renderCalibrationMatrix } from './render.ts';

const allPass = CALIBRATION_GATES.map((id) => ({ id, verdict: 'pass' }));

describe('calibration matrix', () => {
  it('accepts the correct connector only when every gate passes', () => {
    expect(evaluateCalibrationRun('none', allPass).ok).toBe(true);
    const oneFails = allPass.map((g) => (g.id === 'lost' ? { ...g, verdict: 'fail' } : g));
    expect(evaluateCalibrationRun('none', oneFails).ok).toBe(false);
  });

  it('accepts a defect only when exactly its gates fail', () => {
    const dupFails = allPass.map((g) => (g.id === 'duplicates' ? { ...g, verdict: 'fail' } : g));
    expect(evaluateCalibrationRun('no-dedupe', dupFails).ok).toBe(true);
    expect(evaluateCalibrationRun('no-dedupe', allPass).ok).toBe(false);
    const extra = dupFails.map((g) => (g.id === 'ack-p99' ? { ...g, verdict: 'fail' } : g));
    expect(evaluateCalibrationRun('no-dedupe', extra).ok).toBe(false);
  });

  it('never counts a gate that was not measured as the expected pass', () => {
    const notMeasured = allPass.map((g) => (g.id === 'dedupe-p99' ? { ...g, verdict: 'not-measured' } : g));
    expect(evaluateCalibrationRun('none', notMeasured).ok).toBe(false);
  });

  it('renders unexpected cells with what was expected', () => {
    const text = renderCalibrationMatrix([evaluateCalibrationRun('no-dedupe', allPass), failedCalibrationRun('slow-ack', 'target did not start')]);
    expect(text).toContain('| no-dedupe | pass ✓ | pass ✓ | pass ✓ | pass ✓ | pass ✗ (expected fail) |');
    expect(text).toContain('**UNEXPECTED**: target did not start');
    expect(text).toContain('0/2 modes as expected.');
  });
});
