import type { Summary } from '../schema/summary-schema.ts';

/**
 * Why the reconciliation's lost count and the lost gate differ, for the reconciliation line of every
 * report ('' when they agree): the gate leaves out ambiguous losses (a Redis claim whose reply the
 * proxy cut) and adds deliveries never acknowledged after all their redeliveries.
 *
 * @example lostDifference(s) // ' (the lost gate counts 3: it leaves out 2 ambiguous …)'
 */
export function lostDifference(s: Pick<Summary, 'reconciliation' | 'gates'>): string {
  const r = s.reconciliation;
  const gate = s.gates.find((g) => g.id === 'lost');
  if (!r || !gate || gate.observed === null || gate.observed === r.lost) return '';
  const ambiguous = /Not counted: (\d+) lost/.exec(gate.note)?.[1];
  const exhausted = /(\d+) deliveries never acknowledged after all redeliveries/.exec(gate.note)?.[1];
  const why = [
    ambiguous && `it leaves out ${ambiguous} ambiguous (a Redis claim whose reply the proxy cut)`,
    exhausted && `it adds ${exhausted} deliveries never acknowledged after all redeliveries`,
  ].filter(Boolean);
  return ` (the lost gate counts ${gate.observed}${why.length ? `: ${why.join('; ')}` : '; see its note'})`;
}
