import { CALIBRATION_GATES, SUPERVISED_CALIBRATION_GATES } from './expectations.ts';
import type { CalibrationRow } from './evaluate.ts';

const SHORT: Record<string, string> = {
  pass: 'pass',
  fail: 'FAIL',
  'not-measured': 'n/m',
  incomplete: 'inc',
  missing: '—',
};

/**
 * The mode × gate matrix as Markdown: each cell "observed" with ✓ when it matches the
 * expectation, ✗ (expected …) when it does not. Pure, used for the terminal and the README.
 */
export function renderCalibrationMatrix(rows: readonly CalibrationRow[]): string {
  const supervised = SUPERVISED_CALIBRATION_GATES.filter((g) => rows.some((r) => r.cells.some((c) => c.gate === g)));
  const columns = [...CALIBRATION_GATES, ...supervised];
  const header = `| mode | ${columns.join(' | ')} | verdict |`;
  const rule = `|${'---|'.repeat(columns.length + 2)}`;
  const lines = rows.map((row) => {
    const cells = columns.map((gate) => {
      const c = row.cells.find((x) => x.gate === gate);
      if (!c) return '';
      if (c.notJudged) return `${SHORT[c.observed]} (not judged)`;
      return c.ok ? `${SHORT[c.observed]} ✓` : `${SHORT[c.observed]} ✗ (expected ${c.expected})`;
    });
    return `| ${row.mode} | ${cells.join(' | ')} | ${row.ok ? 'as expected' : `**UNEXPECTED**${row.error ? `: ${row.error}` : ''}`} |`;
  });
  const ok = rows.filter((r) => r.ok).length;
  return [header, rule, ...lines, '', `${ok}/${rows.length} modes as expected.`].join('\n');
}
