import type { LedgerStats, Counters } from '../contracts/index.ts';
import type { Reconciliation } from './summary-schema.ts';

/** One reason messages were lost, with how many. */
export interface LostCause {
  cause: 'no-side-effect' | 'never-acknowledged';
  count: number;
  text: string;
}

// Limits and transient errors a correct connector retries through: not a reason for a loss.
const RETRIED_CODES = new Set(['130429', '131056', '80007', '4', '1', '2', '131000', '131016']);

/**
 * Why messages were lost, in words for every renderer: acknowledged but never answered (with the
 * Graph codes the mock refused meanwhile, the usual reason), and deliveries never acknowledged
 * after every redelivery (Meta gives up on them too, so their updates never reach the bot).
 *
 * @example describeLostCauses(r, ledger, counters)[0]?.text // '198 acknowledged but no side effect; Graph refused 198 sends with code 2500'
 */
export function describeLostCauses(r: Reconciliation, ledger: LedgerStats | undefined, c: Counters): LostCause[] {
  const causes: LostCause[] = [];
  if (r.lost > 0) {
    const refused = Object.entries(ledger?.rejectedByCode ?? {})
      .filter(([code, n]) => n > 0 && !RETRIED_CODES.has(code))
      .sort((a, b) => b[1] - a[1]);
    const why = refused.length
      ? `; Graph refused ${refused.map(([code, n]) => `${n} sends with code ${code}`).join(', ')} (the likely cause: fix the request the mock refused)`
      : '; the target never sent a reply for them (check its logs)';
    causes.push({ cause: 'no-side-effect', count: r.lost, text: `${r.lost} acknowledged but no side effect${why}` });
  }
  if (c.redeliveriesExhausted > 0) {
    causes.push({ cause: 'never-acknowledged', count: c.redeliveriesExhausted, text: `${c.redeliveriesExhausted} deliveries never acknowledged after all redeliveries` });
  }
  return causes;
}
