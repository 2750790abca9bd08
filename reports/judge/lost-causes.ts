import type { LedgerStats, Counters } from '../../common/contracts/index.ts';
import { isRetryableGraphCode } from '../../common/core/index.ts';
import type { Reconciliation } from '../schema/summary-schema.ts';

/** One reason messages were lost, with how many. */
export interface LostCause {
  cause: 'no-side-effect' | 'never-acknowledged';
  count: number;
  text: string;
}

/**
 * Why messages were lost, in words for every renderer: acknowledged but never answered (split into
 * those whose replies Graph refused with a retryable answer, so the target gave up, and those with
 * no attempt at all; with the do-not-retry Graph codes the mock refused meanwhile), and deliveries never acknowledged
 * after every redelivery (Meta gives up on them too, so their updates never reach the bot).
 *
 * @example describeLostCauses(r, ledger, counters)[0]?.text // '198 acknowledged but no side effect; Graph refused 198 sends with code 2500'
 */
export function describeLostCauses(r: Reconciliation, ledger: LedgerStats | undefined, c: Counters): LostCause[] {
  const causes: LostCause[] = [];
  if (r.lost > 0) {
    const refused = Object.entries(ledger?.rejectedByCode ?? {})
      // Limits and transient errors a correct connector retries through are not a reason for a loss.
      .filter(([code, n]) => n > 0 && !isRetryableGraphCode(Number(code)))
      .sort((a, b) => b[1] - a[1]);
    const afterRefusals = Math.min(r.lost, r.lostAfterRefusals ?? 0);
    const others = r.lost - afterRefusals;
    const untied = describeUntied(ledger?.uncorrelated ?? 0);
    const otherWhy = refused.length
      ? `Graph refused ${refused.map(([code, n]) => `${n} sends with code ${code}`).join(', ')} (the likely cause: fix the request the mock refused)` +
        (untied ? `; ${untied}` : '')
      : untied || 'the target never sent a reply for them (check its logs)';
    const why = !afterRefusals
      ? `; ${otherWhy}`
      : `: ${afterRefusals} had replies refused by retryable Graph answers (429, 5xx, timeouts, throughput limits) and the target gave up retrying (a correct connector retries them, with backoff, until Graph accepts)` +
        (others ? `; for the other ${others}, ${otherWhy}` : '');
    causes.push({ cause: 'no-side-effect', count: r.lost, text: `${r.lost} acknowledged but no side effect${why}` });
  }
  if (c.redeliveriesExhausted > 0) {
    causes.push({
      cause: 'never-acknowledged',
      count: c.redeliveriesExhausted,
      text: `${c.redeliveriesExhausted} deliveries never acknowledged after all redeliveries`,
    });
  }
  return causes;
}

/** Sends the mock saw but could not tie to a message: the target did answer, to no sender the run used. */
function describeUntied(uncorrelated: number): string {
  if (!uncorrelated) return '';
  return (
    `the mock saw ${uncorrelated} sends it could not tie to a message of this run: their \`to\` is no sender ` +
    `the run sent from and no context.message_id names one of its messages (reply to the message's \`from\`: ` +
    `every message has its own sender; or quote the message id in context.message_id, which senderPool needs)`
  );
}
