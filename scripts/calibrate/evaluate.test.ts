import { describe, expect, it } from 'vitest';
import { evaluateCalibrationRun, failedCalibrationRun, gatesOf } from './evaluate.ts';
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
    const text = renderCalibrationMatrix([
      evaluateCalibrationRun('no-dedupe', allPass),
      failedCalibrationRun('slow-ack', 'target did not start'),
    ]);
    expect(text).toContain('| no-dedupe | pass ✓ | pass ✓ | pass ✓ | pass ✓ | pass ✗ (expected fail) |');
    expect(text).toContain('**UNEXPECTED**: target did not start');
    expect(text).toContain('0/2 modes as expected.');
  });

  it('judges a drain row on the drain gates and not on the restart gates', () => {
    expect(gatesOf('drop-on-sigterm')).toEqual(
      expect.arrayContaining(['peak-rss', 'health', 'log-hygiene', 'drain-unprocessed', 'drain-time']),
    );
    expect(gatesOf('drop-on-sigterm')).not.toContain('restart-duplicates');
    expect(gatesOf('log-sender')).not.toContain('drain-time');
    expect(gatesOf('none')).not.toContain('peak-rss');
  });

  it('fails a supervised row whose supervised gate is missing from the summary', () => {
    const row = evaluateCalibrationRun('log-sender', [
      ...allPass,
      { id: 'peak-rss', verdict: 'pass' },
      { id: 'health', verdict: 'pass' },
    ]);
    expect(row.ok).toBe(false);
    expect(row.cells.find((c) => c.gate === 'log-hygiene')?.observed).toBe('missing');
  });

  it('accepts any verdict of a gate the row does not judge, but not a missing one', () => {
    const gates = [
      ...allPass,
      ...['peak-rss', 'health', 'log-hygiene', 'restart-lost'].map((id) => ({ id, verdict: 'pass' })),
    ];
    const failing = (ids: string[]) =>
      gates
        .map((g) => (ids.includes(g.id) ? { ...g, verdict: 'fail' } : g))
        .concat([{ id: 'restart-duplicates', verdict: 'fail' }]);
    expect(evaluateCalibrationRun('restart-memory-dedupe', failing(['duplicates', 'lost', 'restart-lost'])).ok).toBe(
      true,
    );
    expect(evaluateCalibrationRun('restart-memory-dedupe', failing(['duplicates'])).ok).toBe(true);
    expect(evaluateCalibrationRun('restart-memory-dedupe', failing([])).ok).toBe(false);
  });
});
