import { describe, expect, it } from 'vitest';
import { formatDuration } from './format.ts';
import { renderTerminal } from './render-terminal.ts';
import { buildRichSummary } from '../../test/helpers/reports/render-support.ts';

describe('terminal wording', () => {
  it('formats a 179.6 s run as 3 min 0 s, never 2 min 60 s', () => {
    expect(formatDuration(179.6)).toBe('3 min 0 s');
    expect(formatDuration(180)).toBe('3 min 0 s');
    expect(formatDuration(59.7)).toBe('1 min 0 s');
    expect(formatDuration(3599.8)).toBe('1 h 0 min');
    expect(formatDuration(42.2)).toBe('42 s');
  });

  it('says a phase of an aborted run is incomplete, not "all pass"', () => {
    const summary = buildRichSummary({ aborted: true });
    expect(summary.phaseGates.length).toBeGreaterThan(0);
    const text = renderTerminal(summary, { color: false });
    expect(text).toContain('gates are incomplete');
    expect(text).not.toMatch(/phase \S+: all pass/);
    expect(text).toMatch(/phase \S+: incomplete/);
  });
});
