import { describe, expect, it } from 'vitest';
import { buildCounters, buildLedgerStats } from '../../test/helpers/reports/test-builders.ts';
import type { Reconciliation } from '../schema/summary-schema.ts';
import { describeLostCauses } from './lost-causes.ts';

const lost = (n: number) => ({ lost: n, lostAfterRefusals: 0 }) as Reconciliation;

describe('describeLostCauses', () => {
  it('never says the target sent no reply when the mock saw replies it could not tie, and says how to fix it', () => {
    const ledger = { ...buildLedgerStats(), uncorrelated: 317 };
    const [cause] = describeLostCauses(lost(317), ledger, buildCounters());
    expect(cause?.text).not.toContain('never sent a reply');
    expect(cause?.text).toContain('the mock saw 317 sends it could not tie to a message of this run');
    expect(cause?.text).toContain("reply to the message's `from`");
    expect(cause?.text).toContain('context.message_id');
  });

  it('says the target never sent a reply when the mock saw none at all', () => {
    const [cause] = describeLostCauses(lost(2), buildLedgerStats(), buildCounters());
    expect(cause?.text).toBe(
      '2 acknowledged but no side effect; the target never sent a reply for them (check its logs)',
    );
  });
});
