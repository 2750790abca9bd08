import { describe, expect, it } from 'vitest';
import type { GateResult, Summary } from '../schema/summary-schema.ts';
import { lostDifference } from './lost-agreement.ts';

const lostGate = (observed: number, note: string) => ({ id: 'lost', observed, note }) as GateResult;
const reconciliation = (lost: number) => ({ lost }) as NonNullable<Summary['reconciliation']>;

describe('the reconciliation line and the lost gate', () => {
  it('says why they differ: 5 lost in the ledger, the gate counts 3 after leaving 2 ambiguous out', () => {
    const note =
      '3 of 278 acknowledged messages got no reply. Not counted: 2 lost after a Redis claim whose reply the proxy cut.';
    expect(lostDifference({ reconciliation: reconciliation(5), gates: [lostGate(3, note)] })).toBe(
      ' (the lost gate counts 3: it leaves out 2 ambiguous (a Redis claim whose reply the proxy cut))',
    );
  });

  it('says nothing when they agree', () => {
    expect(lostDifference({ reconciliation: reconciliation(2), gates: [lostGate(2, '')] })).toBe('');
  });
});
