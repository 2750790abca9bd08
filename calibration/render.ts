import { CALIBRATION_GATES } from './expectations.ts';
import type { CalibrationRow } from './evaluate.ts';

const SHORT: Record<string, string> = { pass: 'pass', fail: 'FAIL', 'not-measured': 'n/m', incomplete: 'inc', missing: '—' };

/**
 * The mode × gate matrix as Markdown: each cell "observed" with ✓ when it matches the
 * expectation, ✗ (expected …) when it does not. Pure, used for the terminal and the README.
 */
export function renderCalibrationMatrix(rows: readonly CalibrationRow[]): string {
  const header = `| mode | ${CALIBRATION_GATES.join(' | ')} | verdict |`;
  const rule = `|${'---|'.repeat(CALIBRATION_GATES.length + 2)}`;
  const lines = rows.map((row) => {
    const cells = row.cells.map((c) => (c.ok ? `${SHORT[c.observed]} ✓` : `${SHORT[c.observed]} ✗ (expected ${c.expected})`));
    return `| ${row.mode} | ${cells.join(' | ')} | ${row.ok ? 'as expected' : `**UNEXPECTED**${row.error ? `: ${row.error}` : ''}`} |`;
  });
  const ok = rows.filter((r) => r.ok).length;
  return [header, rule, ...lines, '', `${ok}/${rows.length} modes as expected.`].join('\n');
}
