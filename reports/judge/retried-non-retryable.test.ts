import { describe, expect, it } from 'vitest';
import { LEDGER_FLAG } from '../../common/contracts/index.ts';
import { buildLedgerStats, RUN_ID } from '../../test/helpers/reports/test-builders.ts';
import { countRetriedNonRetryable } from './retried-non-retryable.ts';

const REFUSED_THEN_SENT_AGAIN = LEDGER_FLAG.rejected | LEDGER_FLAG.retriedNonRetryable;

describe('retries after a do-not-retry Graph error', () => {
  it('counts a message whose refused read receipt was sent again while its reply went out once (retry-4xx)', () => {
    const ledger = buildLedgerStats({
      answered: 10,
      messages: [{ seq: 4, replies: 1, reads: 1, flags: REFUSED_THEN_SENT_AGAIN }],
    });
    expect(countRetriedNonRetryable(ledger, RUN_ID)).toEqual({ retried: 1, reprocessed: 0 });
  });

  it('leaves a message processed twice to the duplicates gate: its refused read was sent again with a second reply (no-dedupe, calibration seq 207)', () => {
    const ledger = buildLedgerStats({
      answered: 10,
      messages: [{ seq: 4, replies: 2, reads: 0, flags: REFUSED_THEN_SENT_AGAIN }],
    });
    expect(countRetriedNonRetryable(ledger, RUN_ID)).toEqual({ retried: 0, reprocessed: 1 });
  });

  it('counts only the messages first sent in the range asked for', () => {
    const ledger = buildLedgerStats({
      answered: 10,
      messages: [
        { seq: 2, replies: 1, reads: 1, flags: REFUSED_THEN_SENT_AGAIN },
        { seq: 7, replies: 1, reads: 1, flags: REFUSED_THEN_SENT_AGAIN },
      ],
    });
    expect(countRetriedNonRetryable(ledger, RUN_ID, [5, 10]).retried).toBe(1);
  });
});
